"""Personal links of volunteers and residents (hours, openings, initiatives). As for
surveys: the token is an HMAC of a random nonce under the server's secret key, so the
database alone yields no working link, and only the token's SHA-256 is stored."""

from django.utils.crypto import salted_hmac

from surveys.tokens import new_nonce, token_hash

__all__ = ["TOKEN_MAX", "link_token", "new_nonce", "token_hash"]

TOKEN_MAX = 64  # longer tokens are refused before any lookup


def link_token(purpose: str, nonce: str) -> str:
    """The token of ``nonce`` for ``purpose`` ("hours", "opening", "initiative")."""
    return salted_hmac(f"committees.{purpose}", nonce, algorithm="sha256").hexdigest()[:43]
