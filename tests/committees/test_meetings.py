"""Meetings of committees and with office holders: the list, arranging one or a series,
the meeting's page, minutes and attendance, deleting, the calendar file and action items.

The clock stands at Monday 23 November 2026, 10:00 UTC. The settlement is in Israel
(UTC+2 in winter, +3 from 26 March 2027) unless a test moves it."""

import datetime as dt
import uuid

import icalendar
import pytest
from django.urls import reverse
from django_scopes import scope

from committees import services_meetings as services
from committees.models import ActionItem, Meeting, MeetingAttendance
from coordinator.models import Role
from tests import factories

UTC = dt.UTC


def text(response) -> str:
    return response.content.decode()


def stored(settlement, model, **filters):
    with scope(settlement=settlement.pk):
        return list(model.objects.filter(**filters).order_by("pk"))


def at(day: str, hour: int, minute: int = 0) -> dt.datetime:
    """A moment in UTC."""
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour, minute), tzinfo=UTC)


@pytest.fixture
def settlement(db):
    return factories.SettlementFactory(name="Home Village", slug="home", time_zone="Asia/Jerusalem")


@pytest.fixture
def chair_b(settlement):
    return factories.member(settlement, Role.CHAIR, username="chair_b")


@pytest.fixture
def secretary(settlement):
    return factories.member(settlement, Role.SECRETARY, username="secretary", first_name="Sara")


@pytest.fixture
def committee_a(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


@pytest.fixture
def committee_b(settlement, chair_b):
    return factories.CommitteeFactory(settlement=settlement, name="Youth", chairs=[chair_b])


@pytest.fixture
def chair_client(client, chair):
    client.force_login(chair)
    return client


def meeting_post(**overrides):
    data = {
        "kind": "committee",
        "title": "Planning the Hanukkah party",
        "date": "2026-12-01",
        "start_time": "19:30",
        "end_time": "21:00",
        "place": "Club house",
        "video_link": "",
        "agenda": "1. Budget\n2. Volunteers",
        "repeats": "none",
        "until": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def office_meeting(settlement, **kwargs):
    return factories.MeetingFactory(
        committee=None, settlement=settlement, kind=Meeting.Kind.BOARD, **kwargs
    )


# --- the list ------------------------------------------------------------------------------


def test_empty_list_invites_to_arrange_one(coordinator_client):
    response = coordinator_client.get(reverse("committees:meetings"))
    assert response.status_code == 200
    page = text(response)
    assert "No upcoming meetings" in page
    assert reverse("committees:meeting_create") in page


def test_upcoming_soonest_first_past_latest_first_in_local_time(
    coordinator_client, settlement, committee_a
):
    later = factories.MeetingFactory(
        committee=committee_a, title="Later", starts_at=at("2026-12-10", 17), ends_at=None
    )
    soon = factories.MeetingFactory(
        committee=committee_a,
        title="Soon",
        starts_at=at("2026-11-24", 18),
        ends_at=at("2026-11-24", 19, 30),
    )
    old = factories.MeetingFactory(
        committee=committee_a, title="Old", starts_at=at("2026-10-01", 16), ends_at=None
    )
    older = office_meeting(settlement, title="Older", starts_at=at("2026-09-01", 16), ends_at=None)
    url = reverse("committees:meetings")
    response = coordinator_client.get(url)
    assert [m.pk for m in response.context["meetings"]] == [soon.pk, later.pk]
    page = text(response)
    assert "8 p.m.–9:30 p.m." in page  # 18:00 UTC is 20:00 in Israel in November
    assert "Old" not in page
    past = coordinator_client.get(url, {"when": "past"})
    assert [m.pk for m in past.context["meetings"]] == [old.pk, older.pk]
    assert "2 past meetings" in text(past)


def test_filters_by_committee_kind_and_search(
    coordinator_client, settlement, committee_a, committee_b
):
    factories.MeetingFactory(committee=committee_a, title="Culture night", agenda="Music")
    factories.MeetingFactory(committee=committee_b, title="Youth trip", agenda="Bus to the sea")
    office_meeting(settlement, title="Board budget")
    url = reverse("committees:meetings")

    def titles(**params):
        return sorted(m.title for m in coordinator_client.get(url, params).context["meetings"])

    assert titles(committee=committee_a.pk) == ["Culture night"]
    assert titles(kind="board") == ["Board budget"]
    assert titles(q="bus") == ["Youth trip"]  # the agenda is searched too
    assert titles(q="culture night") == ["Culture night"]
    # A bad value drops only its own filter; another settlement's committee is not one.
    foreign = factories.CommitteeFactory(settlement=factories.SettlementFactory())
    assert len(titles(committee=foreign.pk)) == 3
    assert len(titles(committee="x", q="trip")) == 1
    response = coordinator_client.get(url, {"q": "nothing like it"})
    assert "No meeting matches these filters." in text(response)


def test_chair_sees_only_the_meetings_of_their_committees(
    chair_client, chair, settlement, committee_a, committee_b
):
    mine = factories.MeetingFactory(committee=committee_a, title="Mine")
    factories.MeetingFactory(committee=committee_b, title="Theirs")
    office_meeting(settlement, title="With the board")
    # A committee of another settlement that lists the chair by mistake stays closed.
    foreign = factories.CommitteeFactory(settlement=factories.SettlementFactory(), chairs=[chair])
    factories.MeetingFactory(committee=foreign, title="Far away")
    url = reverse("committees:meetings")
    response = chair_client.get(url)
    assert [m.pk for m in response.context["meetings"]] == [mine.pk]
    page = text(response)
    assert "Theirs" not in page and "With the board" not in page and "Far away" not in page
    # The committee filter offers only their own committee, and no kind filter.
    assert "Youth" not in page
    assert 'name="kind"' not in page
    assert [
        m.pk for m in chair_client.get(url, {"committee": committee_b.pk}).context["meetings"]
    ] == [mine.pk]


def test_list_paginates_and_htmx_swaps_the_table(coordinator_client, committee_a):
    for n in range(30):
        factories.MeetingFactory(
            committee=committee_a,
            title=f"Meeting {n:02}",
            starts_at=at("2026-12-01", 18) + dt.timedelta(days=n),
            ends_at=None,
        )
    url = reverse("committees:meetings")
    first = coordinator_client.get(url)
    assert len(first.context["meetings"]) == 25
    assert "Page 1 of 2" in text(first)
    second = coordinator_client.get(url, {"page": 2})
    assert [m.title for m in second.context["meetings"]] == [f"Meeting {n}" for n in range(25, 30)]
    swap = coordinator_client.get(url, {"q": "Meeting 2"}, headers={"HX-Request": "true"})
    assert "<html" not in text(swap)
    assert len(swap.context["meetings"]) == 12  # 02, 12 and 20 to 29


# --- arranging a meeting -------------------------------------------------------------------


def test_coordinator_arranges_a_committee_meeting_inviting_current_members(
    coordinator_client, settlement, committee_a, secretary
):
    current = factories.CommitteeMemberFactory(committee=committee_a).resident
    until_then = factories.CommitteeMemberFactory(
        committee=committee_a, term_end=dt.date(2026, 12, 1)
    ).resident
    factories.CommitteeMemberFactory(committee=committee_a, term_end=dt.date(2026, 11, 30))
    factories.CommitteeMemberFactory(committee=committee_a, term_start=dt.date(2027, 1, 1))
    archived = factories.CommitteeMemberFactory(committee=committee_a).resident
    archived.archived_at = factories.FIXED_NOW
    archived.save()
    partner = factories.PartnerFactory(settlement=settlement)
    response = coordinator_client.post(
        reverse("committees:meeting_create"),
        meeting_post(committee=committee_a.pk, users=[secretary.pk], partners=[partner.pk]),
    )
    assert response.status_code == 302
    [meeting] = stored(settlement, Meeting)
    assert response["Location"] == reverse("committees:meeting_detail", args=[meeting.pk])
    assert meeting.committee_id == committee_a.pk
    assert meeting.series is None
    # 19:30 in Israel on 1 December is 17:30 UTC.
    assert meeting.starts_at == at("2026-12-01", 17, 30)
    assert meeting.ends_at == at("2026-12-01", 19)
    rows = stored(settlement, MeetingAttendance, meeting=meeting)
    assert {r.resident_id for r in rows} == {current.pk, until_then.pk}
    assert all(r.attended is None for r in rows)
    with scope(settlement=settlement.pk):
        assert list(meeting.users.all()) == [secretary]
        assert list(meeting.partners.all()) == [partner]


def test_coordinator_arranges_a_meeting_with_office_holders(coordinator_client, settlement):
    response = coordinator_client.post(
        reverse("committees:meeting_create"),
        meeting_post(
            kind="secretary",
            title="Weekly with the secretary",
            video_link="https://meet.example.org/abc",
        ),
    )
    assert response.status_code == 302
    [meeting] = stored(settlement, Meeting)
    assert (meeting.kind, meeting.committee_id) == ("secretary", None)
    assert meeting.video_link == "https://meet.example.org/abc"
    assert stored(settlement, MeetingAttendance) == []


def test_chair_arranges_a_meeting_of_their_committee(chair_client, settlement, committee_a):
    form = chair_client.get(reverse("committees:meeting_create"))
    assert form.status_code == 200
    page = text(form)
    assert 'value="board"' not in page  # office kinds are not offered to a chair
    response = chair_client.post(
        reverse("committees:meeting_create"), meeting_post(committee=committee_a.pk)
    )
    assert response.status_code == 302
    assert [m.committee_id for m in stored(settlement, Meeting)] == [committee_a.pk]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"end_time": "19:00"}, "end_time", "The meeting must end after it starts."),
        ({"end_time": "19:30"}, "end_time", "The meeting must end after it starts."),
        (
            {"repeats": "weekly", "until": "2026-11-30"},
            "until",
            "The series must end after the first meeting.",
        ),
        ({"repeats": "weekly", "until": ""}, "until", "Give the date of the last meeting"),
        (
            {"repeats": "weekly", "until": "2027-12-01"},
            "until",
            "That makes more than 52 meetings",
        ),
        ({"repeats": "monthly", "until": "2027-12-02"}, "until", "at most a year"),
        ({"repeats": "none", "until": "2026-12-31"}, "until", "Choose how the meeting repeats"),
        ({"repeats": "daily", "until": "2026-12-31"}, "repeats", "Select a valid choice"),
        ({"title": "   "}, "title", "This field is required."),
        ({"committee": ""}, "committee", "Choose the committee that meets."),
        ({"kind": "board"}, "committee", "Only a committee meeting belongs to a committee"),
        ({"video_link": "javascript:alert(1)"}, "video_link", "Enter a valid URL."),
        ({"date": "2040-01-01"}, "date", "at most 5 years from today"),
        ({"date": "1999-12-31"}, "date", "cannot be before"),
        ({"start_time": "25:00"}, "start_time", "Enter a valid time."),
    ],
)
def test_invalid_meetings_are_refused_whole(
    coordinator_client, settlement, committee_a, overrides, field, message
):
    data = {**meeting_post(committee=committee_a.pk), **overrides}
    response = coordinator_client.post(reverse("committees:meeting_create"), data)
    assert response.status_code == 400
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert message in errors
    assert "Nothing was saved" in text(response)
    assert stored(settlement, Meeting) == []


def test_an_empty_post_is_a_400(coordinator_client, settlement):
    response = coordinator_client.post(reverse("committees:meeting_create"), {})
    assert response.status_code == 400
    assert stored(settlement, Meeting) == []


def test_weekly_for_exactly_52_meetings_is_allowed(coordinator_client, settlement, committee_a):
    response = coordinator_client.post(
        reverse("committees:meeting_create"),
        meeting_post(committee=committee_a.pk, repeats="weekly", until="2027-11-23"),
    )
    assert response.status_code == 302
    assert len(stored(settlement, Meeting)) == 52


def test_chair_cannot_arrange_office_meetings_or_another_committees(
    chair_client, settlement, committee_a, committee_b
):
    url = reverse("committees:meeting_create")
    office = chair_client.post(url, meeting_post(kind="board", committee=committee_a.pk))
    assert office.status_code == 400
    assert "Only the coordinator arranges meetings with office holders" in " ".join(
        office.context["form"].errors["kind"]
    )
    no_committee = chair_client.post(url, meeting_post(kind="board", committee=""))
    assert no_committee.status_code == 400
    other = chair_client.post(url, meeting_post(committee=committee_b.pk))
    assert other.status_code == 400
    assert "Choose one of the committees in the list." in " ".join(
        other.context["form"].errors["committee"]
    )
    assert stored(settlement, Meeting) == []


def test_foreign_staff_or_partners_are_refused(coordinator_client, settlement, committee_a):
    far = factories.SettlementFactory()
    foreign_partner = factories.PartnerFactory(settlement=far)
    foreign_user = factories.member(far, Role.SECRETARY)
    url = reverse("committees:meeting_create")
    for extra in ({"partners": [foreign_partner.pk]}, {"users": [foreign_user.pk]}):
        response = coordinator_client.post(url, meeting_post(committee=committee_a.pk, **extra))
        assert response.status_code == 400
    assert stored(settlement, Meeting) == []


# --- recurrence ----------------------------------------------------------------------------


def test_every_two_weeks_keeps_the_local_hour_across_the_change_of_clocks(
    coordinator_client, settlement, committee_a
):
    """Slovenia moves its clocks on 28 March 2027: 18:00 stays 18:00 for the residents."""
    settlement.time_zone = "Europe/Ljubljana"
    settlement.save()
    member = factories.CommitteeMemberFactory(committee=committee_a).resident
    response = coordinator_client.post(
        reverse("committees:meeting_create"),
        meeting_post(
            committee=committee_a.pk,
            date="2027-03-16",
            start_time="18:00",
            end_time="19:00",
            repeats="fortnightly",
            until="2027-04-30",
        ),
    )
    assert response.status_code == 302
    meetings = sorted(stored(settlement, Meeting), key=lambda m: m.starts_at)
    assert [m.starts_at for m in meetings] == [
        at("2027-03-16", 17),  # winter: UTC+1
        at("2027-03-30", 16),  # summer: UTC+2
        at("2027-04-13", 16),
        at("2027-04-27", 16),
    ]
    assert [m.ends_at - m.starts_at for m in meetings] == [dt.timedelta(hours=1)] * 4
    assert len({m.series for m in meetings}) == 1 and meetings[0].series is not None
    assert len(stored(settlement, MeetingAttendance, resident=member)) == 4
    # The page says 6 p.m. for each of them.
    detail = coordinator_client.get(reverse("committees:meeting_detail", args=[meetings[0].pk]))
    assert text(detail).count("6 p.m.") == 4


def test_monthly_keeps_the_second_tuesday(coordinator_client, settlement, committee_a):
    response = coordinator_client.post(
        reverse("committees:meeting_create"),
        meeting_post(
            committee=committee_a.pk,
            date="2026-12-08",
            repeats="monthly",
            until="2027-04-30",
            end_time="",
        ),
    )
    assert response.status_code == 302
    days = sorted(
        m.starts_at.astimezone(dt.timezone(dt.timedelta(hours=2))).date()
        for m in stored(settlement, Meeting)
    )
    assert days == [
        dt.date(2026, 12, 8),
        dt.date(2027, 1, 12),
        dt.date(2027, 2, 9),
        dt.date(2027, 3, 9),
        dt.date(2027, 4, 13),
    ]
    assert all(day.weekday() == 1 for day in days)


def test_occurrence_dates():
    first = dt.date(2026, 12, 29)  # the 5th Tuesday: every month's last Tuesday
    assert services.occurrence_dates(
        first=first, repeats="monthly", until=dt.date(2027, 3, 31)
    ) == [dt.date(2026, 12, 29), dt.date(2027, 1, 26), dt.date(2027, 2, 23), dt.date(2027, 3, 30)]
    assert services.occurrence_dates(first=first, repeats="none", until=None) == [first]
    weekly = services.occurrence_dates(
        first=dt.date(2026, 12, 1), repeats="weekly", until=dt.date(2026, 12, 22)
    )
    assert weekly == [dt.date(2026, 12, d) for d in (1, 8, 15, 22)]
    assert services.one_year_after(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


def test_a_series_is_created_all_or_nothing(settlement, committee_a):
    with pytest.raises(services.InvalidRecurrence), scope(settlement=settlement.pk):
        services.meeting_create(
            settlement=settlement,
            data={
                "kind": "committee",
                "committee": committee_a,
                "title": "Too long",
                "date": dt.date(2026, 12, 1),
                "start_time": dt.time(18),
            },
            repeats="weekly",
            until=dt.date(2027, 12, 1),
        )
    assert stored(settlement, Meeting) == []


# --- the meeting's page --------------------------------------------------------------------


@pytest.fixture
def meeting(settlement, committee_a, secretary):
    meeting = factories.MeetingFactory(
        committee=committee_a,
        title="Culture committee",
        starts_at=at("2026-11-24", 18),
        ends_at=at("2026-11-24", 19, 30),
        place="Club house",
        video_link="https://meet.example.org/culture",
        agenda="Hanukkah party",
        minutes="We met.",
        decisions="A party on 6 December.",
    )
    for first_name, attended in (("Avi", True), ("Bat", False), ("Gil", None)):
        resident = factories.ResidentFactory(
            settlement=settlement, first_name=first_name, last_name="Cohen"
        )
        MeetingAttendance.objects.create(
            settlement=settlement, meeting=meeting, resident=resident, attended=attended
        )
    meeting.partners.add(factories.PartnerFactory(settlement=settlement, name="Welfare department"))
    meeting.users.add(secretary)
    return meeting


def test_detail_shows_the_meeting(coordinator_client, meeting, secretary):
    factories.ActionItemFactory(
        meeting=meeting, title="Book the hall", owner=secretary, due_on=dt.date(2026, 11, 20)
    )
    factories.ActionItemFactory(
        meeting=meeting,
        title="Buy candles",
        due_on=dt.date(2026, 11, 1),
        done_at=factories.FIXED_NOW,
    )
    factories.ActionItemFactory(meeting=meeting, title="Invite a band", due_on=dt.date(2026, 12, 1))
    response = coordinator_client.get(reverse("committees:meeting_detail", args=[meeting.pk]))
    assert response.status_code == 200
    page = text(response)
    for words in (
        "Tuesday, ",
        "8 p.m.–9:30 p.m.",
        "Club house",
        '<a href="https://meet.example.org/culture" rel="noopener noreferrer" target="_blank">',
        "Hanukkah party",
        "Avi Cohen",
        "Welfare department",
        "Sara",
        "We met.",
        "A party on 6 December.",
        "1 came",
        "1 did not come",
        "not recorded",
        reverse("committees:meeting_ics", args=[meeting.pk]),
        reverse("committees:meeting_minutes", args=[meeting.pk]),
        reverse("committees:meeting_edit", args=[meeting.pk]),
        reverse("committees:action_add", args=[meeting.pk]),
    ):
        assert words in page, words
    items = {item.title: item for item in response.context["items"]}
    assert items["Book the hall"].overdue
    assert not items["Buy candles"].overdue  # done
    assert not items["Invite a band"].overdue
    assert page.count("Overdue") == 1 and ">Done<" in page


def test_readers_see_no_edit_links_and_owners_see_mark_done(client, meeting, secretary):
    mine = factories.ActionItemFactory(meeting=meeting, title="Book the hall", owner=secretary)
    other = factories.ActionItemFactory(meeting=meeting, title="Not mine")
    client.force_login(secretary)
    response = client.get(reverse("committees:meeting_detail", args=[meeting.pk]))
    page = text(response)
    assert reverse("committees:meeting_edit", args=[meeting.pk]) not in page
    assert reverse("committees:meeting_minutes", args=[meeting.pk]) not in page
    assert reverse("committees:action_edit", args=[mine.pk]) not in page
    assert reverse("committees:action_done", args=[mine.pk]) in page
    assert reverse("committees:action_done", args=[other.pk]) not in page


def test_detail_lists_the_next_meetings_of_the_series(coordinator_client, committee_a):
    series = uuid.uuid4()
    meetings = [
        factories.MeetingFactory(
            committee=committee_a,
            series=series,
            title=f"Meeting {n}",
            starts_at=at("2026-12-01", 18) + dt.timedelta(weeks=n),
            ends_at=None,
        )
        for n in range(8)
    ]
    response = coordinator_client.get(reverse("committees:meeting_detail", args=[meetings[1].pk]))
    assert [m.pk for m in response.context["series"]] == [m.pk for m in meetings[2:7]]
    last = coordinator_client.get(reverse("committees:meeting_detail", args=[meetings[7].pk]))
    assert "This is the last meeting of the series." in text(last)


# --- edit ----------------------------------------------------------------------------------


def test_edit_changes_this_occurrence_only(coordinator_client, settlement, committee_a):
    series = uuid.uuid4()
    first, second = (
        factories.MeetingFactory(
            committee=committee_a,
            series=series,
            title="Weekly",
            starts_at=at("2026-12-01", 17),
            ends_at=None,
        ),
        factories.MeetingFactory(
            committee=committee_a,
            series=series,
            title="Weekly",
            starts_at=at("2026-12-08", 17),
            ends_at=None,
        ),
    )
    url = reverse("committees:meeting_edit", args=[first.pk])
    form = coordinator_client.get(url)
    assert form.status_code == 200
    assert form.context["form"]["start_time"].value().strftime("%H:%M") == "19:00"
    assert "Changes here apply to this meeting only." in text(form)
    response = coordinator_client.post(
        url,
        meeting_post(
            committee=committee_a.pk,
            title="Moved to Wednesday",
            date="2026-12-02",
            start_time="20:00",
            end_time="",
        ),
    )
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        first.refresh_from_db()
        second.refresh_from_db()
    assert (first.title, first.starts_at, first.ends_at) == (
        "Moved to Wednesday",
        at("2026-12-02", 18),
        None,
    )
    assert (second.title, second.starts_at) == ("Weekly", at("2026-12-08", 17))


def test_edit_sets_who_is_invited_and_moving_committee_reinvites(
    coordinator_client, settlement, committee_a, committee_b
):
    stays = factories.CommitteeMemberFactory(committee=committee_a).resident
    goes = factories.CommitteeMemberFactory(committee=committee_a).resident
    joined = factories.CommitteeMemberFactory(committee=committee_a).resident
    youth = factories.CommitteeMemberFactory(committee=committee_b).resident
    meeting = factories.MeetingFactory(
        committee=committee_a, starts_at=at("2026-12-01", 17), ends_at=None
    )
    for resident, attended in ((stays, True), (goes, None)):
        MeetingAttendance.objects.create(
            settlement=settlement, meeting=meeting, resident=resident, attended=attended
        )
    url = reverse("committees:meeting_edit", args=[meeting.pk])
    post = meeting_post(committee=committee_a.pk, invited=[stays.pk, joined.pk])
    # A resident outside the committee cannot be invited.
    assert coordinator_client.post(url, {**post, "invited": [youth.pk]}).status_code == 400
    assert coordinator_client.post(url, post).status_code == 302
    rows = {r.resident_id: r.attended for r in stored(settlement, MeetingAttendance)}
    assert rows == {stays.pk: True, joined.pk: None}
    assert coordinator_client.post(url, meeting_post(committee=committee_b.pk)).status_code == 302
    rows = {r.resident_id: r.attended for r in stored(settlement, MeetingAttendance)}
    assert rows == {youth.pk: None}


# --- minutes -------------------------------------------------------------------------------


def minutes_post(response, **overrides):
    """The minutes form as the page shows it, changed by ``overrides``."""
    form = response.context["form"]
    data = {"version": response.context["version"], "minutes": "", "decisions": ""}
    for name in form.fields:
        if name.startswith("came_"):
            data[name] = form[name].value() or ""
    for n in range(3):
        data.update({f"action-{n}-title": "", f"action-{n}-owner": "", f"action-{n}-due_on": ""})
    data.update(overrides)
    return data


def test_chair_records_minutes_attendance_and_action_items(
    chair_client, settlement, meeting, secretary
):
    url = reverse("committees:meeting_minutes", args=[meeting.pk])
    page = chair_client.get(url)
    assert page.status_code == 200
    rows = {r.resident.first_name: r for r in stored(settlement, MeetingAttendance)}
    with scope(settlement=settlement.pk):
        rows = {
            r.resident.first_name: r for r in MeetingAttendance.objects.select_related("resident")
        }
    data = minutes_post(
        page,
        minutes="We planned the party.",
        decisions="The party is on 6 December.",
        **{
            f"came_{rows['Avi'].pk}": "no",
            f"came_{rows['Bat'].pk}": "yes",
            f"came_{rows['Gil'].pk}": "yes",
            "action-0-title": "Book the hall",
            "action-0-owner": str(secretary.pk),
            "action-0-due_on": "2026-11-30",
            "action-2-title": "Buy candles",
            "action-2-owner": str(secretary.pk),
            "action-2-due_on": "2026-12-03",
        },
    )
    response = chair_client.post(url, data)
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        meeting.refresh_from_db()
    assert (meeting.minutes, meeting.decisions) == (
        "We planned the party.",
        "The party is on 6 December.",
    )
    attended = {
        r.resident_id: r.attended for r in stored(settlement, MeetingAttendance, meeting=meeting)
    }
    assert attended == {
        rows["Avi"].resident_id: False,
        rows["Bat"].resident_id: True,
        rows["Gil"].resident_id: True,
    }
    items = stored(settlement, ActionItem, meeting=meeting)
    assert [(i.title, i.owner_id, i.due_on) for i in items] == [
        ("Book the hall", secretary.pk, dt.date(2026, 11, 30)),
        ("Buy candles", secretary.pk, dt.date(2026, 12, 3)),
    ]


def test_the_minutes_page_is_made_for_a_phone(chair_client, meeting):
    page = text(chair_client.get(reverse("committees:meeting_minutes", args=[meeting.pk])))
    assert page.count('class="btn-check"') == 9  # three residents, three answers each
    assert "btn-lg" in page
    for n in range(3):
        assert f'for="id_action-{n}-title"' in page and f'for="id_action-{n}-owner"' in page


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (
            {"action-1-title": "Book the hall", "action-1-due_on": "2026-11-30"},
            "owner",
            "Choose who",
        ),
        (
            {"action-1-title": "Book the hall", "action-1-owner": "OWNER"},
            "due_on",
            "Give a due date.",
        ),
        ({"action-1-owner": "OWNER"}, "title", "Give the action item a title"),
        (
            {"action-1-title": "X", "action-1-owner": "FOREIGN", "action-1-due_on": "2026-11-30"},
            "owner",
            "Choose the owner from the list.",
        ),
    ],
)
def test_a_bad_action_row_saves_nothing(
    chair_client, settlement, meeting, secretary, row, field, message
):
    foreign = factories.member(factories.SettlementFactory(), Role.SECRETARY)
    ids = {"OWNER": str(secretary.pk), "FOREIGN": str(foreign.pk)}
    row = {key: ids.get(value, value) for key, value in row.items()}
    url = reverse("committees:meeting_minutes", args=[meeting.pk])
    data = minutes_post(chair_client.get(url), minutes="Changed minutes", **row)
    response = chair_client.post(url, data)
    assert response.status_code == 400
    assert message in " ".join(response.context["rows"][1].errors[field])
    with scope(settlement=settlement.pk):
        meeting.refresh_from_db()
    assert meeting.minutes == "We met."
    assert stored(settlement, ActionItem) == []


def test_minutes_saved_meanwhile_by_someone_else_are_not_overwritten(
    chair_client, coordinator_client, settlement, meeting
):
    url = reverse("committees:meeting_minutes", args=[meeting.pk])
    chair_page = chair_client.get(url)
    coordinator_data = minutes_post(coordinator_client.get(url), minutes="The coordinator's text")
    assert coordinator_client.post(url, coordinator_data).status_code == 302
    response = chair_client.post(url, minutes_post(chair_page, minutes="The chair's text"))
    assert response.status_code == 400
    page = text(response)
    assert "Someone else saved the minutes" in page
    assert "The coordinator&#x27;s text" in page and "The chair&#x27;s text" in page
    with scope(settlement=settlement.pk):
        meeting.refresh_from_db()
    assert meeting.minutes == "The coordinator's text"
    # Saving again from the page shown now goes through.
    again = chair_client.post(url, minutes_post(response, minutes="Both texts"))
    assert again.status_code == 302
    with scope(settlement=settlement.pk):
        meeting.refresh_from_db()
    assert meeting.minutes == "Both texts"


def test_empty_minutes_post_is_a_400(chair_client, settlement, meeting):
    response = chair_client.post(reverse("committees:meeting_minutes", args=[meeting.pk]), {})
    assert response.status_code == 400
    assert "The form arrived incomplete" in text(response)
    with scope(settlement=settlement.pk):
        meeting.refresh_from_db()
    assert meeting.minutes == "We met."


# --- delete --------------------------------------------------------------------------------


def test_delete_one_meeting_or_this_and_the_following(coordinator_client, settlement, committee_a):
    series = uuid.uuid4()
    meetings = [
        factories.MeetingFactory(
            committee=committee_a,
            series=series,
            starts_at=at("2026-12-01", 17) + dt.timedelta(weeks=n),
            ends_at=None,
        )
        for n in range(5)
    ]
    other_series = factories.MeetingFactory(committee=committee_a, series=uuid.uuid4())
    factories.ActionItemFactory(meeting=meetings[3])
    url = reverse("committees:meeting_delete", args=[meetings[1].pk])
    confirm = coordinator_client.get(url)
    assert confirm.status_code == 200
    assert "This and the following meetings of the series (4 meetings)" in text(confirm)
    response = coordinator_client.post(url, {"scope": "this"})
    assert response.status_code == 302
    assert response["Location"] == reverse("committees:meetings")
    left = {m.pk for m in stored(settlement, Meeting)}
    assert left == {meetings[0].pk, meetings[2].pk, meetings[3].pk, meetings[4].pk, other_series.pk}
    url = reverse("committees:meeting_delete", args=[meetings[2].pk])
    assert coordinator_client.post(url, {"scope": "following"}).status_code == 302
    assert {m.pk for m in stored(settlement, Meeting)} == {meetings[0].pk, other_series.pk}
    assert stored(settlement, ActionItem) == []


# --- calendar file -------------------------------------------------------------------------


def test_calendar_file(client, settings, settlement, meeting, secretary):
    settings.SITE_URL = "https://coordinator.example.org"
    client.force_login(secretary)
    response = client.get(reverse("committees:meeting_ics", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="meeting-{meeting.pk}.ics"'
    calendar = icalendar.Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"meeting-{meeting.pk}@home"
    assert event.decoded("DTSTAMP") == factories.FIXED_NOW
    assert event.decoded("DTSTART") == at("2026-11-24", 18)
    assert event.decoded("DTEND") == at("2026-11-24", 19, 30)
    assert event.decoded("DTSTART").tzinfo is not None
    assert str(event["SUMMARY"]) == "Culture committee"
    assert str(event["LOCATION"]) == "Club house"
    assert "Hanukkah party" in str(event["DESCRIPTION"])
    assert "https://meet.example.org/culture" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == "https://coordinator.example.org" + reverse(
        "committees:meeting_detail", args=[meeting.pk]
    )
    body = response.content.decode()
    for private in ("Cohen", "Avi", "Sara", "ATTENDEE", "We met."):
        assert private not in body


def test_calendar_file_of_an_online_meeting_without_end(coordinator_client, settlement):
    meeting = office_meeting(
        settlement, place="", video_link="https://meet.example.org/x", ends_at=None
    )
    response = coordinator_client.get(reverse("committees:meeting_ics", args=[meeting.pk]))
    [event] = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["LOCATION"]) == "https://meet.example.org/x"
    assert event.decoded("DTEND") - event.decoded("DTSTART") == dt.timedelta(hours=1)


# --- action items --------------------------------------------------------------------------


def test_add_and_edit_an_action_item(coordinator_client, settlement, meeting, secretary):
    add = reverse("committees:action_add", args=[meeting.pk])
    assert coordinator_client.get(add).status_code == 200
    bad = coordinator_client.post(add, {"title": "Book the hall", "owner": "", "due_on": ""})
    assert bad.status_code == 400
    response = coordinator_client.post(
        add, {"title": "Book the hall", "owner": secretary.pk, "due_on": "2026-10-01"}
    )
    assert response.status_code == 302
    [item] = stored(settlement, ActionItem)
    assert (item.title, item.owner_id, item.due_on, item.done_at) == (
        "Book the hall",
        secretary.pk,
        dt.date(2026, 10, 1),  # a past date is fine: recording what was agreed
        None,
    )
    edit = reverse("committees:action_edit", args=[item.pk])
    data = {"title": "Book the big hall", "owner": secretary.pk, "due_on": "2026-12-01"}
    assert coordinator_client.post(edit, {**data, "done": "on"}).status_code == 302
    [item] = stored(settlement, ActionItem)
    assert (item.title, item.done_at) == ("Book the big hall", factories.FIXED_NOW)
    assert coordinator_client.post(edit, data).status_code == 302
    assert stored(settlement, ActionItem)[0].done_at is None


def test_the_owner_ticks_done_but_cannot_edit(client, settlement, meeting, secretary):
    item = factories.ActionItemFactory(meeting=meeting, title="Book the hall", owner=secretary)
    client.force_login(secretary)
    edit = reverse("committees:action_edit", args=[item.pk])
    assert client.get(edit).status_code == 404
    assert (
        client.post(
            edit, {"title": "Mine now", "owner": secretary.pk, "due_on": "2026-12-01"}
        ).status_code
        == 404
    )
    done = reverse("committees:action_done", args=[item.pk])
    assert client.get(done).status_code == 405
    response = client.post(done, {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    [stored_item] = stored(settlement, ActionItem)
    assert (stored_item.title, stored_item.done_at) == ("Book the hall", factories.FIXED_NOW)
    # Another site is no place to go back to: the meeting's page instead.
    response = client.post(done, {"undo": "1", "next": "https://evil.example.com/"})
    assert response["Location"] == reverse("committees:meeting_detail", args=[meeting.pk])
    assert stored(settlement, ActionItem)[0].done_at is None


def test_someone_else_cannot_tick_an_item_done(client, settlement, meeting, secretary):
    item = factories.ActionItemFactory(meeting=meeting, owner=secretary)
    client.force_login(factories.member(settlement, Role.BOARD))
    assert client.post(reverse("committees:action_done", args=[item.pk])).status_code == 404
    assert stored(settlement, ActionItem)[0].done_at is None


# --- a chair of another committee ----------------------------------------------------------


def test_chair_of_a_gets_404_on_every_meeting_url_of_b_and_office_meetings(
    chair_client, settlement, committee_b
):
    theirs = factories.MeetingFactory(committee=committee_b, title="Youth meeting")
    office = office_meeting(settlement, title="With the board")
    for meeting in (theirs, office):
        item = factories.ActionItemFactory(meeting=meeting)
        pages = [
            reverse(f"committees:{name}", args=[meeting.pk])
            for name in ("meeting_edit", "meeting_minutes", "meeting_delete", "action_add")
        ] + [reverse("committees:action_edit", args=[item.pk])]
        for url in pages:
            assert chair_client.get(url).status_code == 404, url
            posted = chair_client.post(url, meeting_post(committee=committee_b.pk, title="X"))
            assert posted.status_code == 404, url
        for name in ("meeting_detail", "meeting_ics"):
            url = reverse(f"committees:{name}", args=[meeting.pk])
            assert chair_client.get(url).status_code == 404, url
        done = reverse("committees:action_done", args=[item.pk])
        assert chair_client.post(done).status_code == 404
    assert len(stored(settlement, Meeting)) == 2
    assert all(i.done_at is None for i in stored(settlement, ActionItem))


# --- services ------------------------------------------------------------------------------


def test_services_write_only_what_changed(settlement, meeting, secretary):
    with scope(settlement=settlement.pk):
        meeting = Meeting.objects.select_related("committee", "settlement").get(pk=meeting.pk)
        same = {
            "kind": meeting.kind,
            "committee": meeting.committee,
            "title": meeting.title,
            "date": dt.date(2026, 11, 24),
            "start_time": dt.time(20),
            "end_time": dt.time(21, 30),
            "place": meeting.place,
            "video_link": meeting.video_link,
            "agenda": meeting.agenda,
        }
        assert services.meeting_update(meeting=meeting, data=same, users=[secretary]) is False
        assert services.meeting_update(meeting=meeting, data={**same, "title": "New"}) is True
        item = factories.ActionItemFactory(meeting=meeting)
        assert services.action_item_mark(item=item, done=True) is True
        first_done = item.done_at
        assert services.action_item_mark(item=item, done=True) is False
        assert item.done_at == first_done == factories.FIXED_NOW


def test_minutes_refuse_attendance_of_another_meeting(settlement, meeting, committee_a):
    other = factories.MeetingFactory(committee=committee_a)
    row = MeetingAttendance.objects.create(
        settlement=settlement,
        meeting=other,
        resident=factories.ResidentFactory(settlement=settlement),
    )
    with scope(settlement=settlement.pk), pytest.raises(services.ForeignObject):
        services.meeting_record_minutes(
            meeting=meeting, minutes="Changed", decisions="", attendance={row.pk: True}
        )
    with scope(settlement=settlement.pk):
        meeting.refresh_from_db()
        row.refresh_from_db()
    assert (meeting.minutes, row.attended) == ("We met.", None)


def test_a_valid_meeting_with_extra_fields_stays_home(
    coordinator_client, settlement, committee_a, other_settlement
):
    data = {
        **meeting_post(committee=committee_a.pk),
        "settlement": other_settlement.pk,
        "series": str(uuid.uuid4()),
        "created_at": "2020-01-01 00:00",
        "minutes": "Sneaked in",
    }
    assert coordinator_client.post(reverse("committees:meeting_create"), data).status_code == 302
    [meeting] = stored(settlement, Meeting)
    assert (meeting.settlement_id, meeting.series, meeting.minutes) == (settlement.pk, None, "")
    assert meeting.created_at == factories.FIXED_NOW
