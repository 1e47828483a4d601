"""Writing meetings: arranging them (once, or as a series), changing one, recording the
minutes, attendance and action items, and deleting. Times are built in the settlement's
time zone, so a series keeps its local hour across a change of the clocks."""

import calendar
import datetime as dt
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from coordinator import clock
from coordinator.clock import settlement_zone
from coordinator.models import Resident, Settlement, User
from coordinator.services.changes import ForeignObject, check_same_settlement

from .models import ActionItem, Committee, Meeting, MeetingAttendance, Partner
from .selectors_meetings import members_by_day, series_following

MAX_OCCURRENCES = 52  # meetings one recurrence may create
FIELDS = ("kind", "committee", "title", "place", "video_link", "agenda")


class Repeats(models.TextChoices):
    NONE = "none", _("Does not repeat")
    WEEKLY = "weekly", _("Every week")
    FORTNIGHTLY = "fortnightly", _("Every 2 weeks")
    MONTHLY = "monthly", _("Every month, on the same weekday (such as the 2nd Tuesday)")


class InvalidRecurrence(ValueError):
    """A recurrence the forms should have refused: ends before it starts, or too long."""


@dataclass(frozen=True)
class NewActionItem:
    title: str
    owner: User
    due_on: dt.date


# --- dates and times -----------------------------------------------------------------------


def one_year_after(day: dt.date) -> dt.date:
    """The same date a year later (28 February for 29 February)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def _weekday_in_month(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The ``nth`` (1-4, or 5 for the last) ``weekday`` of a month."""
    first = dt.date(year, month, 1)
    day = 1 + (weekday - first.weekday()) % 7 + 7 * (nth - 1)
    days_in_month = calendar.monthrange(year, month)[1]
    while day > days_in_month:
        day -= 7
    return dt.date(year, month, day)


def occurrence_dates(
    *, first: dt.date, repeats: str, until: dt.date | None, limit: int = MAX_OCCURRENCES + 1
) -> list[dt.date]:
    """The dates of a recurrence, from ``first`` to ``until`` inclusive, at most ``limit``.

    Weekly and every 2 weeks keep the weekday; monthly keeps the weekday of the month: the
    2nd Tuesday stays the 2nd Tuesday, and a 5th one (always the last) becomes the last
    Tuesday of each month."""
    if repeats in ("", Repeats.NONE) or until is None:
        return [first]
    dates: list[dt.date] = []
    if repeats in (Repeats.WEEKLY, Repeats.FORTNIGHTLY):
        step = dt.timedelta(weeks=1 if repeats == Repeats.WEEKLY else 2)
        day = first
        while day <= until and len(dates) < limit:
            dates.append(day)
            day += step
        return dates
    if repeats == Repeats.MONTHLY:
        nth = (first.day - 1) // 7 + 1
        year, month = first.year, first.month
        while len(dates) < limit:
            day = _weekday_in_month(year, month, first.weekday(), nth)
            if day > until:
                break
            dates.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return dates
    raise InvalidRecurrence(f"Unknown recurrence {repeats!r}")


def local_moment(settlement: Settlement, day: dt.date, time: dt.time) -> dt.datetime:
    """``day`` at ``time`` on the settlement's clocks, as an aware datetime (in UTC)."""
    return dt.datetime.combine(day, time, tzinfo=settlement_zone(settlement)).astimezone(dt.UTC)


def meeting_moments(
    settlement: Settlement, day: dt.date, start: dt.time, end: dt.time | None
) -> tuple[dt.datetime, dt.datetime | None]:
    starts_at = local_moment(settlement, day, start)
    ends_at = local_moment(settlement, day, end) if end is not None else None
    return starts_at, ends_at


# --- checks --------------------------------------------------------------------------------


def _check_settlement(settlement_id: int, objects: Iterable[Any], what: str) -> None:
    check_same_settlement(settlement_id, [obj for obj in objects if obj is not None], what)


def _check_links(
    settlement_id: int,
    committee: Committee | None,
    partners: Sequence[Partner],
    users: Sequence[User],
) -> None:
    _check_settlement(settlement_id, [committee], "committee")
    _check_settlement(settlement_id, partners, "partner")
    members = set(
        User.objects.filter(
            pk__in=[u.pk for u in users], memberships__settlement_id=settlement_id
        ).values_list("pk", flat=True)
    )
    if any(user.pk not in members for user in users):
        raise ForeignObject("A user taking part has no role in the settlement.")


# --- meetings ------------------------------------------------------------------------------


def _meeting_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """The plain fields of ``data`` (blank text for missing ones)."""
    values: dict[str, Any] = {key: data[key] for key in FIELDS if key in data}
    for key in ("title", "place", "video_link", "agenda"):
        if key in values and values[key] is None:
            values[key] = ""
    return values


@transaction.atomic
def meeting_create(
    *,
    settlement: Settlement,
    data: Mapping[str, Any],
    users: Sequence[User] = (),
    partners: Sequence[Partner] = (),
    repeats: str = Repeats.NONE,
    until: dt.date | None = None,
) -> list[Meeting]:
    """Arrange a meeting, or one per date of a recurrence (sharing a series id). The
    residents serving on a committee on each date are invited (attendance not recorded
    yet). ``data``: kind, committee, title, place, video_link, agenda, date, start_time,
    end_time."""
    committee: Committee | None = data.get("committee")
    _check_links(settlement.pk, committee, partners, users)
    first: dt.date = data["date"]
    days = occurrence_dates(first=first, repeats=repeats, until=until)
    if repeats != Repeats.NONE and (
        until is None
        or until <= first
        or until > one_year_after(first)
        or len(days) > MAX_OCCURRENCES
    ):
        raise InvalidRecurrence("The recurrence is too long or ends before it starts.")
    series = uuid.uuid4() if repeats != Repeats.NONE else None
    values = _meeting_values(data)
    now = clock.now()
    meetings = []
    for day in days:
        starts_at, ends_at = meeting_moments(
            settlement, day, data["start_time"], data.get("end_time")
        )
        meetings.append(
            Meeting(
                settlement=settlement,
                series=series,
                created_at=now,
                starts_at=starts_at,
                ends_at=ends_at,
                **values,
            )
        )
    meetings = Meeting.objects.bulk_create(meetings)
    if committee is not None:
        invited = members_by_day(committee=committee, days=days)
        MeetingAttendance.objects.bulk_create(
            [
                MeetingAttendance(settlement=settlement, meeting=meeting, resident=resident)
                for meeting, day in zip(meetings, days, strict=True)
                for resident in invited[day]
            ]
        )
    if users:
        Meeting.users.through.objects.bulk_create(
            [Meeting.users.through(meeting=m, user=u) for m in meetings for u in users]
        )
    if partners:
        Meeting.partners.through.objects.bulk_create(
            [Meeting.partners.through(meeting=m, partner=p) for m in meetings for p in partners]
        )
    return meetings


def _set_invited(meeting: Meeting, residents: Sequence[Resident]) -> bool:
    """Invite exactly ``residents``: rows of the others go, recorded attendance of those
    who stay is kept."""
    _check_settlement(meeting.settlement_id, residents, "resident")
    wanted = {r.pk for r in residents}
    rows = MeetingAttendance.objects.filter(settlement_id=meeting.settlement_id, meeting=meeting)
    current = set(rows.values_list("resident_id", flat=True))
    if wanted == current:
        return False
    rows.exclude(resident_id__in=wanted).delete()
    MeetingAttendance.objects.bulk_create(
        [
            MeetingAttendance(settlement_id=meeting.settlement_id, meeting=meeting, resident_id=pk)
            for pk in sorted(wanted - current)
        ]
    )
    return True


def _set_links(meeting: Meeting, name: str, objects: Sequence[Any]) -> bool:
    manager = getattr(meeting, name)
    wanted = {obj.pk for obj in objects}
    if wanted == set(manager.values_list("pk", flat=True)):
        return False
    manager.set(list(objects))
    return True


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    data: Mapping[str, Any],
    users: Sequence[User] | None = None,
    partners: Sequence[Partner] | None = None,
    invited: Sequence[Resident] | None = None,
) -> bool:
    """Change this one meeting (not the rest of its series); whether anything changed.

    A meeting moved to another committee invites that committee's members serving on its
    date instead (keeping what was recorded of those invited to both); otherwise
    ``invited`` (if given) are the residents invited."""
    committee: Committee | None = data.get("committee", meeting.committee)
    _check_links(meeting.settlement_id, committee, partners or (), users or ())
    values = _meeting_values(data)
    if "date" in data:
        starts_at, ends_at = meeting_moments(
            meeting.settlement, data["date"], data["start_time"], data.get("end_time")
        )
        values.update(starts_at=starts_at, ends_at=ends_at)
    moved = "committee" in values and (
        (values["committee"].pk if values["committee"] else None) != meeting.committee_id
    )
    changed = [key for key, value in values.items() if getattr(meeting, key) != value]
    for key in changed:
        setattr(meeting, key, values[key])
    if changed:
        meeting.save(update_fields=changed)
    touched = bool(changed)
    if moved:
        if meeting.committee is None:
            touched |= _set_invited(meeting, [])
        else:
            day = meeting.starts_at.astimezone(settlement_zone(meeting.settlement)).date()
            members = members_by_day(committee=meeting.committee, days=[day])[day]
            touched |= _set_invited(meeting, members)
    elif invited is not None:
        touched |= _set_invited(meeting, invited)
    if users is not None:
        touched |= _set_links(meeting, "users", users)
    if partners is not None:
        touched |= _set_links(meeting, "partners", partners)
    return touched


@transaction.atomic
def meeting_delete(*, meeting: Meeting, following: bool = False) -> int:
    """Delete the meeting (with its attendance and action items), or with ``following``
    also the later meetings of its series; how many meetings went."""
    if not following or meeting.series is None:
        meeting.delete()
        return 1
    doomed = series_following(meeting=meeting)
    count = doomed.count()
    doomed.delete()
    return count


@transaction.atomic
def meeting_record_minutes(
    *,
    meeting: Meeting,
    minutes: str,
    decisions: str,
    attendance: Mapping[int, bool | None],
    new_items: Sequence[NewActionItem] = (),
) -> bool:
    """Write the minutes, the decisions, who came (attendance row id → came, did not
    come, or not recorded) and new action items, all or nothing; whether anything
    changed."""
    changed = [
        key
        for key, value in (("minutes", minutes), ("decisions", decisions))
        if getattr(meeting, key) != value
    ]
    meeting.minutes, meeting.decisions = minutes, decisions
    if changed:
        meeting.save(update_fields=changed)
    rows = list(
        MeetingAttendance.objects.filter(
            settlement_id=meeting.settlement_id, meeting=meeting, pk__in=list(attendance)
        )
    )
    if len(rows) != len(attendance):
        raise ForeignObject("An attendance row belongs to another meeting.")
    moved = [row for row in rows if row.attended != attendance[row.pk]]
    for row in moved:
        row.attended = attendance[row.pk]
    if moved:
        MeetingAttendance.objects.bulk_update(moved, ["attended"])
    for item in new_items:
        _check_owner(meeting.settlement_id, item.owner)
    if new_items:
        now = clock.now()
        ActionItem.objects.bulk_create(
            [
                ActionItem(
                    settlement_id=meeting.settlement_id,
                    meeting=meeting,
                    title=item.title,
                    owner=item.owner,
                    due_on=item.due_on,
                    created_at=now,
                )
                for item in new_items
            ]
        )
    return bool(changed or moved or new_items)


# --- action items --------------------------------------------------------------------------


def _check_owner(settlement_id: int, owner: User | None, keep: int | None = None) -> None:
    if owner is None or owner.pk == keep:
        return
    if not User.objects.filter(pk=owner.pk, memberships__settlement_id=settlement_id).exists():
        raise ForeignObject("The owner has no role in the settlement.")


@transaction.atomic
def action_item_create(
    *, meeting: Meeting, title: str, owner: User | None, due_on: dt.date
) -> ActionItem:
    _check_owner(meeting.settlement_id, owner)
    return ActionItem.objects.create(
        settlement_id=meeting.settlement_id,
        meeting=meeting,
        title=title,
        owner=owner,
        due_on=due_on,
        created_at=clock.now(),
    )


@transaction.atomic
def action_item_update(
    *, item: ActionItem, title: str, owner: User | None, due_on: dt.date, done: bool
) -> bool:
    """Change the item; ``done`` ticks it done now (or keeps when it was), or undoes it."""
    _check_owner(item.settlement_id, owner, keep=item.owner_id)
    values: dict[str, Any] = {"title": title, "owner": owner, "due_on": due_on}
    if done and item.done_at is None:
        values["done_at"] = clock.now()
    elif not done and item.done_at is not None:
        values["done_at"] = None
    changed = [key for key, value in values.items() if getattr(item, key) != value]
    for key in changed:
        setattr(item, key, values[key])
    if changed:
        item.save(update_fields=changed)
    return bool(changed)


@transaction.atomic
def action_item_mark(*, item: ActionItem, done: bool) -> bool:
    """Tick the item done (now) or not done; whether it changed."""
    if done == (item.done_at is not None):
        return False
    item.done_at = clock.now() if done else None
    item.save(update_fields=["done_at"])
    return True
