"""The base of the project's management commands: they run inside the tenancy guard."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from ..scoping import no_scope


class ScopedCommand(BaseCommand):
    """Runs ``handle`` with no scope. A command that works on settlements opens
    ``scope(settlement=...)`` for each, so a query that forgets its settlement raises."""

    def execute(self, *args: Any, **options: Any) -> Any:
        with no_scope():
            return super().execute(*args, **options)


def local_only(command: str) -> None:
    """Refuse to run ``command`` (one that makes accounts with a published password: the
    demo, the benchmark's council) unless DEBUG is on, as on a developer's machine."""
    if not settings.DEBUG:
        raise CommandError(
            f"{command} makes accounts whose password is published: it runs only with "
            "DEBUG=1, on a developer's or a test machine, never in production."
        )
