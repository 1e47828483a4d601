"""What sign-ups for events, shifts and classes share: who signed up (``ContactData``),
their personal link, and the resident they are when their e-mail is in the registry.

A personal link is ``link_token(purpose, nonce)`` (an HMAC under the server's key); the
row keeps the nonce, to put the link in a reminder, and the token's hash, to find the row
from the link. Neither alone is a working link.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, QuerySet

from committees.tokens import TOKEN_MAX, link_token, new_nonce, token_hash
from coordinator.models import Language, Resident, Settlement

EVENT = "event-signup"
SHIFT = "shift-signup"
CLASS = "class-registration"

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class ContactData:
    """Who signs up, as they wrote it (or as the coordinator took it down)."""

    name: str
    email: str = ""
    phone: str = ""
    language: str = ""


def link_issue(row: Any, purpose: str) -> str:
    """Give ``row`` (not yet saved, or saved by the caller after) a new personal link;
    returns its token."""
    row.nonce = new_nonce()
    token = link_token(purpose, row.nonce)
    row.token_hash = token_hash(token)
    return token


def link_of(row: Any, purpose: str) -> str:
    """The token of ``row``'s personal link, for a message; "" if it has none."""
    return link_token(purpose, row.nonce) if row.nonce else ""


def by_token(queryset: QuerySet[M], token: str) -> M | None:
    """The row whose personal link is ``token``, or None."""
    if not token or len(token) > TOKEN_MAX:
        return None
    return queryset.filter(token_hash=token_hash(token)).first()


def resident_for(settlement: Settlement, email: str) -> Resident | None:
    """The settlement's resident with this e-mail (not archived), if exactly one."""
    if not email:
        return None
    found = list(
        Resident.objects.filter(
            settlement=settlement, email__iexact=email.strip(), archived_at__isnull=True
        )[:2]
    )
    return found[0] if len(found) == 1 else None


def contact_language(code: str, settlement: Settlement) -> str:
    """The language to write to someone in: theirs, else the settlement's, else English."""
    for known in (code, settlement.language):
        if known in Language.values:
            return known
    return Language.ENGLISH


def places_filled(waiting: Sequence[M], free: int | None, size: Callable[[M], int]) -> list[M]:
    """Who of ``waiting`` (in the order they came) moves up into ``free`` places (None: no
    limit): each group that fits, in turn; a group too large for what is left is passed
    over, and a smaller one behind it may move up."""
    moving: list[M] = []
    for row in waiting:
        if free is not None and size(row) > free:
            continue
        moving.append(row)
        if free is not None:
            free -= size(row)
    return moving
