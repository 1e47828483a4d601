"""One way out for every message to residents, from every module.

A module asks for messages with ``messages_queue``: each becomes a row, in the caller's
transaction, in the resident's language, and only for residents who agreed to be
contacted and have an address. Asking twice for the same ``dedupe_key`` is a no-op, so a
job that runs again queues nothing new.

The sender (``messages_send_due``, run by Celery) works in batches. It claims a batch with
one conditional UPDATE that is committed before anything is sent, so two senders never
send the same row; it sends the batch over one connection and records the outcome with
one UPDATE per batch. A sender killed between the claim and the outcome leaves its batch
``sending``; ``messages_sweep_interrupted`` marks such rows ``interrupted`` for the
coordinator to look at, and they are never resent on their own. The number of queries
grows with the number of batches, not of messages.

Quiet hours: nothing that is not urgent goes out at night (``Settlement.quiet_from`` to
``quiet_until``, local time) nor, in Hebrew-speaking settlements, from candle-lighting to
nightfall on Shabbat and on the rest days of the holidays (computed by ``hdate`` from the
settlement's coordinates). Such messages are held until the quiet hours end.
"""

import datetime as dt
import logging
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connections, router, transaction
from django.db.models import QuerySet

from coordinator import clock
from coordinator.models import Language, Resident, Settlement

from .models import LINK_PLACEHOLDER, Message

logger = logging.getLogger(__name__)
State = Message.State
Hold = Message.Hold

# Personal links are made at sending time. A module registers, under a ``link_kind``, a
# function that takes the ``link_ref`` of a batch's messages and returns the link of each,
# or None when the message is no longer wanted (the survey was answered or closed).
LinkBuilder = Callable[[Sequence[int]], dict[int, str | None]]
LINK_BUILDERS: dict[str, LinkBuilder] = {}


def register_link(kind: str, builder: LinkBuilder) -> None:
    LINK_BUILDERS[kind] = builder


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


# Queueing


@dataclass(frozen=True)
class Draft:
    """One message to one resident, as a module asks for it. For someone outside the
    registry who gave an address for this very purpose (signing up for an event or a
    class), ``resident`` is None and ``address`` and ``name`` say where and to whom."""

    resident: Resident | None
    kind: str
    subject: str
    body: str
    dedupe_key: str
    language: str = ""
    link_kind: str = ""
    link_ref: int | None = None
    address: str = ""
    name: str = ""

    @property
    def to_address(self) -> str:
        return self.address or (self.resident.email if self.resident else "")


def can_receive(resident: Resident) -> bool:
    """Whether a message may be sent to ``resident``: consent, an address, not archived."""
    return bool(resident.consent_to_contact and resident.email and resident.archived_at is None)


def _full_name(resident: Resident | None) -> str:
    return f"{resident.first_name} {resident.last_name}" if resident else ""


def _wanted(draft: Draft) -> bool:
    """A resident by their consent; someone who gave their address to sign up, for the
    messages of that sign-up."""
    if draft.resident is not None and not draft.address:
        return can_receive(draft.resident)
    return bool(draft.to_address)


def messages_queue(
    *,
    settlement: Settlement,
    drafts: Iterable[Draft],
    urgent: bool = False,
    not_before: dt.datetime | None = None,
    batch_size: int | None = None,
) -> list[Message]:
    """Queue ``drafts`` to go out at ``not_before`` (now if None). Residents who cannot
    receive messages are left out; a dedupe key already queued (or twice in ``drafts``) is
    skipped. Returns the rows created, with their ids.

    Two queries for any number of drafts on PostgreSQL (the keys already queued, then one
    INSERT), since Django binds parameters client-side there; where the database limits
    them (SQLite), the lookup and the INSERT go in as many pieces as it needs. A
    ``batch_size`` caps both."""
    now = clock.now()
    wanted = [draft for draft in drafts if _wanted(draft)]
    if not wanted:
        return []
    known = _known_keys(settlement, [draft.dedupe_key for draft in wanted], batch_size)
    rows = []
    for draft in wanted:
        if draft.dedupe_key in known:
            continue
        known.add(draft.dedupe_key)
        rows.append(
            Message(
                settlement=settlement,
                resident=draft.resident,
                to_name=draft.name or _full_name(draft.resident),
                to_address=draft.to_address,
                language=draft.language
                or (draft.resident.preferred_language if draft.resident else "")
                or settlement.language,
                kind=draft.kind,
                subject=draft.subject[:300],
                body=draft.body,
                link_kind=draft.link_kind,
                link_ref=draft.link_ref,
                urgent=urgent,
                dedupe_key=draft.dedupe_key,
                not_before=not_before or now,
                created_at=now,
            )
        )
    created = Message.objects.bulk_create(rows, batch_size=batch_size)
    if created:
        transaction.on_commit(lambda: send_soon(settlement.pk))
    return created


def _known_keys(settlement: Settlement, keys: list[str], batch_size: int | None) -> set[str]:
    """The ``keys`` already queued in ``settlement``: one query unless the database limits
    a query's parameters (SQLite) or ``batch_size`` asks for pieces."""
    limit = connections[router.db_for_read(Message)].features.max_query_params
    # The settlement is a parameter too.
    step = batch_size or (limit - 1 if limit else len(keys))
    known: set[str] = set()
    for start in range(0, len(keys), step):
        known.update(
            Message.objects.filter(
                settlement=settlement, dedupe_key__in=keys[start : start + step]
            ).values_list("dedupe_key", flat=True)
        )
    return known


def send_soon(settlement_id: int) -> None:
    """Ask a worker to send now rather than at the next beat. A broker that is down only
    delays the messages until beat's next round, so a failure here is not an error."""
    from .tasks import messages_send

    try:
        messages_send.apply_async(kwargs={"settlement_id": settlement_id}, retry=False)
    except Exception as error:  # kombu raises its own errors for a broker down or hung
        logger.warning("Sending not started now (%s): beat will.", type(error).__name__)


# Quiet hours


@dataclass(frozen=True)
class QuietHours:
    until: dt.datetime
    reason: str  # a Message.Hold value


def _night_end(settlement: Settlement, local: dt.datetime) -> dt.datetime | None:
    start, end = settlement.quiet_from, settlement.quiet_until
    if start == end:
        return None
    moment = local.time()
    tz = local.tzinfo
    if start > end:  # across midnight, e.g. 22:00-08:00
        if moment >= start:
            return dt.datetime.combine(local.date() + dt.timedelta(days=1), end, tzinfo=tz)
        if moment < end:
            return dt.datetime.combine(local.date(), end, tzinfo=tz)
        return None
    if start <= moment < end:
        return dt.datetime.combine(local.date(), end, tzinfo=tz)
    return None


def _location(settlement: Settlement) -> Any:
    from hdate import Location

    tz = ZoneInfo(settlement.time_zone)
    if settlement.latitude is None or settlement.longitude is None:
        return Location(timezone=tz, diaspora=False)  # Jerusalem's coordinates
    return Location(
        name=settlement.name,
        latitude=float(Decimal(settlement.latitude)),
        longitude=float(Decimal(settlement.longitude)),
        timezone=tz,
        altitude=0,
        diaspora=False,
    )


def _rest_day(day: dt.date) -> bool:
    from hdate import HDateInfo

    info = HDateInfo(day, diaspora=False)
    return bool(info.is_shabbat or info.is_yom_tov)


def _rest_end(settlement: Settlement, local: dt.datetime) -> dt.datetime | None:
    """Nightfall ending the Shabbat or holiday in effect at ``local``, or None."""
    from hdate import Zmanim

    location = _location(settlement)
    if not Zmanim(date=local.date(), location=location).issur_melacha_in_effect(local):
        return None
    day = local.date()
    for _ in range(5):  # at most Shabbat next to a two-day holiday
        if _rest_day(day) and not _rest_day(day + dt.timedelta(days=1)):
            end = Zmanim(date=day, location=location).havdalah
            if end is not None and end > local:
                return end.astimezone(local.tzinfo)
        day += dt.timedelta(days=1)
    return None


def quiet_hours_at(settlement: Settlement, moment: dt.datetime) -> QuietHours | None:
    """When the quiet hours in effect at ``moment`` end (and why), or None if none are."""
    tz = ZoneInfo(settlement.time_zone)
    local = moment.astimezone(tz)
    reason = ""
    for _ in range(6):  # a night can run into Shabbat and Shabbat into a night
        end = _night_end(settlement, local)
        if end is not None:
            local, reason = end, Hold.NIGHT
            continue
        if settlement.language == Language.HEBREW:
            end = _rest_end(settlement, local)
            if end is not None:
                local, reason = end, Hold.SHABBAT
                continue
        break
    if not reason:
        return None
    return QuietHours(until=local.astimezone(dt.UTC), reason=reason)


# Sending


@dataclass
class SendReport:
    batches: int = 0
    sent: int = 0
    failed: int = 0
    cancelled: int = 0
    held: int = 0

    def add(self, other: "SendReport") -> None:
        self.batches += other.batches
        self.sent += other.sent
        self.failed += other.failed
        self.cancelled += other.cancelled
        self.held += other.held


def _due(settlement: Settlement, now: dt.datetime) -> QuerySet[Message]:
    return Message.objects.filter(settlement=settlement, state=State.QUEUED, not_before__lte=now)


def _hold(settlement: Settlement, now: dt.datetime) -> int:
    """Move the due messages that may not go out now to when the quiet hours end."""
    quiet = quiet_hours_at(settlement, now)
    if quiet is None:
        return 0
    return (
        _due(settlement, now).filter(urgent=False).update(not_before=quiet.until, held=quiet.reason)
    )


def _links(rows: list[Message]) -> dict[int, str | None]:
    """The personal link of each row that has one, one query per kind of link."""
    by_kind: dict[str, list[Message]] = defaultdict(list)
    for row in rows:
        if row.link_kind:
            by_kind[row.link_kind].append(row)
    links: dict[int, str | None] = {}
    for kind, members in by_kind.items():
        builder = LINK_BUILDERS.get(kind)
        refs = [m.link_ref for m in members if m.link_ref is not None]
        built = builder(refs) if builder is not None else {}
        for member in members:
            links[member.pk] = built.get(member.link_ref) if member.link_ref is not None else None
    return links


def _email(row: Message, link: str | None) -> EmailMessage:
    body = row.body.replace(LINK_PLACEHOLDER, link or "")
    return EmailMessage(subject=row.subject, body=body, to=[row.to_address])


def _send_batch(settlement: Settlement, now: dt.datetime, size: int) -> SendReport | None:
    """Claim, send and record one batch. None when nothing was due."""
    ids = list(
        _due(settlement, now).order_by("not_before", "pk").values_list("pk", flat=True)[:size]
    )
    if not ids:
        return None
    # The connection first: a mail server that is down leaves the rows queued, unclaimed.
    connection = get_connection(fail_silently=False)
    connection.open()
    claim = uuid.uuid4()
    try:
        # Committed at once (autocommit): from here on, no other sender touches these rows.
        Message.objects.filter(pk__in=ids, state=State.QUEUED).update(
            state=State.SENDING, claim=claim, claimed_at=clock.now()
        )
        rows = list(Message.objects.filter(settlement=settlement, claim=claim).order_by("pk"))
        links = _links(rows)
    except Exception:
        # Nothing was sent yet: give the rows back rather than leave them in doubt.
        Message.objects.filter(claim=claim, state=State.SENDING).update(
            state=State.QUEUED, claim=None, claimed_at=None
        )
        connection.close()
        raise
    report = SendReport(batches=1)
    sent: list[int] = []
    cancelled: list[int] = []
    failed: dict[str, list[int]] = defaultdict(list)
    try:
        for row in rows:
            if row.link_kind and links.get(row.pk) is None:
                cancelled.append(row.pk)  # e.g. answered or closed since it was queued
                continue
            try:
                connection.send_messages([_email(row, links.get(row.pk))])
            except Exception as error:  # an SMTP refusal, a bad address: that row fails
                failed[f"{type(error).__name__}: {error}"[:500]].append(row.pk)
            else:
                sent.append(row.pk)
    finally:
        connection.close()
    finished = clock.now()
    if sent:
        Message.objects.filter(pk__in=sent).update(state=State.SENT, sent_at=finished, held="")
    if cancelled:
        Message.objects.filter(pk__in=cancelled).update(state=State.CANCELLED)
    for reason, pks in failed.items():
        Message.objects.filter(pk__in=pks).update(state=State.FAILED, error=reason)
    report.sent, report.cancelled = len(sent), len(cancelled)
    report.failed = sum(len(pks) for pks in failed.values())
    return report


def messages_send_due(
    *, settlement: Settlement, batch_size: int | None = None, max_batches: int | None = None
) -> SendReport:
    """Send what is due in ``settlement`` now, batch after batch, holding back what quiet
    hours forbid. Run it outside a transaction (as the Celery task does): each claim must be
    committed before its batch is sent."""
    size = batch_size or settings.MESSAGING_BATCH_SIZE
    limit = max_batches or settings.MESSAGING_MAX_BATCHES
    now = clock.now()
    report = SendReport(held=_hold(settlement, now))
    for _ in range(limit):
        batch = _send_batch(settlement, now, size)
        if batch is None:
            break
        report.add(batch)
    return report


def messages_sweep_interrupted(*, settlement: Settlement) -> int:
    """Rows claimed longer ago than any batch takes: their sender died. Report them as
    interrupted (they may have gone out), never resend them."""
    cutoff = clock.now() - dt.timedelta(seconds=settings.MESSAGING_CLAIM_SECONDS)
    return Message.objects.filter(
        settlement=settlement, state=State.SENDING, claimed_at__lt=cutoff
    ).update(state=State.INTERRUPTED)


def messages_cancel(*, queryset: QuerySet[Message]) -> int:
    """Cancel the queued rows of ``queryset`` (a survey closed, an event cancelled)."""
    return queryset.filter(state=State.QUEUED).update(state=State.CANCELLED)


@transaction.atomic
def message_resolve(*, message: Message, outcome: str) -> bool:
    """The coordinator's decision on an interrupted or failed message: ``sent`` (it is known
    to have arrived) or ``resend`` (queue it again, now). False if it was not in such a
    state any more."""
    if outcome not in ("sent", "resend"):
        raise ValueError(f"unknown outcome {outcome!r}")
    open_states = [State.INTERRUPTED, State.FAILED]
    rows = Message.objects.filter(pk=message.pk, state__in=open_states)
    if outcome == "sent":
        changed = rows.update(state=State.SENT, sent_at=message.claimed_at or clock.now())
    else:
        changed = rows.update(
            state=State.QUEUED, not_before=clock.now(), claim=None, claimed_at=None, error=""
        )
        if changed:
            transaction.on_commit(lambda: send_soon(message.settlement_id))
    return bool(changed)


@transaction.atomic
def quiet_hours_update(
    *, settlement: Settlement, quiet_from: dt.time, quiet_until: dt.time
) -> None:
    Settlement.objects.filter(pk=settlement.pk).update(
        quiet_from=quiet_from, quiet_until=quiet_until
    )
    settlement.quiet_from, settlement.quiet_until = quiet_from, quiet_until
