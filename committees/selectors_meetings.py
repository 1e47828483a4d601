"""Reading meetings, their attendance and action items. Every read takes the settlement and
the user, and finds nothing they may not see: a chair sees the meetings of the committees
they chair, never the others' nor meetings with office holders. Missing and forbidden are
both 404. List reads run a fixed number of queries whatever the data."""

import datetime as dt
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from coordinator import clock
from coordinator.ids import as_id
from coordinator.models import Membership, Resident, Settlement, User

from .models import ActionItem, Committee, CommitteeMember, Meeting, MeetingAttendance, Partner
from .rules import reads_all_committees
from .selectors import chaired_by

SEARCH_WORDS = 5  # words of a search that count; the rest are ignored
SERIES_SHOWN = 5  # the next meetings of a series shown on a meeting's page
UPCOMING = "upcoming"
PAST = "past"


def local_today(settlement: Settlement) -> dt.date:
    """Today's date where the settlement is."""
    return clock.local_today(settlement)


# --- committees the user may pick ----------------------------------------------------------


def committees_visible(*, user: Any, settlement: Settlement) -> QuerySet[Committee]:
    """The committees whose meetings ``user`` may see (all, or those they chair)."""
    committees = Committee.objects.filter(settlement=settlement)
    if not reads_all_committees(user, settlement):
        committees = committees.filter(chaired_by(user, "pk"))
    return committees.order_by("name", "pk")


def committees_changeable(*, user: Any, settlement: Settlement) -> QuerySet[Committee]:
    """The committees ``user`` may arrange meetings of: all for the coordinator, else those
    they chair."""
    committees = Committee.objects.filter(settlement=settlement)
    if not user.has_perm("committees.add_committee", settlement):
        committees = committees.filter(chaired_by(user, "pk"))
    return committees.order_by("name", "pk")


def member_users(*, settlement: Settlement, include: Iterable[int] = ()) -> QuerySet[User]:
    """People with a role in the settlement (owners of action items, staff taking part),
    and the users in ``include`` (chosen before, even if they left since)."""
    members = Membership.objects.filter(settlement=settlement).values("user_id")
    allowed = Q(pk__in=members, is_active=True)
    kept = [pk for pk in include if pk]
    if kept:
        allowed |= Q(pk__in=kept)
    return User.objects.filter(allowed).order_by("first_name", "last_name", "username", "pk")


def partner_choices(*, settlement: Settlement) -> QuerySet[Partner]:
    return Partner.objects.filter(settlement=settlement).order_by("name", "pk")


def current_members(*, committee: Committee, on: dt.date) -> list[Resident]:
    """The residents serving on ``committee`` on the day ``on``: no end of term, or one on
    or after that day (and a term that has started by then). Archived residents are not."""
    return [
        member.resident
        for member in _members_of(committee)
        if _serves_on(member, on) and member.resident.archived_at is None
    ]


def _members_of(committee: Committee) -> list[CommitteeMember]:
    return list(
        CommitteeMember.objects.filter(settlement_id=committee.settlement_id, committee=committee)
        .select_related("resident")
        .order_by("resident__last_name", "resident__first_name", "pk")
    )


def _serves_on(member: CommitteeMember, day: dt.date) -> bool:
    started = member.term_start is None or member.term_start <= day
    return started and (member.term_end is None or member.term_end >= day)


def members_by_day(*, committee: Committee, days: Iterable[dt.date]) -> dict[dt.date, list[Any]]:
    """For each day, the residents serving on ``committee`` then (one query for all)."""
    members = _members_of(committee)
    return {
        day: [m.resident for m in members if _serves_on(m, day) and m.resident.archived_at is None]
        for day in days
    }


def invitable_residents(*, meeting: Meeting, on: dt.date) -> QuerySet[Resident]:
    """Who may be invited to ``meeting``: those invited already, and the residents serving
    on its committee on the day ``on``."""
    invited = MeetingAttendance.objects.filter(
        settlement_id=meeting.settlement_id, meeting=meeting
    ).values("resident_id")
    allowed = Q(pk__in=invited)
    if meeting.committee_id is not None:
        serving = CommitteeMember.objects.filter(
            Q(term_start__isnull=True) | Q(term_start__lte=on),
            Q(term_end__isnull=True) | Q(term_end__gte=on),
            settlement_id=meeting.settlement_id,
            committee_id=meeting.committee_id,
        ).values("resident_id")
        allowed |= Q(pk__in=serving, archived_at__isnull=True)
    return Resident.objects.filter(allowed, settlement_id=meeting.settlement_id).order_by(
        "last_name", "first_name", "pk"
    )


# --- meetings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeetingFilter:
    query: str = ""
    committee_id: int | None = None
    kind: str = ""
    when: str = UPCOMING


def meetings_visible(*, user: Any, settlement: Settlement) -> QuerySet[Meeting]:
    """The settlement's meetings ``user`` may see: all for the coordinator, the secretary
    and the board; a chair, only those of the committees they chair."""
    if not user.has_perm("committees.list_meetings", settlement):
        raise Http404
    meetings = Meeting.objects.filter(settlement=settlement)
    if not reads_all_committees(user, settlement):
        meetings = meetings.filter(
            chaired_by(user, "committee_id"),
            committee__isnull=False,
            committee__settlement=settlement,
        )
    return meetings


def _count_of(model: Any, column: str, **filters: Any) -> Any:
    rows = (
        model.objects.filter(**{column: OuterRef("pk")}, **filters)
        .order_by()
        .values(column)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def meetings_for(
    *, user: Any, settlement: Settlement, filters: MeetingFilter | None = None
) -> QuerySet[Meeting]:
    """One page's worth of the meetings ``user`` may see: upcoming first (soonest first),
    or the past ones (latest first), with how many residents are invited and how many
    action items are still open."""
    filters = filters or MeetingFilter()
    meetings = meetings_visible(user=user, settlement=settlement)
    if filters.committee_id is not None:
        meetings = meetings.filter(committee_id=filters.committee_id)
    if filters.kind in Meeting.Kind.values:
        meetings = meetings.filter(kind=filters.kind)
    for word in filters.query.split()[:SEARCH_WORDS]:
        meetings = meetings.filter(Q(title__icontains=word) | Q(agenda__icontains=word))
    now = clock.now()
    if filters.when == PAST:
        meetings = meetings.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
    else:
        meetings = meetings.filter(starts_at__gte=now).order_by("starts_at", "pk")
    return meetings.select_related("committee").annotate(
        invited_count=_count_of(MeetingAttendance, "meeting_id"),
        open_items=_count_of(ActionItem, "meeting_id", done_at__isnull=True),
    )


def _with_flags(meetings: QuerySet[Meeting], user: Any) -> QuerySet[Meeting]:
    return meetings.select_related("committee").annotate(
        chaired_by_user=chaired_by(user, "committee_id")
    )


def _pass_flag(meeting: Meeting) -> None:
    """Hand the chair flag to the committee, so the rules ask no query."""
    if meeting.committee is not None:
        meeting.committee.chaired_by_user = meeting.chaired_by_user  # type: ignore[attr-defined]


def meeting_get_for(*, user: Any, settlement: Settlement, pk: Any, perm: str) -> Meeting:
    """Fetch and authorise in one call: the meeting ``pk`` of the settlement if ``user``
    has ``perm`` on it; else 404."""
    number = as_id(pk)
    meeting = (
        _with_flags(Meeting.objects.filter(settlement=settlement, pk=number), user).first()
        if number
        else None
    )
    if meeting is None:
        raise Http404
    _pass_flag(meeting)
    if not user.has_perm(perm, meeting):
        raise Http404
    return meeting


def meeting_attendance(*, meeting: Meeting) -> list[MeetingAttendance]:
    """The residents invited, by name."""
    return list(
        MeetingAttendance.objects.filter(settlement_id=meeting.settlement_id, meeting=meeting)
        .select_related("resident")
        .order_by("resident__last_name", "resident__first_name", "pk")
    )


def meeting_action_items(*, meeting: Meeting) -> list[ActionItem]:
    return list(
        ActionItem.objects.filter(settlement_id=meeting.settlement_id, meeting=meeting)
        .select_related("owner")
        .order_by("due_on", "pk")
    )


def meeting_partners(*, meeting: Meeting) -> list[Partner]:
    return list(
        Partner.objects.filter(settlement_id=meeting.settlement_id, meetings=meeting).order_by(
            "name", "pk"
        )
    )


def meeting_users(*, meeting: Meeting) -> list[User]:
    return list(meeting.users.order_by("first_name", "last_name", "username", "pk"))


def meeting_link_ids(*, meeting: Meeting) -> dict[str, list[int]]:
    """The staff and partners taking part, as ids for a form."""
    return {
        "users": list(
            Meeting.users.through.objects.filter(meeting_id=meeting.pk).values_list(
                "user_id", flat=True
            )
        ),
        "partners": list(
            Meeting.partners.through.objects.filter(meeting_id=meeting.pk).values_list(
                "partner_id", flat=True
            )
        ),
    }


def _same_committee(meeting: Meeting) -> Q:
    """Meetings of the same committee as ``meeting``, or with office holders if it is."""
    if meeting.committee_id is None:
        return Q(committee__isnull=True)
    return Q(committee_id=meeting.committee_id)


def series_next(*, meeting: Meeting, limit: int = SERIES_SHOWN) -> list[Meeting]:
    """The next meetings of the same series (of the same committee, or with office holders
    if this one is), soonest first."""
    if meeting.series is None:
        return []
    return list(
        Meeting.objects.filter(
            _same_committee(meeting),
            settlement_id=meeting.settlement_id,
            series=meeting.series,
            starts_at__gt=meeting.starts_at,
        ).order_by("starts_at", "pk")[:limit]
    )


def series_following(*, meeting: Meeting) -> QuerySet[Meeting]:
    """This meeting and the later ones of its series that share its committee (or its
    being with office holders): what "this and following" deletes."""
    if meeting.series is None:
        return Meeting.objects.filter(settlement_id=meeting.settlement_id, pk=meeting.pk)
    return Meeting.objects.filter(
        _same_committee(meeting),
        settlement_id=meeting.settlement_id,
        series=meeting.series,
        starts_at__gte=meeting.starts_at,
    )


def minutes_version(*, meeting: Meeting, attendance: Iterable[MeetingAttendance]) -> str:
    """A short fingerprint of the minutes, decisions and attendance as they are now. The
    minutes form carries it, so a save over someone else's newer save is noticed."""
    state = [meeting.minutes, meeting.decisions]
    state += [f"{row.pk}:{row.attended}" for row in sorted(attendance, key=lambda r: r.pk)]
    return hashlib.sha256("\x1f".join(state).encode()).hexdigest()[:16]


# --- action items --------------------------------------------------------------------------


def action_item_get_for(*, user: Any, settlement: Settlement, pk: Any, perm: str) -> ActionItem:
    """Fetch and authorise in one call: the action item ``pk`` (with its meeting) if
    ``user`` has ``perm`` on it (a meeting permission such as ``change_meeting`` is asked
    of its meeting); else 404."""
    number = as_id(pk)
    item = (
        ActionItem.objects.filter(settlement=settlement, pk=number)
        .select_related("meeting__committee")
        .annotate(chaired_by_user=chaired_by(user, "meeting__committee_id"))
        .first()
        if number
        else None
    )
    if item is None or item.meeting.settlement_id != settlement.pk:
        raise Http404
    item.meeting.chaired_by_user = item.chaired_by_user  # type: ignore[attr-defined]
    _pass_flag(item.meeting)
    target = item.meeting if perm.endswith("_meeting") else item
    if not user.has_perm(perm, target):
        raise Http404
    return item
