"""The base of the project's management commands: they run inside the tenancy guard."""

from typing import Any

from django.core.management.base import BaseCommand
from django_scopes import scope

NO_SETTLEMENT = -1


class ScopedCommand(BaseCommand):
    """Runs ``handle`` in an impossible scope. A command that works on settlements opens
    ``scope(settlement=...)`` for each, so a query that forgets its settlement raises."""

    def execute(self, *args: Any, **options: Any) -> Any:
        with scope(settlement=NO_SETTLEMENT):
            return super().execute(*args, **options)
