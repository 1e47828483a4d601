"""Background jobs of welfare, run through the outbox (``coordinator.services.outbox``)."""

from django.utils import translation
from django.utils.translation import gettext as _

from coordinator.models import Resident, Settlement
from coordinator.public import resident_language
from coordinator.services.outbox import job
from messaging.models import LINK_PLACEHOLDER
from messaging.services import Draft, messages_queue

from .links import CHECK_IN, link_issue
from .models import CheckIn, Emergency, EmergencyLog
from .services_emergency import CHECK_IN_JOB, check_in_key, emergency_log

CHUNK = 500


def _draft(emergency: Emergency, settlement: Settlement, resident: Resident, pk: int) -> Draft:
    language = resident_language(resident, settlement)
    with translation.override(language):
        subject = _("Safety check-in: %(title)s") % {"title": emergency.title}
        parts = [
            _("Are you and your household safe? Do you need help?"),
            emergency.instructions.strip(),
            _("Answer with one tap:") + f"\n{LINK_PLACEHOLDER}",
        ]
    return Draft(
        resident=resident,
        kind=CHECK_IN,
        subject=subject,
        body="\n\n".join(part for part in parts if part),
        dedupe_key=check_in_key(emergency.pk, resident.pk),
        language=language,
        link_kind=CHECK_IN,
        link_ref=pk,
    )


@job(CHECK_IN_JOB, repeatable=True)
def check_ins_send(*, emergency_id: int) -> int:
    """Give every resident who can receive messages a check-in and queue one urgent
    message each, in chunks. Repeatable: the rows and the messages are written in the
    outbox's transaction, and a second run finds them there (the unique check-in per
    resident, the messages' dedupe keys), so it queues nothing new. An emergency that is
    over needs nothing. Returns how many messages were queued."""
    emergency = Emergency.objects.filter(pk=emergency_id).select_related("settlement").first()
    if emergency is None or emergency.ended_at is not None:
        return 0
    settlement = emergency.settlement
    residents = (
        Resident.objects.filter(settlement=settlement, archived_at__isnull=True)
        .filter(consent_to_contact=True)
        .exclude(email="")
        .order_by("pk")
    )
    queued = 0
    last = 0
    while True:
        chunk = list(residents.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            break
        last = chunk[-1].pk
        ids = [resident.pk for resident in chunk]
        known = set(
            CheckIn.objects.filter(emergency=emergency, resident_id__in=ids).values_list(
                "resident_id", flat=True
            )
        )
        rows = []
        for resident in chunk:
            if resident.pk in known:
                continue
            row = CheckIn(settlement=settlement, emergency=emergency, resident=resident)
            link_issue(row, CHECK_IN)
            rows.append(row)
        CheckIn.objects.bulk_create(rows, batch_size=CHUNK, ignore_conflicts=True)
        check_ins = dict(
            CheckIn.objects.filter(emergency=emergency, resident_id__in=ids).values_list(
                "resident_id", "pk"
            )
        )
        drafts = [
            _draft(emergency, settlement, resident, check_ins[resident.pk])
            for resident in chunk
            if resident.pk in check_ins
        ]
        queued += len(
            messages_queue(settlement=settlement, drafts=drafts, urgent=True, batch_size=CHUNK)
        )
    if queued:
        emergency_log(
            emergency=emergency,
            event=EmergencyLog.Event.QUEUED,
            detail=_("%(count)s check-in messages queued.") % {"count": queued},
        )
    return queued
