"""Reads for the home pages and the committee list: a committee's current members and next
meeting, and a user's open action items. Each is one query, whatever the data."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Window,
)
from django.db.models.functions import Coalesce

from coordinator.models import Settlement

from .models import ActionItem, Committee, CommitteeMember, Meeting

SOON_DAYS = 14  # action items due within this many days count as "due soon"
ACTION_ITEMS_SHOWN = 20  # at most this many on the home page, the most urgent first


def current_members(today: dt.date) -> Q:
    """Members whose term has begun (or has no start) and has not ended (or has no end)."""
    started = Q(term_start__isnull=True) | Q(term_start__lte=today)
    not_ended = Q(term_end__isnull=True) | Q(term_end__gte=today)
    return started & not_ended


def _member_count(today: dt.date) -> Coalesce:
    rows = (
        CommitteeMember.objects.filter(current_members(today), committee_id=OuterRef("pk"))
        .order_by()
        .values("committee_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _next_meeting(now: dt.datetime, column: str) -> Subquery:
    meetings = Meeting.objects.filter(committee_id=OuterRef("pk"), starts_at__gte=now).order_by(
        "starts_at", "pk"
    )
    return Subquery(meetings.values(column)[:1])


def with_overview(
    committees: QuerySet[Committee], *, today: dt.date, now: dt.datetime
) -> QuerySet[Committee]:
    """``committees`` with ``member_count`` (current members) and the next meeting
    (``next_meeting_id``, ``next_meeting_at``, ``next_meeting_title``; None if none is
    planned): subqueries of the one query of the committees."""
    return committees.annotate(
        member_count=_member_count(today),
        next_meeting_id=_next_meeting(now, "pk"),
        next_meeting_at=_next_meeting(now, "starts_at"),
        next_meeting_title=_next_meeting(now, "title"),
    )


def chair_home_committees(
    *, user: Any, settlement: Settlement, today: dt.date, now: dt.datetime
) -> list[Committee]:
    """The committees ``user`` chairs in ``settlement``, by name, with their overview."""
    through = Committee.chairs.through
    chaired = Exists(through.objects.filter(committee_id=OuterRef("pk"), user_id=user.pk))
    committees = Committee.objects.filter(chaired, settlement=settlement).order_by("name", "pk")
    return list(with_overview(committees, today=today, now=now))


@dataclass
class MyActionItems:
    """A user's open action items: the overdue ones, then those due soon."""

    overdue: list[ActionItem] = field(default_factory=list)
    soon: list[ActionItem] = field(default_factory=list)
    total: int = 0  # all of them, when more than are shown

    @property
    def shown(self) -> int:
        return len(self.overdue) + len(self.soon)

    @property
    def more(self) -> int:
        return self.total - self.shown


def action_items_of(*, user: Any, settlement: Settlement, today: dt.date) -> MyActionItems:
    """``user``'s action items in ``settlement`` that are not done and are overdue or due
    within ``SOON_DAYS``, the earliest first; each knows whether ``user`` may open its
    meeting (``can_view_meeting``), decided without further queries."""
    through = Committee.chairs.through
    items = list(
        ActionItem.objects.filter(
            settlement=settlement,
            owner_id=user.pk,
            done_at__isnull=True,
            due_on__lte=today + dt.timedelta(days=SOON_DAYS),
        )
        .select_related("meeting__committee")
        .annotate(
            total=Window(Count("pk")),
            chaired_by_user=Exists(
                through.objects.filter(
                    committee_id=OuterRef("meeting__committee_id"), user_id=user.pk
                )
            ),
        )
        .order_by("due_on", "pk")[:ACTION_ITEMS_SHOWN]
    )
    mine = MyActionItems(total=items[0].total if items else 0)
    for item in items:
        committee = item.meeting.committee
        if committee is not None:
            committee.chaired_by_user = item.chaired_by_user  # type: ignore[attr-defined]
        item.can_view_meeting = user.has_perm(  # type: ignore[attr-defined]
            "committees.view_meeting", item.meeting
        )
        (mine.overdue if item.due_on < today else mine.soon).append(item)
    return mine
