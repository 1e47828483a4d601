"""The base of the project's management commands: they run inside the tenancy guard."""

from typing import Any

from django.core.management.base import BaseCommand

from ..scoping import no_scope


class ScopedCommand(BaseCommand):
    """Runs ``handle`` with no scope. A command that works on settlements opens
    ``scope(settlement=...)`` for each, so a query that forgets its settlement raises."""

    def execute(self, *args: Any, **options: Any) -> Any:
        with no_scope():
            return super().execute(*args, **options)
