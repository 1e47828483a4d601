"""Database ids from requests: a URL, query or form value that should be a row's id."""

from collections.abc import Iterable
from typing import Any

from django.http import Http404

MAX_ID = 2**63 - 1  # the largest id PostgreSQL's bigint holds


def as_id(value: Any) -> int | None:
    """``value`` as a database id, or None if it cannot be one."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


def as_ids(values: Iterable[Any]) -> list[int]:
    """The values that can be database ids, once each, in order."""
    return sorted({n for n in (as_id(v) for v in values) if n is not None})


def id_or_404(value: Any) -> int:
    """``value`` as a database id; anything else is a page that does not exist."""
    number = as_id(value)
    if number is None:
        raise Http404
    return number
