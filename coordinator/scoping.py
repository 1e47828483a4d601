"""Helpers around the tenancy guard (django-scopes)."""

from collections.abc import Iterator
from contextlib import contextmanager

from django_scopes.state import state as scope_state


@contextmanager
def no_scope() -> Iterator[None]:
    """Run a block with no scope at all, whatever the caller had open (an eager task inside
    a request, a command): a query of settlement data raises ``ScopeError``.

    ``scope(settlement=-1)`` would not do: it filters on an impossible settlement and
    quietly returns nothing instead of raising. django-scopes has no public call for this,
    so the block sets its context variable to an empty scope and restores it after."""
    token = scope_state.set({})
    try:
        yield
    finally:
        scope_state.reset(token)
