"""Reminders of meetings (the day before, to those taking part) and a weekly digest of
overdue action items (to each owner). Each goes out once: residents' reminders through
``messaging`` (a unique key per meeting and resident), staff e-mails through the outbox
with a ``StaffNotice`` row claimed in the same transaction. Beat may run these as often
as it likes: a second run finds every key taken and queues nothing."""

import datetime as dt
from collections import defaultdict
from typing import Any
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import translation

from coordinator import clock
from coordinator.models import Membership, Settlement
from coordinator.services.outbox import outbox_enqueue
from messaging.services import Draft, messages_queue

from .models import ActionItem, Meeting, MeetingAttendance, StaffNotice

DIGEST_WEEKDAY = 0  # Monday
DIGEST_FROM = dt.time(8, 0)  # local time: the first beat round after this on a Monday


def _claim(settlement: Settlement, key: str) -> bool:
    """Insert the notice's key; False if it was taken (the notice went out already)."""
    try:
        with transaction.atomic():
            StaffNotice.objects.create(settlement=settlement, key=key, created_at=clock.now())
    except IntegrityError:
        return False
    return True


def _render(template: str, language: str, context: dict[str, Any]) -> tuple[str, str]:
    with translation.override(language):
        subject = render_to_string(f"committees/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"committees/email/{template}.txt", context)
    return subject, body


@transaction.atomic
def meeting_reminders_queue(*, settlement: Settlement) -> int:
    """Queue the reminders of tomorrow's meetings (in the settlement's time zone): a message
    to each invited resident, an e-mail to each staff member taking part. Returns how many
    were queued now."""
    start, end = clock.tomorrow_span(settlement)
    tz = ZoneInfo(settlement.time_zone)
    meetings = list(
        Meeting.objects.filter(settlement=settlement, starts_at__gte=start, starts_at__lt=end)
        .select_related("committee")
        .prefetch_related("users")
    )
    attendance = MeetingAttendance.objects.filter(
        settlement=settlement, meeting__in=meetings
    ).select_related("resident")
    invited: dict[int, list[Any]] = defaultdict(list)
    for row in attendance:
        invited[row.meeting_id].append(row.resident)
    queued = 0
    drafts = []
    for meeting in meetings:
        context = {"meeting": meeting, "starts": meeting.starts_at.astimezone(tz)}
        for resident in invited[meeting.pk]:
            language = resident.preferred_language or settlement.language
            subject, body = _render("meeting_reminder", language, context)
            drafts.append(
                Draft(
                    resident=resident,
                    kind="committees.meeting_reminder",
                    subject=subject,
                    body=body,
                    dedupe_key=f"meeting:{meeting.pk}:remind:{resident.pk}",
                    language=language,
                )
            )
        for user in meeting.users.all():
            if not user.email or not _claim(settlement, f"meeting:{meeting.pk}:remind:u{user.pk}"):
                continue
            subject, body = _render("meeting_reminder", settlement.language, context)
            outbox_enqueue(
                job="coordinator.email",
                settlement_id=settlement.pk,
                subject=subject,
                body=body,
                to=[user.email],
            )
            queued += 1
    return queued + len(messages_queue(settlement=settlement, drafts=drafts))


@transaction.atomic
def action_digest_queue(*, settlement: Settlement) -> int:
    """On Monday (local) from 08:00: one e-mail to each owner of overdue action items,
    listing them. Once a week per owner. Returns how many digests were queued now."""
    tz = ZoneInfo(settlement.time_zone)
    local = clock.now().astimezone(tz)
    if local.weekday() != DIGEST_WEEKDAY or local.time() < DIGEST_FROM:
        return 0
    year, week, _day = local.isocalendar()
    overdue = (
        ActionItem.objects.filter(
            settlement=settlement, done_at__isnull=True, due_on__lt=local.date()
        )
        .exclude(owner=None)
        .select_related("owner", "meeting")
        .order_by("owner_id", "due_on", "pk")
    )
    members = set(
        Membership.objects.filter(settlement=settlement).values_list("user_id", flat=True)
    )
    by_owner: dict[int, list[ActionItem]] = defaultdict(list)
    for item in overdue:
        if item.owner_id in members:  # an owner who left the settlement gets nothing
            by_owner[item.owner_id].append(item)
    queued = 0
    for owner_id, items in by_owner.items():
        owner = items[0].owner
        if owner is None or not owner.email:
            continue
        if not _claim(settlement, f"digest:{owner_id}:{year}-W{week:02d}"):
            continue
        subject, body = _render(
            "action_digest",
            settlement.language,
            {"items": items, "owner": owner, "settlement": settlement},
        )
        outbox_enqueue(
            job="coordinator.email",
            settlement_id=settlement.pk,
            subject=subject,
            body=body,
            to=[owner.email],
        )
        queued += 1
    return queued
