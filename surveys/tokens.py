"""Personal links. The token is an HMAC of a random nonce under the server's secret key:
the database alone (a leaked backup) yields no working link. Only the token's SHA-256 is
stored, for finding the invitation; nonce and hash are erased when the survey closes."""

import hashlib
import secrets

from django.utils.crypto import salted_hmac


def new_nonce() -> str:
    return secrets.token_hex(16)


def invitation_token(nonce: str) -> str:
    return salted_hmac("surveys.invitation", nonce, algorithm="sha256").hexdigest()[:43]


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_share_token() -> str:
    return secrets.token_urlsafe(18)
