"""Queued messages as they will be sent: the sender puts the personal link in place of
the placeholder (events/links.py); the stored text keeps the placeholder."""

from collections.abc import Iterable

from messaging.models import LINK_PLACEHOLDER, Message
from messaging.services import LINK_BUILDERS


def as_sent(rows: Iterable[Message]) -> list[Message]:
    """``rows`` (in a scope), each with ``body`` as it will be sent and ``stored`` as it is
    stored."""
    out = []
    for row in rows:
        row.stored = row.body  # type: ignore[attr-defined]
        ref = row.link_ref
        if row.link_kind and ref is not None:
            link = LINK_BUILDERS[row.link_kind]([ref])[ref]
            row.body = row.body.replace(LINK_PLACEHOLDER, link or "")
        out.append(row)
    return out
