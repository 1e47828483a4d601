"""Volunteer profiles, openings, the fit ranking on an opening's page, invitations and the
resident's answer through their personal link."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from committees import providers_volunteers, selectors_volunteers
from committees.demo_volunteers import seed
from committees.models_volunteers import (
    Opening,
    OpeningInvitation,
    Skill,
    VolunteerHours,
    VolunteerProfile,
)
from committees.services_volunteers import invitation_token
from committees.tokens import token_hash
from coordinator.models import Role
from messaging.models import Message
from tests import factories

TODAY = dt.date(2026, 11, 23)


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def culture(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


@pytest.fixture
def youth(settlement):
    return factories.CommitteeFactory(settlement=settlement, name="Youth", kind="youth")


@pytest.fixture
def chair_client(client, chair):
    client.force_login(chair)
    return client


@pytest.fixture
def driving(settlement):
    return factories.SkillFactory(settlement=settlement, name="Driving")


def volunteer(settlement, first, last="Person", skills=(), **kwargs):
    resident = factories.ResidentFactory(settlement=settlement, first_name=first, last_name=last)
    return factories.VolunteerProfileFactory(resident=resident, skills=list(skills), **kwargs)


def profile_post(**overrides):
    data = {
        "skills": [],
        "new_skills": "",
        "interests": ["culture"],
        "availability": ["weekends"],
        "languages": ["en", "he"],
        "hours_per_month": "6",
        "background_check": "none",
        "background_check_until": "",
        "active": "on",
        "notes": "Has a van.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def opening_post(**overrides):
    data = {
        "title": "Driver for the seniors' club",
        "description": "Drive three seniors to the club on Fridays.",
        "committee": "",
        "area": "welfare",
        "skills": [],
        "availability": ["weekends"],
        "language": "",
        "people_needed": "2",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- Volunteer list ---------------------------------------------------------------------------


def test_empty_list_explains_how_to_add_a_profile(coordinator_client):
    response = coordinator_client.get(reverse("committees:volunteers"))
    assert response.status_code == 200
    page = text(response)
    assert "No volunteers yet" in page
    assert "Add a volunteer profile" in page


def test_list_shows_skills_availability_languages_and_checks(
    coordinator_client, settlement, other_settlement, driving
):
    volunteer(
        settlement,
        "Dana",
        skills=[driving],
        availability=["weekends"],
        languages=["he"],
        background_check="valid",
        background_check_until=TODAY - dt.timedelta(days=1),
    )
    volunteer(settlement, "Eli", active=False, background_check="valid")
    volunteer(other_settlement, "Faraway")
    page = text(coordinator_client.get(reverse("committees:volunteers")))
    assert "Dana Person" in page
    assert "Driving" in page
    assert "Weekends" in page
    assert "Hebrew" in page
    assert "Expired" in page
    assert "inactive" in page
    assert "Faraway" not in page
    assert "2 volunteers" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("slot=weekends", {"Dana"}),
        ("language=he", {"Dana"}),
        ("active=no", {"Eli"}),
        ("active=yes", {"Dana"}),
        ("q=eli", {"Eli"}),
        ("slot=nonsense", {"Dana", "Eli"}),  # a bad value drops only its own filter
    ],
)
def test_list_filters(coordinator_client, settlement, driving, query, expected):
    volunteer(settlement, "Dana", skills=[driving], availability=["weekends"], languages=["he"])
    volunteer(settlement, "Eli", availability=["weekday_mornings"], languages=["en"], active=False)
    page = text(coordinator_client.get(reverse("committees:volunteers") + "?" + query))
    for name in {"Dana", "Eli"}:
        assert (f"{name} Person" in page) == (name in expected), name


def test_list_filters_by_skill(coordinator_client, settlement, driving):
    volunteer(settlement, "Dana", skills=[driving])
    volunteer(settlement, "Eli")
    page = text(coordinator_client.get(reverse("committees:volunteers") + f"?skill={driving.pk}"))
    assert "Dana Person" in page
    assert "Eli Person" not in page


def test_list_paginates_by_25(coordinator_client, settlement):
    for n in range(27):
        volunteer(settlement, f"V{n:02d}")
    first = text(coordinator_client.get(reverse("committees:volunteers")))
    assert first.count("/committees/volunteers/") >= 25
    assert "Page 1 of 2" in first
    second = text(coordinator_client.get(reverse("committees:volunteers") + "?page=2"))
    assert "V26 Person" in second


def test_htmx_returns_the_table_only(coordinator_client, settlement):
    volunteer(settlement, "Dana")
    response = coordinator_client.get(reverse("committees:volunteers"), HTTP_HX_REQUEST="true")
    assert "Dana Person" in text(response)
    assert "<html" not in text(response)


def test_resident_search_lists_residents_without_a_profile(coordinator_client, settlement):
    volunteer(settlement, "Dana", "Levi")
    plain = factories.ResidentFactory(settlement=settlement, first_name="Dina", last_name="Levi")
    page = text(coordinator_client.get(reverse("committees:volunteers") + "?resident_q=levi"))
    assert reverse("committees:volunteer_edit", args=[plain.pk]) in page
    assert "Dina Levi" in page
    with scope(settlement=settlement.pk):
        dana = VolunteerProfile.objects.get().resident
    assert reverse("committees:volunteer_edit", args=[dana.pk]) not in page


# --- Profile form -----------------------------------------------------------------------------


def test_creating_a_profile_with_new_skills(coordinator_client, settlement, driving):
    resident = factories.ResidentFactory(settlement=settlement)
    url = reverse("committees:volunteer_edit", args=[resident.pk])
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url,
        profile_post(skills=[driving.pk], new_skills=" first  aid, DRIVING, First Aid ,, Music"),
    )
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        profile = VolunteerProfile.objects.get(resident=resident)
        assert sorted(s.name for s in profile.skills.all()) == ["Driving", "Music", "first aid"]
        assert Skill.objects.count() == 3
        assert profile.languages == ["en", "he"]
        assert profile.notes == "Has a van."
    assert response.url == reverse("committees:volunteer_detail", args=[profile.pk])


def test_editing_a_profile_keeps_one_row(coordinator_client, settlement, driving):
    profile = volunteer(settlement, "Dana", skills=[driving])
    url = reverse("committees:volunteer_edit", args=[profile.resident_id])
    page = text(coordinator_client.get(url))
    assert "Has a van" not in page
    response = coordinator_client.post(url, profile_post(skills=[], active=None))
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        profile.refresh_from_db()
        assert VolunteerProfile.objects.count() == 1
        assert list(profile.skills.all()) == []
        assert profile.active is False


def test_another_settlements_skill_is_a_400_and_nothing_is_written(
    coordinator_client, settlement, other_settlement
):
    foreign = factories.SkillFactory(settlement=other_settlement, name="Foreign")
    resident = factories.ResidentFactory(settlement=settlement)
    response = coordinator_client.post(
        reverse("committees:volunteer_edit", args=[resident.pk]),
        profile_post(skills=[foreign.pk], new_skills="Baking"),
    )
    assert response.status_code == 400
    assert "Choose skills of this settlement only." in text(response)
    with scopes_disabled():
        assert not VolunteerProfile.objects.exists()
        assert not Skill.objects.filter(name="Baking").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"background_check": "valid"}, "Give the date until which the check is valid."),
        ({"new_skills": "x" * 81}, "A skill is at most 80 characters long."),
        ({"hours_per_month": "-1"}, "greater than or equal to 0"),
        ({"languages": ["xx"]}, "Select a valid choice"),
    ],
)
def test_bad_profile_input_is_a_400(coordinator_client, settlement, overrides, message):
    resident = factories.ResidentFactory(settlement=settlement)
    response = coordinator_client.post(
        reverse("committees:volunteer_edit", args=[resident.pk]), profile_post(**overrides)
    )
    assert response.status_code == 400
    assert message in text(response)
    with scopes_disabled():
        assert not VolunteerProfile.objects.exists()


def test_a_valid_check_with_a_date_is_saved(coordinator_client, settlement):
    resident = factories.ResidentFactory(settlement=settlement)
    response = coordinator_client.post(
        reverse("committees:volunteer_edit", args=[resident.pk]),
        profile_post(background_check="valid", background_check_until="2027-06-30"),
    )
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        profile = VolunteerProfile.objects.get()
    assert profile.background_check_until == dt.date(2027, 6, 30)


def test_another_settlements_resident_is_404(coordinator_client, other_settlement):
    resident = factories.ResidentFactory(settlement=other_settlement)
    url = reverse("committees:volunteer_edit", args=[resident.pk])
    assert coordinator_client.get(url).status_code == 404
    assert coordinator_client.post(url, profile_post()).status_code == 404


# --- Profile page -----------------------------------------------------------------------------


def test_detail_shows_memberships_invitations_hours_and_milestones(
    coordinator_client, settlement, culture
):
    profile = volunteer(settlement, "Dana")
    resident = profile.resident
    factories.CommitteeMemberFactory(committee=culture, resident=resident)
    opening = factories.OpeningFactory(committee=culture, title="Festival crew")
    factories.OpeningInvitationFactory(opening=opening, resident=resident)
    factories.VolunteerHoursFactory(
        committee=culture, resident=resident, hours=Decimal("2.5"), status="approved"
    )
    factories.VolunteerHoursFactory(
        committee=culture, resident=resident, hours=Decimal("4"), status="pending"
    )
    factories.VolunteerHoursFactory(
        committee=culture,
        resident=resident,
        hours=Decimal("3"),
        status="approved",
        date=dt.date(2025, 12, 31),
    )
    factories.VolunteerMilestoneFactory(resident=resident, hours=10)
    page = text(coordinator_client.get(reverse("committees:volunteer_detail", args=[profile.pk])))
    assert "Culture" in page
    assert "Festival crew" in page
    assert "Approved hours in 2026: 2.5" in page
    assert "10 hours" in page
    assert reverse("committees:hours_link", args=[profile.pk]) in page
    assert reverse("committees:thanks_letter", args=[profile.pk]) in page


def test_detail_of_another_settlement_is_404(coordinator_client, other_settlement):
    profile = volunteer(other_settlement, "Far")
    url = reverse("committees:volunteer_detail", args=[profile.pk])
    assert coordinator_client.get(url).status_code == 404


def test_a_chair_has_no_volunteer_pages(chair_client, settlement, culture):
    profile = volunteer(settlement, "Dana")
    for url in (
        reverse("committees:volunteers"),
        reverse("committees:volunteer_detail", args=[profile.pk]),
        reverse("committees:volunteer_edit", args=[profile.resident_id]),
    ):
        assert chair_client.get(url).status_code == 404


# --- Openings ---------------------------------------------------------------------------------


def test_the_coordinator_posts_an_opening_for_themself(coordinator_client, settlement, driving):
    response = coordinator_client.post(
        reverse("committees:opening_create"), opening_post(skills=[driving.pk])
    )
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        opening = Opening.objects.get()
        assert opening.committee is None
        assert list(opening.skills.all()) == [driving]
        assert opening.status == Opening.Status.OPEN
        assert opening.people_needed == 2


def test_a_chair_must_choose_a_committee_they_chair(chair_client, settlement, culture, youth):
    url = reverse("committees:opening_create")
    response = chair_client.post(url, opening_post())
    assert response.status_code == 400
    assert "Choose the committee that needs the volunteer." in text(response)
    response = chair_client.post(url, opening_post(committee=youth.pk))
    assert response.status_code == 400
    assert "Choose one of your committees." in text(response)
    with scopes_disabled():
        assert not Opening.objects.exists()
    response = chair_client.post(url, opening_post(committee=culture.pk))
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        assert Opening.objects.get().committee == culture


def test_a_chair_sees_only_their_committees_openings(chair_client, settlement, culture, youth):
    factories.OpeningFactory(committee=culture, title="Culture crew")
    factories.OpeningFactory(committee=youth, title="Youth tutor")
    factories.OpeningFactory(committee=None, settlement=settlement, title="Office help")
    page = text(chair_client.get(reverse("committees:openings")))
    assert "Culture crew" in page
    assert "Youth tutor" not in page
    assert "Office help" not in page


def test_a_chair_of_another_committee_gets_404_on_its_openings(chair_client, youth):
    opening = factories.OpeningFactory(committee=youth)
    for name in ("committees:opening_detail", "committees:opening_edit"):
        assert chair_client.get(reverse(name, args=[opening.pk])).status_code == 404
    response = chair_client.post(reverse("committees:opening_edit", args=[opening.pk]), {})
    assert response.status_code == 404


def test_opening_list_filters_by_status_and_committee(
    coordinator_client, settlement, culture, youth
):
    factories.OpeningFactory(committee=culture, title="Culture crew")
    factories.OpeningFactory(committee=youth, title="Youth tutor", status="filled")
    page = text(coordinator_client.get(reverse("committees:openings") + "?status=filled"))
    assert "Youth tutor" in page
    assert "Culture crew" not in page
    page = text(coordinator_client.get(reverse("committees:openings") + f"?committee={culture.pk}"))
    assert "Culture crew" in page
    assert "Youth tutor" not in page
    empty = text(coordinator_client.get(reverse("committees:openings") + "?q=zzz"))
    assert "No opening matches these filters." in empty


def test_editing_an_opening_marks_it_filled(chair_client, settlement, culture):
    opening = factories.OpeningFactory(committee=culture)
    url = reverse("committees:opening_edit", args=[opening.pk])
    assert chair_client.get(url).status_code == 200
    response = chair_client.post(url, opening_post(committee=culture.pk, status="filled"))
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        opening.refresh_from_db()
    assert opening.status == Opening.Status.FILLED


def test_a_chair_sees_no_suggestions(chair_client, settlement, culture):
    volunteer(settlement, "Dana")
    opening = factories.OpeningFactory(committee=culture)
    page = text(chair_client.get(reverse("committees:opening_detail", args=[opening.pk])))
    assert "Suggested volunteers" not in page
    assert "Dana Person" not in page


# --- Suggestions and invitations --------------------------------------------------------------


def test_suggestions_are_ranked_with_reasons(coordinator_client, settlement, culture, driving):
    opening = factories.OpeningFactory(
        committee=culture, skills=[driving], availability=["weekends"], area="culture"
    )
    volunteer(
        settlement, "Best", skills=[driving], availability=["weekends"], interests=["culture"]
    )
    volunteer(settlement, "Second", skills=[driving], availability=["weekday_mornings"])
    busy = volunteer(
        settlement, "Busy", skills=[driving], availability=["weekends"], interests=["culture"]
    )
    for committee in factories.CommitteeFactory.create_batch(3, settlement=settlement):
        factories.CommitteeMemberFactory(committee=committee, resident=busy.resident)
    volunteer(settlement, "Resting", skills=[driving], active=False)
    invited = volunteer(settlement, "Invited", skills=[driving], availability=["weekends"])
    factories.OpeningInvitationFactory(opening=opening, resident=invited.resident)
    page = text(coordinator_client.get(reverse("committees:opening_detail", args=[opening.pk])))
    suggestions = page[page.index("Suggested volunteers") :]
    order = [suggestions.index(f"{n} Person") for n in ("Best", "Second", "Busy")]
    assert order == sorted(order)
    assert "Resting Person" not in suggestions
    assert "Invited Person" not in suggestions
    assert "Matching skills: Driving" in suggestions
    assert "Interested in this area" in suggestions
    assert "Free at the time needed" in suggestions
    assert "Already busy: 3 roles / 0 hours this month" in suggestions


def test_candidates_count_roles_and_recent_hours(settlement, culture, youth):
    profile = volunteer(settlement, "Dana", hours_per_month=4)
    resident = profile.resident
    factories.CommitteeMemberFactory(committee=culture, resident=resident)
    factories.CommitteeMemberFactory(
        committee=youth, resident=resident, term_end=TODAY - dt.timedelta(days=1)
    )
    accepted = factories.OpeningFactory(committee=culture)
    factories.OpeningInvitationFactory(opening=accepted, resident=resident, status="accepted")
    closed = factories.OpeningFactory(committee=culture, status="closed")
    factories.OpeningInvitationFactory(opening=closed, resident=resident, status="accepted")
    for day, hours, status in [
        (TODAY, "1.5", "approved"),
        (TODAY - dt.timedelta(days=29), "2", "approved"),
        (TODAY - dt.timedelta(days=30), "5", "approved"),  # outside the last 30 days
        (TODAY, "7", "pending"),
    ]:
        factories.VolunteerHoursFactory(
            committee=culture, resident=resident, date=day, hours=Decimal(hours), status=status
        )
    opening = factories.OpeningFactory(committee=culture)
    with scope(settlement=settlement.pk):
        ((candidate, _profile),) = selectors_volunteers.candidates_for(
            settlement=settlement, opening=opening, today=TODAY
        )
    assert candidate.active_roles == 2
    assert candidate.recent_hours == Decimal("3.5")
    assert candidate.hours_per_month == 4


def test_inviting_creates_invitations_and_queues_messages(
    coordinator_client, settlement, culture, coordinator
):
    opening = factories.OpeningFactory(committee=culture, title="Festival crew")
    mailed = volunteer(settlement, "Mailed", languages=["he"])
    mailed.resident.preferred_language = "he"
    mailed.resident.save()
    phoned = volunteer(settlement, "Phoned")
    phoned.resident.email = ""
    phoned.resident.phone = "+972 50 123 4567"
    phoned.resident.save()
    url = reverse("committees:opening_invite", args=[opening.pk])
    response = coordinator_client.post(url, {"resident": [mailed.resident_id, phoned.resident_id]})
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        invitations = list(OpeningInvitation.objects.filter(opening=opening))
        messages = list(Message.objects.all())
    assert len(invitations) == 2
    for invitation in invitations:
        assert invitation.token_hash == token_hash(invitation_token(invitation.nonce))
        assert invitation.invited_by == coordinator
    (message,) = messages
    assert message.resident_id == mailed.resident_id
    assert message.kind == "committees.opening"
    assert message.dedupe_key == f"opening:{opening.pk}:{mailed.resident_id}"
    assert message.link_kind == "committees.opening"
    assert "[[link]]" in message.body
    assert message.language == "he"
    page = text(coordinator_client.get(reverse("committees:opening_detail", args=[opening.pk])))
    assert "+972 50 123 4567" in page
    # Twice: nothing new.
    response = coordinator_client.post(url, {"resident": [mailed.resident_id]})
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        assert OpeningInvitation.objects.count() == 2
        assert Message.objects.count() == 1


@pytest.mark.parametrize("posted", [{}, {"resident": ["abc"]}, {"resident": ["999999"]}])
def test_an_empty_or_bad_invitation_is_a_400(coordinator_client, settlement, culture, posted):
    opening = factories.OpeningFactory(committee=culture)
    response = coordinator_client.post(
        reverse("committees:opening_invite", args=[opening.pk]), posted
    )
    assert response.status_code == 400
    assert "Nobody was invited." in text(response)
    with scopes_disabled():
        assert not OpeningInvitation.objects.exists()


def test_another_settlements_volunteer_cannot_be_invited(
    coordinator_client, settlement, other_settlement, culture
):
    opening = factories.OpeningFactory(committee=culture)
    far = volunteer(other_settlement, "Far")
    here = volunteer(settlement, "Here")
    response = coordinator_client.post(
        reverse("committees:opening_invite", args=[opening.pk]),
        {"resident": [here.resident_id, far.resident_id]},
    )
    assert response.status_code == 400
    with scopes_disabled():
        assert not OpeningInvitation.objects.exists()
        assert not Message.objects.exists()


def test_a_closed_opening_invites_nobody(coordinator_client, settlement, culture):
    opening = factories.OpeningFactory(committee=culture, status="closed")
    here = volunteer(settlement, "Here")
    response = coordinator_client.post(
        reverse("committees:opening_invite", args=[opening.pk]), {"resident": [here.resident_id]}
    )
    assert response.status_code == 400
    with scopes_disabled():
        assert not OpeningInvitation.objects.exists()


def test_the_coordinator_records_an_answer_given_on_the_phone(
    coordinator_client, settlement, culture
):
    invitation = factories.OpeningInvitationFactory(opening__committee=culture)
    url = reverse("committees:invitation_answer", args=[invitation.pk])
    assert coordinator_client.post(url, {}).status_code == 400
    assert coordinator_client.post(url, {"status": "invited"}).status_code == 400
    response = coordinator_client.post(url, {"status": "accepted"})
    assert response.status_code == 302
    with scope(settlement=invitation.settlement_id):
        invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert invitation.answered_at is not None


def test_enough_people_is_said_when_accepted_reach_the_need(
    coordinator_client, settlement, culture
):
    opening = factories.OpeningFactory(committee=culture, people_needed=1)
    factories.OpeningInvitationFactory(opening=opening, status="accepted")
    page = text(coordinator_client.get(reverse("committees:opening_detail", args=[opening.pk])))
    assert "Enough people have accepted" in page
    with scope(settlement=settlement.pk):
        opening.refresh_from_db()
    assert opening.status == Opening.Status.OPEN


# --- The resident's link ----------------------------------------------------------------------


def invitation_with_token(settlement, committee, **kwargs):
    invitation = factories.OpeningInvitationFactory(
        opening__committee=committee, opening__title="Festival crew", **kwargs
    )
    token = invitation_token(invitation.nonce)
    with scopes_disabled():
        OpeningInvitation.objects.filter(pk=invitation.pk).update(token_hash=token_hash(token))
    return invitation, reverse("public:opening", args=[token])


def test_the_resident_accepts_through_their_link(client, settlement, culture):
    invitation, url = invitation_with_token(settlement, culture)
    response = client.get(url)
    assert response.status_code == 200
    page = text(response)
    assert "Festival crew" in page
    assert "Culture" in page
    assert (
        response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    )
    assert client.post(url, {}).status_code == 400
    assert client.post(url, {"answer": "maybe"}).status_code == 400
    response = client.post(url, {"answer": "accept"})
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert "You accepted" in text(client.get(response.url))
    # They may change their mind while the opening is open.
    client.post(url, {"answer": "decline"})
    with scope(settlement=settlement.pk):
        invitation.refresh_from_db()
    assert invitation.status == "declined"


def test_the_link_speaks_the_residents_language(client, settlement, culture):
    invitation, url = invitation_with_token(settlement, culture)
    with scope(settlement=settlement.pk):
        invitation.resident.preferred_language = "sl"
        invitation.resident.save()
    response = client.get(url)
    assert response["Content-Language"] == "sl"
    assert 'lang="sl"' in text(response)


def test_a_closed_opening_is_no_longer_needed(client, settlement, culture):
    invitation, url = invitation_with_token(settlement, culture)
    with scopes_disabled():
        Opening.objects.filter(pk=invitation.opening_id).update(status="filled")
    assert "No longer needed" in text(client.get(url))
    client.post(url, {"answer": "accept"})
    with scope(settlement=settlement.pk):
        invitation.refresh_from_db()
    assert invitation.status == "invited"


@pytest.mark.parametrize("token", ["nope", "x" * 65])
def test_an_unknown_link_is_a_404(client, db, token):
    response = client.get(reverse("public:opening", args=[token]))
    assert response.status_code == 404
    assert "This link is not valid" in text(response)


# --- Links, personal data, demo ---------------------------------------------------------------


def test_the_link_builder_skips_answered_invitations_and_closed_openings(settlement, culture):
    waiting = factories.OpeningInvitationFactory(opening__committee=culture)
    answered = factories.OpeningInvitationFactory(opening=waiting.opening, status="accepted")
    closed = factories.OpeningInvitationFactory(
        opening__committee=culture, opening__status="closed"
    )
    with scope(settlement=settlement.pk):
        links = providers_volunteers.opening_links([waiting.pk, answered.pk, closed.pk])
    token = invitation_token(waiting.nonce)
    assert links[waiting.pk].endswith(reverse("public:opening", args=[token]))
    assert links[answered.pk] is None
    assert links[closed.pk] is None


def test_personal_data_export_and_erase(settlement, culture, driving):
    profile = volunteer(settlement, "Dana", skills=[driving], notes="Knows everyone")
    factories.OpeningInvitationFactory(
        opening__committee=culture, opening__title="Crew", resident=profile.resident
    )
    with scope(settlement=settlement.pk):
        data = providers_volunteers.personal_data_export(profile.resident)
        assert data["profile"]["skills"] == ["Driving"]
        assert data["profile"]["notes"] == "Knows everyone"
        assert data["opening_invitations"][0]["opening"] == "Crew"
        providers_volunteers.personal_data_erase(profile.resident)
        assert not VolunteerProfile.objects.exists()
        assert not OpeningInvitation.objects.exists()


def test_demo_is_idempotent(settlement):
    factories.CommitteeFactory(settlement=settlement)
    factories.ResidentFactory.create_batch(5, settlement=settlement)
    with scope(settlement=settlement.pk):
        seed(settlement)
        counts = (VolunteerProfile.objects.count(), OpeningInvitation.objects.count())
        seed(settlement)
        assert (VolunteerProfile.objects.count(), OpeningInvitation.objects.count()) == counts
    assert counts == (5, 2)


def test_a_secretary_cannot_reach_openings(client, settlement, culture):
    client.force_login(factories.member(settlement, Role.SECRETARY, username="sec"))
    assert client.get(reverse("committees:openings")).status_code == 404
    with scopes_disabled():
        assert not VolunteerHours.objects.exists()
