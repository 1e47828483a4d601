"""Sign-ups are kept with names and addresses only as long as they are of use: a year (by
default, ``SIGNUP_RETENTION_DAYS``) after the event, or after the end of the class's
season, names, addresses, phone numbers, resident links and personal links are blanked.
The rows stay, nameless, so the counts of past events and the reports of past seasons
still add up."""

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from coordinator import clock
from coordinator.models import Settlement

from .models import ClassParticipant, ClassRegistration, EventRegistration, ShiftSignup

BLANK = {"name": "", "email": "", "phone": "", "resident": None, "nonce": "", "token_hash": ""}


def _named(queryset: QuerySet[Any]) -> QuerySet[Any]:
    return queryset.exclude(name="", email="", phone="", resident__isnull=True)


@transaction.atomic
def signups_forget(*, settlement: Settlement) -> int:
    """Blank the sign-ups past the retention period; how many rows were blanked."""
    before = clock.now() - dt.timedelta(days=settings.SIGNUP_RETENTION_DAYS)
    day = before.date()
    mine = {"settlement": settlement}
    count = _named(EventRegistration.objects.filter(**mine, event__starts_at__lt=before)).update(
        **BLANK
    )
    count += _named(ShiftSignup.objects.filter(**mine, shift__event__starts_at__lt=before)).update(
        **BLANK
    )
    count += _named(
        ClassRegistration.objects.filter(**mine, course__season__ends_on__lt=day)
    ).update(**BLANK)
    count += (
        ClassParticipant.objects.filter(**mine, registration__course__season__ends_on__lt=day)
        .exclude(name="", resident__isnull=True)
        .update(name="", resident=None)
    )
    return count
