"""Encrypt every stored welfare value again with the newest key of WELFARE_KEYS.

Rotating a key: put the new key first in WELFARE_KEYS (keeping the old one after it) on
every host, run this once, then remove the old key. Runs in batches, each in its own
transaction; safe to run again (a value already under the newest key is rewritten with
it, which changes nothing readable)."""

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import models, transaction
from django.db.models.functions import Cast
from django_scopes import scopes_disabled

from welfare.crypto import EncryptedTextField, rotate

BATCH = 500


def encrypted_fields() -> list[tuple[type[models.Model], str]]:
    return [
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, EncryptedTextField)
    ]


def rotate_field(model: type[models.Model], name: str) -> int:
    """Re-encrypt column ``name`` of ``model``; how many values were rewritten."""
    manager: Any = model._base_manager
    done = 0
    last = 0
    while True:
        with transaction.atomic():
            rows = list(
                manager.select_for_update()
                .filter(pk__gt=last)
                .exclude(**{f"{name}__isnull": True})
                .order_by("pk")
                .annotate(stored=Cast(name, models.TextField()))
                .values_list("pk", "stored")[:BATCH]
            )
            for pk, stored in rows:
                manager.filter(pk=pk).update(
                    **{name: models.Value(rotate(stored), output_field=models.TextField())}
                )
        if not rows:
            return done
        done += len(rows)
        last = rows[-1][0]


class Command(BaseCommand):
    help = "Encrypt the stored welfare data again with the newest key of WELFARE_KEYS."

    def handle(self, *args: Any, **options: Any) -> None:
        with scopes_disabled():
            for model, name in encrypted_fields():
                count = rotate_field(model, name)
                self.stdout.write(f"{model._meta.label}.{name}: {count} values re-encrypted")
