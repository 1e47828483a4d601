"""The personal links in messages about sign-ups, made at sending time.

A message's text holds ``LINK_PLACEHOLDER`` and names its sign-up (``link_kind``,
``link_ref``); the sender asks the builders here for the link, so no stored message holds
a working link. A sign-up erased since has no link, and its message is not sent; one
without a link of its own (made before links, or blanked) gets its message without one."""

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Model
from django.urls import reverse

from messaging.services import absolute_url, register_link

from .models import ClassRegistration, EventRegistration, ShiftSignup
from .signups import CLASS, EVENT, SHIFT, link_token

PAGES: dict[str, tuple[type[Model], str]] = {
    CLASS: (ClassRegistration, "calendar:class_registration"),
    EVENT: (EventRegistration, "calendar:signup"),
    SHIFT: (ShiftSignup, "calendar:shift_signup"),
}


def personal_url(purpose: str, slug: str, nonce: str) -> str:
    _model, page = PAGES[purpose]
    token = link_token(purpose, nonce)
    return absolute_url(reverse(page, kwargs={"slug": slug, "token": token}))


def builder(purpose: str) -> Callable[[Sequence[int]], dict[int, str | None]]:
    model, _page = PAGES[purpose]

    def links(refs: Sequence[int]) -> dict[int, str | None]:
        found: dict[int, str | None] = dict.fromkeys(refs)
        manager: Any = model._default_manager
        rows = manager.filter(pk__in=refs).values_list("pk", "nonce", "settlement__slug")
        for pk, nonce, slug in rows:
            found[pk] = personal_url(purpose, slug, nonce) if nonce else ""
        return found

    return links


def register() -> None:
    for purpose in PAGES:
        register_link(purpose, builder(purpose))
