"""Volunteer hours: logged by a chair or the coordinator (approved at once), reported by the
volunteer through their link (waiting for confirmation), confirmed by the committee's
chair; milestones, the yearly list of volunteers to thank, its export and the letter."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from openpyxl import load_workbook

from committees import providers_hours, selectors_hours, services_hours
from committees.models_volunteers import VolunteerHours, VolunteerMilestone, VolunteerProfile
from committees.tokens import link_token, token_hash
from coordinator import registry
from coordinator.models import Role
from messaging.models import Message
from messaging.services import LINK_BUILDERS
from tests import factories

TODAY = dt.date(2026, 11, 23)
APPROVED = VolunteerHours.Status.APPROVED
PENDING = VolunteerHours.Status.PENDING
REJECTED = VolunteerHours.Status.REJECTED


def text(response) -> str:
    return response.content.decode()


def stored(settlement, **filters) -> list[VolunteerHours]:
    with scope(settlement=settlement.pk):
        return list(VolunteerHours.objects.filter(**filters).order_by("pk"))


def milestones_of(resident) -> list[int]:
    with scopes_disabled():
        return sorted(
            VolunteerMilestone.objects.filter(resident=resident).values_list("hours", flat=True)
        )


@pytest.fixture
def culture(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


@pytest.fixture
def youth(settlement):
    other_chair = factories.member(settlement, Role.CHAIR, username="youthchair")
    return factories.CommitteeFactory(
        settlement=settlement, name="Youth", kind="youth", chairs=[other_chair]
    )


@pytest.fixture
def dana(settlement, culture):
    member = factories.CommitteeMemberFactory(
        committee=culture,
        resident__first_name="Dana",
        resident__last_name="Levi",
        resident__settlement=settlement,
    )
    return member.resident


@pytest.fixture
def chair_client(client, chair):
    client.force_login(chair)
    return client


def log_post(resident, committee=None, **overrides):
    data = {
        "resident": resident.pk,
        "committee": committee.pk if committee else "",
        "date": "2026-11-20",
        "hours": "2.5",
        "description": "Set up the hall",
    }
    data.update(overrides)
    return data


def pending(resident, committee, hours="2.50", **kwargs):
    return factories.VolunteerHoursFactory(
        resident=resident,
        committee=committee,
        settlement=resident.settlement,
        hours=Decimal(hours),
        **kwargs,
    )


# --- logging -------------------------------------------------------------------------------


def test_chair_logs_hours_approved_at_once(chair_client, settlement, chair, culture, dana):
    response = chair_client.post(reverse("committees:hours_log"), log_post(dana, culture))
    assert response.status_code == 302
    [entry] = stored(settlement)
    assert entry.status == APPROVED
    assert entry.source == VolunteerHours.Source.CHAIR
    assert entry.reviewed_by == chair and entry.reported_by == chair
    assert entry.hours == Decimal("2.50")
    assert entry.committee == culture


def test_coordinator_logs_hours_for_no_committee(coordinator_client, settlement, coordinator):
    volunteer = factories.VolunteerProfileFactory(resident__settlement=settlement)
    response = coordinator_client.post(
        reverse("committees:hours_log"), log_post(volunteer.resident)
    )
    assert response.status_code == 302
    [entry] = stored(settlement)
    assert entry.committee is None
    assert entry.source == VolunteerHours.Source.COORDINATOR
    assert entry.status == APPROVED and entry.reviewed_by == coordinator


def test_log_form_offers_a_chair_only_their_members(chair_client, settlement, culture, youth, dana):
    outsider = factories.CommitteeMemberFactory(
        committee=youth, resident__first_name="Outsider", resident__settlement=settlement
    ).resident
    page = text(chair_client.get(reverse("committees:hours_log")))
    assert "Dana" in page
    assert "Outsider" not in page
    assert "Youth" not in page
    # Posting them anyway is refused.
    response = chair_client.post(reverse("committees:hours_log"), log_post(outsider, culture))
    assert response.status_code == 400
    assert "Choose a volunteer from the list." in text(response)
    response = chair_client.post(reverse("committees:hours_log"), log_post(dana, youth))
    assert response.status_code == 400
    assert stored(settlement) == []


def test_chair_must_choose_a_committee(chair_client, settlement, culture, dana):
    response = chair_client.post(reverse("committees:hours_log"), log_post(dana, None))
    assert response.status_code == 400
    assert "Choose the committee." in text(response)


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("date", "2026-11-24", "The date cannot be in the future."),
        ("date", "2025-11-01", "Hours older than a year cannot be added."),
        ("date", "yesterday", "Enter a valid date."),
        ("hours", "0", "Write more than 0 hours."),
        ("hours", "-2", "Write more than 0 hours."),
        ("hours", "24.5", "Write at most 24 hours for one day."),
        ("hours", "2.555", "Write at most two decimals."),
        ("hours", "lots", "Write the hours as a number, for example 2.5."),
        ("description", "x" * 301, "at most 300 characters"),
    ],
)
def test_bad_input_is_a_400_and_nothing_is_written(
    chair_client, settlement, culture, dana, field, value, error
):
    response = chair_client.post(
        reverse("committees:hours_log"), log_post(dana, culture, **{field: value})
    )
    assert response.status_code == 400
    assert error in text(response)
    assert "Nothing was saved" in text(response)
    assert stored(settlement) == []


def test_24_hours_on_the_oldest_day_is_fine(chair_client, settlement, culture, dana):
    response = chair_client.post(
        reverse("committees:hours_log"),
        log_post(dana, culture, hours="24", date="2025-11-23"),
    )
    assert response.status_code == 302
    assert stored(settlement)[0].hours == Decimal("24")


def test_empty_log_form_is_a_400(chair_client, settlement, culture):
    response = chair_client.post(reverse("committees:hours_log"), {})
    assert response.status_code == 400
    assert "Choose the volunteer." in text(response)


# --- the list ------------------------------------------------------------------------------


def test_chair_sees_only_their_committees_hours(chair_client, settlement, culture, youth, dana):
    pending(dana, culture, description="Culture work")
    other = factories.CommitteeMemberFactory(committee=youth, resident__settlement=settlement)
    pending(other.resident, youth, description="Youth work")
    pending(dana, None, description="Coordinator work")
    page = text(chair_client.get(reverse("committees:hours")))
    assert "Culture work" in page
    assert "Youth work" not in page
    assert "Coordinator work" not in page


def test_coordinator_sees_all_and_not_other_settlements(
    coordinator_client, settlement, other_settlement, culture, youth, dana
):
    pending(dana, culture, description="Culture work")
    pending(dana, None, description="Coordinator work")
    elsewhere = factories.CommitteeFactory(settlement=other_settlement)
    factories.VolunteerHoursFactory(committee=elsewhere, description="Far away work")
    page = text(coordinator_client.get(reverse("committees:hours")))
    assert "Culture work" in page and "Coordinator work" in page
    assert "Far away work" not in page


def test_tabs_filters_search_and_total(coordinator_client, settlement, culture, youth, dana):
    other = factories.CommitteeMemberFactory(
        committee=youth, resident__first_name="Noa", resident__settlement=settlement
    ).resident
    pending(dana, culture, hours="3", description="Waiting")
    pending(dana, culture, hours="2.25", status=APPROVED, description="Done in November")
    pending(dana, culture, hours="4", status=APPROVED, date=dt.date(2026, 10, 5))
    pending(other, youth, hours="1.5", status=APPROVED, description="Youth help")
    pending(dana, culture, hours="9", status=REJECTED, description="Refused")
    url = reverse("committees:hours")

    default = coordinator_client.get(url)
    assert [e.description for e in default.context["entries"]] == ["Waiting"]
    assert default.context["total"] == Decimal("7.75")

    approved = coordinator_client.get(url, {"status": "approved"}).context
    assert len(approved["entries"]) == 3
    rejected = coordinator_client.get(url, {"status": "rejected"}).context
    assert [e.description for e in rejected["entries"]] == ["Refused"]
    assert len(coordinator_client.get(url, {"status": "all"}).context["entries"]) == 5

    november = coordinator_client.get(url, {"status": "approved", "month": "2026-11"}).context
    assert len(november["entries"]) == 2
    assert november["total"] == Decimal("3.75")
    by_committee = coordinator_client.get(url, {"status": "all", "committee": youth.pk}).context
    assert [e.description for e in by_committee["entries"]] == ["Youth help"]
    searched = coordinator_client.get(url, {"status": "all", "q": "noa"}).context
    assert [e.description for e in searched["entries"]] == ["Youth help"]
    assert searched["total"] == Decimal("1.5")
    # A bad month or status drops only its own filter.
    bad = coordinator_client.get(url, {"status": "bogus", "month": "2026-13"})
    assert bad.status_code == 200
    assert [e.description for e in bad.context["entries"]] == ["Waiting"]


def test_empty_states(chair_client, coordinator_client, culture):
    assert "Nothing to confirm" in text(chair_client.get(reverse("committees:hours")))
    page = text(coordinator_client.get(reverse("committees:hours"), {"q": "nobody"}))
    assert "No hours match these filters." in page


def test_list_paginates_by_25(coordinator_client, settlement, culture, dana):
    for day in range(30):
        pending(dana, culture, date=TODAY - dt.timedelta(days=day))
    first = coordinator_client.get(reverse("committees:hours")).context
    assert len(first["entries"]) == 25
    second = coordinator_client.get(reverse("committees:hours"), {"page": 2}).context
    assert len(second["entries"]) == 5
    # To confirm: the oldest first.
    assert first["entries"][0].date == TODAY - dt.timedelta(days=29)


def test_htmx_gets_the_table_only(coordinator_client, culture, dana):
    pending(dana, culture, description="Waiting")
    response = coordinator_client.get(reverse("committees:hours"), headers={"HX-Request": "true"})
    assert "Waiting" in text(response)
    assert "<html" not in text(response)


# --- confirming ----------------------------------------------------------------------------


def test_chair_approves_with_a_note(chair_client, settlement, chair, culture, dana):
    entry = pending(dana, culture)
    response = chair_client.post(
        reverse("committees:hours_review", args=[entry.pk]),
        {"decision": "approve", "note": "  Thank   you "},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("committees:hours")
    [entry] = stored(settlement)
    assert entry.status == APPROVED and entry.reviewed_by == chair
    assert entry.review_note == "Thank you"
    assert entry.reviewed_at is not None


def test_chair_rejects(chair_client, settlement, culture, dana):
    entry = pending(dana, culture, hours="20")
    response = chair_client.post(
        reverse("committees:hours_review", args=[entry.pk]),
        {"decision": "reject", "note": "Not ours"},
    )
    assert response.status_code == 302
    assert stored(settlement)[0].status == REJECTED
    assert milestones_of(dana) == []


@pytest.mark.parametrize("data", [{}, {"decision": "maybe"}, {"decision": ""}])
def test_review_without_a_decision_is_a_400(chair_client, settlement, culture, dana, data):
    entry = pending(dana, culture)
    response = chair_client.post(reverse("committees:hours_review", args=[entry.pk]), data)
    assert response.status_code == 400
    assert "Choose whether to approve the hours." in text(response)
    assert stored(settlement)[0].status == PENDING


def test_chair_of_another_committee_gets_404(chair_client, settlement, youth):
    member = factories.CommitteeMemberFactory(committee=youth, resident__settlement=settlement)
    entry = pending(member.resident, youth)
    no_committee = pending(member.resident, None)
    for target in (entry, no_committee):
        response = chair_client.post(
            reverse("committees:hours_review", args=[target.pk]), {"decision": "approve"}
        )
        assert response.status_code == 404
    assert {e.status for e in stored(settlement)} == {PENDING}


def test_coordinator_confirms_hours_for_no_committee(coordinator_client, settlement, dana):
    entry = pending(dana, None)
    response = coordinator_client.post(
        reverse("committees:hours_review", args=[entry.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    assert stored(settlement)[0].status == APPROVED


def test_review_of_another_settlements_hours_is_404(coordinator_client, other_settlement):
    entry = factories.VolunteerHoursFactory(
        committee=factories.CommitteeFactory(settlement=other_settlement)
    )
    response = coordinator_client.post(
        reverse("committees:hours_review", args=[entry.pk]), {"decision": "approve"}
    )
    assert response.status_code == 404


def test_review_goes_back_to_a_safe_next_only(chair_client, culture, dana):
    entry = pending(dana, culture)
    url = reverse("committees:hours_review", args=[entry.pk])
    response = chair_client.post(url, {"decision": "approve", "next": "/?x=1"})
    assert response["Location"] == "/?x=1"
    other = pending(dana, culture)
    url = reverse("committees:hours_review", args=[other.pk])
    response = chair_client.post(url, {"decision": "approve", "next": "https://evil.example/"})
    assert response["Location"] == reverse("committees:hours")


def test_review_get_is_not_allowed(chair_client, culture, dana):
    entry = pending(dana, culture)
    assert chair_client.get(reverse("committees:hours_review", args=[entry.pk])).status_code == 405


# --- milestones ----------------------------------------------------------------------------


def test_milestones_are_a_rising_constant() -> None:
    assert selectors_hours.MILESTONES == (10, 25, 50, 100, 250, 500)


def test_one_approval_can_cross_two_thresholds(settlement, chair, culture, dana):
    with scope(settlement=settlement.pk):
        pending(dana, culture, hours="8", status=APPROVED)
        big = pending(dana, culture, hours="20")
        reached = services_hours.hours_review(entry=big, approve=True, note="", by=chair)
    assert reached == [10, 25]
    assert milestones_of(dana) == [10, 25]
    with scopes_disabled():
        assert {m.reached_on for m in VolunteerMilestone.objects.filter(resident=dana)} == {TODAY}


def test_approving_again_adds_nothing(settlement, chair, culture, dana):
    with scope(settlement=settlement.pk):
        entry = pending(dana, culture, hours="12")
        assert services_hours.hours_review(entry=entry, approve=True, note="", by=chair) == [10]
        assert services_hours.hours_review(entry=entry, approve=True, note="", by=chair) == []
        assert services_hours.milestones_update(resident=dana) == []
    assert milestones_of(dana) == [10]


def test_rejected_and_pending_hours_do_not_count(settlement, chair, culture, dana):
    with scope(settlement=settlement.pk):
        pending(dana, culture, hours="9", status=APPROVED)
        pending(dana, culture, hours="24")
        refused = pending(dana, culture, hours="24")
        services_hours.hours_review(entry=refused, approve=False, note="", by=chair)
        assert services_hours.milestones_update(resident=dana) == []
    assert milestones_of(dana) == []


def test_logging_reaches_a_milestone(chair_client, settlement, culture, dana):
    pending(dana, culture, hours="8", status=APPROVED)
    chair_client.post(reverse("committees:hours_log"), log_post(dana, culture, hours="3"))
    assert milestones_of(dana) == [10]
    page = text(chair_client.get(reverse("committees:hours")))
    assert "Dana Levi reached 10 hours" in page


def test_next_milestone():
    assert selectors_hours.next_milestone(Decimal("0")) == 10
    assert selectors_hours.next_milestone(Decimal("10")) == 25
    assert selectors_hours.next_milestone(Decimal("600")) is None


# --- the personal link ---------------------------------------------------------------------


@pytest.fixture
def profile(settlement, dana):
    return factories.VolunteerProfileFactory(resident=dana)


def fresh(profile) -> VolunteerProfile:
    with scopes_disabled():
        return VolunteerProfile.objects.get(pk=profile.pk)


def test_link_page_get_writes_nothing(coordinator_client, profile):
    response = coordinator_client.get(reverse("committees:hours_link", args=[profile.pk]))
    assert response.status_code == 200
    assert "No link yet" in text(response)
    assert fresh(profile).hours_nonce == ""


def test_sending_makes_the_link_and_queues_it(coordinator_client, settlement, profile):
    url = reverse("committees:hours_link", args=[profile.pk])
    response = coordinator_client.post(url, {"action": "send"})
    assert response.status_code == 302
    saved = fresh(profile)
    assert saved.hours_nonce
    token = link_token("hours", saved.hours_nonce)
    assert saved.hours_token_hash == token_hash(token)
    with scope(settlement=settlement.pk):
        [message] = Message.objects.all()
    assert message.kind == "committees.hours_link"
    assert "[[link]]" in message.body
    assert message.link_ref == profile.pk
    assert saved.hours_nonce in message.dedupe_key
    # The sender's builder makes the link from the nonce.
    with scope(settlement=settlement.pk):
        links = LINK_BUILDERS[message.link_kind]([profile.pk])
    assert links[profile.pk].endswith(reverse("public:hours", args=[token]))
    # The page now shows the link and its QR code; sending again the same day queues nothing.
    page = text(coordinator_client.get(url))
    assert reverse("public:hours", args=[token]) in page
    assert 'src="data:image/svg+xml' in page
    coordinator_client.post(url, {})
    with scope(settlement=settlement.pk):
        assert Message.objects.count() == 1


def test_reset_makes_a_new_link_and_the_old_stops(coordinator_client, client, settlement, profile):
    url = reverse("committees:hours_link", args=[profile.pk])
    coordinator_client.post(url, {"action": "send"})
    old = link_token("hours", fresh(profile).hours_nonce)
    assert coordinator_client.post(url, {"action": "reset"}).status_code == 302
    new = link_token("hours", fresh(profile).hours_nonce)
    assert new != old
    assert client.get(reverse("public:hours", args=[old])).status_code == 404
    assert client.get(reverse("public:hours", args=[new])).status_code == 200
    # After a reset the new link can be sent.
    coordinator_client.post(url, {"action": "send"})
    with scope(settlement=settlement.pk):
        assert Message.objects.count() == 2


def test_resident_without_email_gets_a_printable_link(coordinator_client, settlement, dana):
    with scopes_disabled():
        dana.email = ""
        dana.save()
    profile = factories.VolunteerProfileFactory(resident=dana)
    url = reverse("committees:hours_link", args=[profile.pk])
    assert "cannot get e-mail from us" in text(coordinator_client.get(url))
    coordinator_client.post(url, {})
    assert fresh(profile).hours_nonce
    with scope(settlement=settlement.pk):
        assert not Message.objects.exists()
    page = text(coordinator_client.get(url))
    assert "js-print" in page


def test_link_unknown_action_is_a_400(coordinator_client, profile):
    url = reverse("committees:hours_link", args=[profile.pk])
    assert coordinator_client.post(url, {"action": "explode"}).status_code == 400
    assert fresh(profile).hours_nonce == ""


def test_chair_cannot_open_the_link_page(chair_client, profile):
    url = reverse("committees:hours_link", args=[profile.pk])
    assert chair_client.get(url).status_code == 404
    assert chair_client.post(url, {}).status_code == 404


# --- the volunteer's page ------------------------------------------------------------------


@pytest.fixture
def token(profile):
    value = link_token("hours", "a" * 32)
    with scopes_disabled():
        VolunteerProfile.objects.filter(pk=profile.pk).update(
            hours_nonce="a" * 32, hours_token_hash=token_hash(value)
        )
    return value


def report_post(committee, **overrides):
    data = {
        "date": "2026-11-22",
        "hours": "3",
        "committee": committee.pk if committee else "other",
        "description": "Painted the bench",
    }
    data.update(overrides)
    return data


def test_volunteer_reports_hours(client, settlement, culture, dana, token):
    url = reverse("public:hours", args=[token])
    page = client.get(url)
    assert page.status_code == 200
    assert "Culture" in text(page)
    assert "Other / for the coordinator" in text(page)
    response = client.post(url, report_post(culture))
    assert response.status_code == 302
    assert response["Location"] == url
    [entry] = stored(settlement)
    assert entry.status == PENDING and entry.source == VolunteerHours.Source.SELF
    assert entry.resident == dana and entry.committee == culture
    page = text(client.get(url))
    assert "Thank you! Your 3 hours were sent for confirmation." in page
    assert "Painted the bench" in page and "To confirm" in page


def test_volunteer_reports_for_the_coordinator(client, settlement, token):
    client.post(reverse("public:hours", args=[token]), report_post(None))
    assert stored(settlement)[0].committee is None


def test_volunteer_cannot_report_for_a_committee_they_do_not_serve(
    client, settlement, youth, token
):
    response = client.post(reverse("public:hours", args=[token]), report_post(youth))
    assert response.status_code == 400
    assert stored(settlement) == []


def test_empty_report_is_a_400(client, settlement, token):
    response = client.post(reverse("public:hours", args=[token]), {})
    assert response.status_code == 400
    assert "Nothing was sent" in text(response)
    assert stored(settlement) == []


def test_volunteer_page_shows_status_note_totals_and_next_milestone(client, culture, dana, token):
    pending(dana, culture, hours="6", status=APPROVED)
    pending(dana, culture, hours="2", status=APPROVED, date=dt.date(2025, 12, 1))
    pending(dana, culture, hours="1", status=REJECTED, review_note="That was a party")
    page = text(client.get(reverse("public:hours", args=[token])))
    assert "Not approved" in page and "That was a party" in page
    assert "Approved hours in all: 8." in page
    assert "2 more to reach 10 hours." in page


def test_unknown_or_long_token_is_404(client, db):
    for token in ("nope", "x" * 200):
        response = client.get(reverse("public:hours", args=[token]))
        assert response.status_code == 404
        assert "This link is not valid" in text(response)


def test_inactive_volunteer_sees_a_friendly_message(client, settlement, profile, token):
    with scopes_disabled():
        VolunteerProfile.objects.filter(pk=profile.pk).update(active=False)
    page = client.get(reverse("public:hours", args=[token]))
    assert page.status_code == 200
    assert "Thank you for volunteering" in text(page)
    assert "<form" not in text(page)
    assert client.post(reverse("public:hours", args=[token]), report_post(None)).status_code == 400
    assert stored(settlement) == []


def test_volunteer_page_is_in_their_language(client, dana, token):
    with scopes_disabled():
        dana.preferred_language = "he"
        dana.save()
    response = client.get(reverse("public:hours", args=[token]))
    assert response["Content-Language"] == "he"
    assert 'lang="he"' in text(response) and 'dir="rtl"' in text(response)


def test_volunteer_page_leaks_no_other_volunteer(client, culture, dana, token, settlement):
    other = factories.CommitteeMemberFactory(committee=culture, resident__settlement=settlement)
    pending(other.resident, culture, description="Someone else's work")
    page = text(client.get(reverse("public:hours", args=[token])))
    assert "Someone else" not in page
    assert other.resident.last_name not in page


# --- recognition ---------------------------------------------------------------------------


def test_thanks_lists_the_years_volunteers_most_hours_first(
    coordinator_client, settlement, culture, youth, dana
):
    noa = factories.CommitteeMemberFactory(
        committee=youth, resident__first_name="Noa", resident__settlement=settlement
    ).resident
    pending(dana, culture, hours="3", status=APPROVED)
    pending(dana, youth, hours="1", status=APPROVED)
    pending(dana, culture, hours="5", status=APPROVED, date=dt.date(2025, 12, 20))
    pending(noa, youth, hours="10", status=APPROVED)
    pending(noa, youth, hours="7")  # pending: not counted
    factories.VolunteerMilestoneFactory(resident=noa, hours=10, reached_on=TODAY)
    context = coordinator_client.get(reverse("committees:thanks")).context
    rows = context["rows"]
    assert [r.first_name for r in rows] == ["Noa", "Dana"]
    assert rows[0].hours_year == Decimal("10") and rows[1].hours_year == Decimal("4")
    assert rows[1].hours_all == Decimal("9")
    assert rows[1].committee_names == ["Culture", "Youth"]
    assert [m.hours for m in rows[0].year_milestones] == [10]
    last_year = coordinator_client.get(reverse("committees:thanks"), {"year": 2025}).context
    assert [r.first_name for r in last_year["rows"]] == ["Dana"]


def test_thanks_is_the_coordinators(chair_client, culture):
    assert chair_client.get(reverse("committees:thanks")).status_code == 404
    assert chair_client.get(reverse("committees:thanks_export")).status_code == 404


def test_thanks_export_csv_neutralises_formulas(coordinator_client, settlement, culture):
    resident = factories.CommitteeMemberFactory(
        committee=culture, resident__first_name="=HYPERLINK(1)", resident__settlement=settlement
    ).resident
    pending(resident, culture, hours="2.5", status=APPROVED)
    response = coordinator_client.get(reverse("committees:thanks_export"), {"year": 2026})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["First name", "Last name", "Hours this year"]
    assert rows[1][0] == "'=HYPERLINK(1)"
    assert rows[1][2] == "2.50"
    assert rows[1][4] == "Culture"


def test_thanks_export_xlsx(coordinator_client, settlement, culture, dana):
    pending(dana, culture, hours="2.5", status=APPROVED)
    response = coordinator_client.get(
        reverse("committees:thanks_export"), {"year": 2026, "format": "xlsx"}
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(row=2, column=1).value == "Dana"
    assert Decimal(str(sheet.cell(row=2, column=3).value)) == Decimal("2.5")
    bad = coordinator_client.get(reverse("committees:thanks_export"), {"format": "pdf"})
    assert bad.status_code == 404


def test_letter_is_in_the_settlements_language(
    coordinator_client, settlement, coordinator, culture, dana
):
    settlement.language = "he"
    settlement.save()
    coordinator.first_name, coordinator.last_name = "Maya", "Green"
    coordinator.save()
    profile = factories.VolunteerProfileFactory(resident=dana)
    pending(dana, culture, hours="12.5", status=APPROVED)
    response = coordinator_client.get(
        reverse("committees:thanks_letter", args=[profile.pk]), {"year": 2026}
    )
    assert response.status_code == 200
    page = text(response)
    assert 'lang="he"' in page and 'dir="rtl"' in page
    assert "Dana Levi" in page and "Maya Green" in page and "12.50" in page
    assert "Culture" in page and "Home Village" in page
    assert "css/letter.css" in page and "js-print" in page


# --- the home panel ------------------------------------------------------------------------


def test_chair_home_shows_hours_to_confirm_and_approves(chair_client, settlement, culture, dana):
    for day in range(7):
        pending(dana, culture, date=TODAY - dt.timedelta(days=day), description=f"Job {day}")
    response = chair_client.get(reverse("home"))
    [panel] = [p for t, p in response.context["panels"] if t.endswith("hours_to_confirm.html")]
    assert panel["waiting"].total == 7
    assert [e.description for e in panel["waiting"].entries] == [
        f"Job {d}" for d in (6, 5, 4, 3, 2)
    ]
    page = text(response)
    assert "Hours to confirm" in page
    oldest = panel["waiting"].entries[0]
    reply = chair_client.post(
        reverse("committees:hours_review", args=[oldest.pk]),
        {"decision": "approve", "next": reverse("home")},
    )
    assert reply["Location"] == reverse("home")
    assert stored(settlement, pk=oldest.pk)[0].status == APPROVED


def test_chair_home_without_hours_says_so(chair_client, culture):
    assert "No hours are waiting for you." in text(chair_client.get(reverse("home")))


def test_coordinator_home_shows_the_panel_only_with_hours(coordinator_client, culture, dana):
    assert "Hours to confirm" not in text(coordinator_client.get(reverse("home")))
    pending(dana, None)
    assert "Hours to confirm" in text(coordinator_client.get(reverse("home")))


# --- personal data and demo ----------------------------------------------------------------


def test_personal_data_export_and_erase(settlement, culture, dana):
    [item] = [p for p in registry.personal_data if p.key == "volunteer_hours"]
    with scope(settlement=settlement.pk):
        pending(dana, culture, hours="3", status=APPROVED, review_note="Thanks")
        factories.VolunteerMilestoneFactory(resident=dana, hours=10)
        exported = item.export(dana)
        assert exported["hours"][0]["hours"] == "3.00"
        assert exported["hours"][0]["committee"] == "Culture"
        assert exported["milestones"] == [{"hours": 10, "reached_on": "2026-11-20"}]
        assert item.erase is providers_hours.personal_data_erase
        item.erase(dana)
        assert not VolunteerHours.objects.filter(resident=dana).exists()
        assert not VolunteerMilestone.objects.filter(resident=dana).exists()


def test_demo_seeder_is_idempotent(settlement, culture, dana):
    from committees.demo_hours import seed

    with scope(settlement=settlement.pk):
        seed(settlement)
        count = VolunteerHours.objects.count()
        assert count > 0
        seed(settlement)
        assert VolunteerHours.objects.count() == count
