"""Personal links of welfare's public pages: a resident's safety check-in, a volunteer's
task, a programme's shared sign-up link. As everywhere: the token is an HMAC of a random
nonce under the server's key, the row keeps the nonce and the token's SHA-256, and neither
alone is a working link. The check-in's and the task's links are made at sending time
(``messaging.services.register_link``)."""

from collections.abc import Sequence
from typing import Any

from django.urls import reverse

from committees.tokens import TOKEN_MAX, link_token, new_nonce, token_hash
from messaging.services import absolute_url, register_link

CHECK_IN = "welfare-check-in"
TASK = "welfare-task"
PROGRAMME = "welfare-programme"

PAGES = {CHECK_IN: "help:check_in", TASK: "help:task", PROGRAMME: "help:signup"}


def link_issue(row: Any, purpose: str) -> str:
    """Give ``row`` a new link (the caller saves it); returns the token."""
    row.nonce = new_nonce()
    token = link_token(purpose, row.nonce)
    row.token_hash = token_hash(token)
    return token


def url_of(purpose: str, slug: str, nonce: str) -> str:
    token = link_token(purpose, nonce)
    return absolute_url(reverse(PAGES[purpose], kwargs={"slug": slug, "token": token}))


def hash_of(token: str) -> str | None:
    """The stored hash of ``token``, or None for a token that cannot be one."""
    if not token or len(token) > TOKEN_MAX:
        return None
    return token_hash(token)


def _builder(purpose: str, model: Any) -> Any:
    def links(refs: Sequence[int]) -> dict[int, str | None]:
        found: dict[int, str | None] = dict.fromkeys(refs)
        rows = model._default_manager.filter(pk__in=refs).values_list(
            "pk", "nonce", "settlement__slug"
        )
        for pk, nonce, slug in rows:
            found[pk] = url_of(purpose, slug, nonce) if nonce else None
        return found

    return links


def register() -> None:
    from .models import CheckIn, SupportTask

    register_link(CHECK_IN, _builder(CHECK_IN, CheckIn))
    register_link(TASK, _builder(TASK, SupportTask))


__all__ = ["CHECK_IN", "PROGRAMME", "TASK", "hash_of", "link_issue", "new_nonce", "url_of"]
