"""The chair's home: their committees with members and the next meeting, and the action
items anyone owns (overdue first, then those due soon), each with "Mark done"."""

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scope

from committees import selectors_home
from committees.models import ActionItem
from coordinator.models import Role
from tests import factories

TODAY = dt.date(2026, 11, 23)
NOW = factories.FIXED_NOW  # 2026-11-23 10:00 UTC


def text(response) -> str:
    return response.content.decode()


def panel_of(response, key: str) -> dict | None:
    found = [panel for _template, panel in response.context["panels"] if key in panel]
    return found[0] if found else None


def at(days: float, hour: int = 18) -> dt.datetime:
    return dt.datetime(2026, 11, 23, hour, 0, tzinfo=dt.UTC) + dt.timedelta(days=days)


@pytest.fixture
def culture(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


@pytest.fixture
def chair_client(client, chair):
    client.force_login(chair)
    return client


def item(meeting, owner, due_in: int, **kwargs) -> Any:
    return factories.ActionItemFactory(
        meeting=meeting, owner=owner, due_on=TODAY + dt.timedelta(days=due_in), **kwargs
    )


# --- my committees -------------------------------------------------------------------------


def test_the_chair_sees_their_committees_with_current_members(chair_client, settlement, culture):
    factories.CommitteeMemberFactory(committee=culture)  # open-ended
    factories.CommitteeMemberFactory(
        committee=culture, term_start=dt.date(2026, 1, 1), term_end=TODAY
    )  # ends today: still serving
    factories.CommitteeMemberFactory(committee=culture, term_end=dt.date(2026, 11, 22))  # ended
    factories.CommitteeMemberFactory(committee=culture, term_start=dt.date(2026, 12, 1))  # later
    factories.CommitteeFactory(settlement=settlement, name="Not mine")
    response = chair_client.get(reverse("home"))
    committees = panel_of(response, "committees")["committees"]
    assert [(c.name, c.member_count) for c in committees] == [("Culture", 2)]
    page = text(response)
    assert "2 members" in page
    assert "Not mine" not in page
    assert "No meeting planned." in page


def test_the_next_meeting_is_the_first_still_to_come(chair_client, settlement, culture):
    settlement.time_zone = "Asia/Jerusalem"
    settlement.save()
    factories.MeetingFactory(committee=culture, starts_at=at(-1), ends_at=None, title="Past")
    later = factories.MeetingFactory(committee=culture, starts_at=at(9), ends_at=None)
    soon = factories.MeetingFactory(
        committee=culture, starts_at=at(1), ends_at=None, title="Planning the fair"
    )
    other = factories.CommitteeFactory(settlement=settlement)
    factories.MeetingFactory(committee=other, starts_at=at(0.1), ends_at=None)  # not mine
    response = chair_client.get(reverse("home"))
    [committee] = panel_of(response, "committees")["committees"]
    assert committee.next_meeting_id == soon.pk != later.pk
    assert committee.next_meeting_at == at(1)
    page = text(response)
    assert reverse("committees:meeting_detail", args=[soon.pk]) in page
    # 18:00 UTC on Tuesday 24 November is 20:00 in Jerusalem.
    assert re.search(r'datetime="2026-11-24T20:00:00\+02:00"', page)
    assert "8 p.m." in page and "Planning the fair" in page


def test_a_chair_without_committees_is_told_so(chair_client):
    response = chair_client.get(reverse("home"))
    assert "You do not chair a committee yet." in text(response)


def test_a_committee_of_another_settlement_listing_the_chair_stays_out(
    chair_client, other_settlement, chair
):
    factories.CommitteeFactory(settlement=other_settlement, name="Foreign", chairs=[chair])
    response = chair_client.get(reverse("home"))
    assert panel_of(response, "committees")["committees"] == []
    assert "Foreign" not in text(response)


# --- my action items -----------------------------------------------------------------------


def test_overdue_first_then_due_soon_never_later_done_or_others(
    chair_client, chair, settlement, culture
):
    meeting = factories.MeetingFactory(committee=culture, title="October meeting")
    soon = item(meeting, chair, 14, title="Order the chairs")
    today = item(meeting, chair, 0, title="Call the band")
    old = item(meeting, chair, -10, title="Book the hall")
    yesterday = item(meeting, chair, -1, title="Send the minutes")
    item(meeting, chair, 15, title="Too far ahead")
    item(meeting, chair, -2, title="Already done", done_at=NOW)
    item(meeting, factories.member(settlement, Role.SECRETARY), -3, title="Somebody else's")
    response = chair_client.get(reverse("home"))
    items = panel_of(response, "items")["items"]
    assert [i.pk for i in items.overdue] == [old.pk, yesterday.pk]
    assert [i.pk for i in items.soon] == [today.pk, soon.pk]
    page = text(response)
    assert (
        page.index("Book the hall") < page.index("Send the minutes") < page.index("Call the band")
    )
    for absent in ("Too far ahead", "Already done", "Somebody else's"):
        assert absent not in page
    assert "Overdue (2)" in page and "Due in the next 14 days" in page
    # Each item: "Mark done", back to the home page; a link to the chair's meeting.
    forms = re.findall(r'<form method="post" action="([^"]+)">(.*?)</form>', page, re.S)
    done_urls = [url for url, _body in forms if "/actions/" in url]
    assert done_urls == [
        reverse("committees:action_done", args=[i.pk]) for i in (old, yesterday, today, soon)
    ]
    assert all('name="next" value="/"' in body for url, body in forms if url in done_urls)
    assert reverse("committees:meeting_detail", args=[meeting.pk]) in page


def test_a_chair_with_nothing_due_is_told_so(chair_client, culture):
    response = chair_client.get(reverse("home"))
    assert panel_of(response, "items")["items"].total == 0
    assert "Nothing of yours is overdue or due in the next 14 days." in text(response)


def test_marking_done_from_home_returns_home(chair_client, chair, settlement, culture):
    overdue = item(factories.MeetingFactory(committee=culture), chair, -1, title="Book the hall")
    response = chair_client.post(
        reverse("committees:action_done", args=[overdue.pk]), {"next": reverse("home")}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    with scope(settlement=settlement.pk):
        assert ActionItem.objects.get(pk=overdue.pk).done_at is not None
    home = chair_client.get(reverse("home"))
    assert panel_of(home, "items")["items"].total == 0


def test_at_most_twenty_are_shown_the_most_urgent_first(chair_client, chair, culture):
    meeting = factories.MeetingFactory(committee=culture)
    for n in range(25):
        item(meeting, chair, -25 + n, title=f"Item {n:02}")
    response = chair_client.get(reverse("home"))
    items = panel_of(response, "items")["items"]
    assert (items.shown, items.total, items.more) == (20, 25, 5)
    assert items.overdue[0].title == "Item 00"
    assert "5 more are not shown" in text(response)


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.COORDINATOR, Role.BOARD])
def test_any_member_who_owns_items_sees_them(client, settlement, culture, role):
    owner = factories.member(settlement, role)
    meeting = factories.MeetingFactory(committee=culture, title="Culture, November")
    item(meeting, owner, -1, title="Print the posters")
    client.force_login(owner)
    response = client.get(reverse("home"))
    page = text(response)
    assert "My action items" in page and "Print the posters" in page
    # They read every committee: the meeting is a link.
    assert reverse("committees:meeting_detail", args=[meeting.pk]) in page


def test_an_owner_who_cannot_open_the_meeting_sees_its_title_only(client, settlement, culture):
    owner = factories.member(settlement, Role.SOCIAL_WORKER)
    meeting = factories.MeetingFactory(committee=culture, title="Culture, November")
    mine = item(meeting, owner, 3, title="Bring the list of families")
    client.force_login(owner)
    page = text(client.get(reverse("home")))
    assert "Bring the list of families" in page and "Culture, November" in page
    assert reverse("committees:meeting_detail", args=[meeting.pk]) not in page
    assert reverse("committees:action_done", args=[mine.pk]) in page
    # The owner ticks it done, and is back home.
    response = client.post(reverse("committees:action_done", args=[mine.pk]), {"next": "/"})
    assert (response.status_code, response["Location"]) == (302, "/")
    assert panel_of(client.get(reverse("home")), "items") is None


def test_a_chair_sees_links_only_to_meetings_of_their_committees(
    chair_client, chair, settlement, culture
):
    other = factories.CommitteeFactory(settlement=settlement, name="Youth")
    theirs = factories.MeetingFactory(committee=other, title="Youth, November")
    office = factories.MeetingFactory(committee=None, settlement=settlement, kind="board")
    mine = factories.MeetingFactory(committee=culture, title="Culture, November")
    for meeting in (theirs, office, mine):
        item(meeting, chair, 2)
    response = chair_client.get(reverse("home"))
    links = {i.meeting_id: i.can_view_meeting for i in panel_of(response, "items")["items"].soon}
    assert links == {theirs.pk: False, office.pk: False, mine.pk: True}
    page = text(response)
    assert reverse("committees:meeting_detail", args=[theirs.pk]) not in page
    assert reverse("committees:meeting_detail", args=[office.pk]) not in page


def test_members_without_items_see_no_panel(client, settlement, culture):
    secretary = factories.member(settlement, Role.SECRETARY)
    item(factories.MeetingFactory(committee=culture), secretary, 30)  # not due soon
    client.force_login(secretary)
    response = client.get(reverse("home"))
    assert panel_of(response, "items") is None
    assert "My action items" not in text(response)


def test_items_of_another_settlement_stay_out(chair_client, chair, other_settlement):
    foreign = factories.MeetingFactory(
        committee=factories.CommitteeFactory(settlement=other_settlement)
    )
    item(foreign, chair, -1, title="Foreign item")
    response = chair_client.get(reverse("home"))
    assert panel_of(response, "items")["items"].total == 0
    assert "Foreign item" not in text(response)


def test_selector_splits_at_today(settlement, chair, culture):
    meeting = factories.MeetingFactory(committee=culture)
    item(meeting, chair, -1)
    item(meeting, chair, 0)
    with scope(settlement=settlement.pk):
        mine = selectors_home.action_items_of(user=chair, settlement=settlement, today=TODAY)
    assert ([i.due_on for i in mine.overdue], [i.due_on for i in mine.soon]) == (
        [TODAY - dt.timedelta(days=1)],
        [TODAY],
    )
