"""The staff pages of the classes programme: the list, a class's form and page, deleting
and cancelling, sessions and attendance, registering, one registration, seasons and
instructors."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from coordinator.models import Role
from events.models_classes import (
    ClassParticipant,
    ClassRegistration,
    Course,
    CourseSession,
    Instructor,
    Season,
    SessionAttendance,
)
from messaging.models import Message
from tests import factories


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def culture(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


@pytest.fixture
def season(settlement):
    return factories.SeasonFactory(settlement=settlement, name="2026–27")


@pytest.fixture
def course(culture, season):
    return factories.CourseFactory(
        committee=culture, season=season, title={"en": "Pottery"}, min_participants=3
    )


@pytest.fixture
def chair_client(client, chair):
    client.force_login(chair)
    return client


@pytest.fixture
def elsewhere_client(client, settlement):
    """A chair of the settlement who does not chair the class's committee."""
    user = factories.member(settlement, Role.CHAIR, username="elsewhere")
    factories.CommitteeFactory(settlement=settlement, name="Youth", chairs=[user])
    client.force_login(user)
    return client


@pytest.fixture
def far_course(other_settlement):
    committee = factories.CommitteeFactory(settlement=other_settlement)
    return factories.CourseFactory(committee=committee, title={"en": "Far class"})


def class_post(season, **overrides):
    data = {
        "season": season.pk,
        "title_en": "Drawing for children",
        "description_en": "Pencils and paper.",
        "instructor": "",
        "age_group": "children",
        "committee": "",
        "weekdays": ["1", "3"],
        "start_time": "16:00",
        "end_time": "17:00",
        "starts_on": "2026-12-01",
        "ends_on": "2027-01-31",
        "place": "Club house",
        "capacity": "12",
        "min_participants": "5",
        "fee": "120.00",
        "fee_period": "month",
        "status": "open",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- list ---------------------------------------------------------------------------------


def test_list_shows_the_current_seasons_classes_with_counts(coordinator_client, course, unscoped):
    old = factories.SeasonFactory(
        settlement=course.settlement,
        name="2025–26",
        starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2026, 6, 30),
    )
    factories.CourseFactory(committee=course.committee, season=old, title={"en": "Old class"})
    factories.ClassParticipantFactory(registration__course=course)
    factories.ClassRegistrationFactory(course=course, status="waiting", places=2)
    response = coordinator_client.get(reverse("classes:list"))
    page = text(response)
    assert response.status_code == 200
    assert "Pottery" in page and "Old class" not in page
    assert "1/12" in page  # places taken of capacity
    assert "short of minimum" in page  # 1 participant, minimum 3
    assert reverse("classes:instructors") in page  # the coordinator's tabs
    response = coordinator_client.get(reverse("classes:list"), {"season": old.pk})
    assert "Old class" in text(response) and "Pottery" not in text(response)


def test_list_filters_by_age_status_and_title(coordinator_client, course):
    factories.CourseFactory(
        committee=course.committee,
        season=course.season,
        title={"en": "Yoga"},
        age_group="adults",
        status="planned",
    )
    page = text(coordinator_client.get(reverse("classes:list"), {"age_group": "adults"}))
    assert "Yoga" in page and "Pottery" not in page
    page = text(coordinator_client.get(reverse("classes:list"), {"status": "open"}))
    assert "Pottery" in page and "Yoga" not in page
    page = text(coordinator_client.get(reverse("classes:list"), {"q": "pott"}))
    assert "Pottery" in page and "Yoga" not in page
    page = text(coordinator_client.get(reverse("classes:list"), {"q": "nothing like it"}))
    assert "No class matches these filters." in page


def test_list_for_a_chair_has_no_coordinator_tabs(chair_client, course):
    page = text(chair_client.get(reverse("classes:list")))
    assert "Pottery" in page
    assert reverse("classes:instructors") not in page
    assert reverse("classes:create") not in page


def test_list_without_seasons_invites_to_add_one(coordinator_client, settlement):
    page = text(coordinator_client.get(reverse("classes:list")))
    assert "There are no seasons yet." in page
    assert reverse("classes:seasons") in page


def test_list_paginates_at_25(coordinator_client, course):
    for n in range(26):
        factories.CourseFactory(
            committee=course.committee, season=course.season, title={"en": f"Extra {n}"}
        )
    first = text(coordinator_client.get(reverse("classes:list")))
    assert "Page 1 of 2" in first
    second = text(coordinator_client.get(reverse("classes:list"), {"page": 2}))
    assert "Page 2 of 2" in second


# --- create and edit ----------------------------------------------------------------------


def test_create_makes_the_class_and_its_sessions(
    coordinator_client, settlement, season, culture, unscoped
):
    response = coordinator_client.post(
        reverse("classes:create"), class_post(season, committee=culture.pk), follow=True
    )
    course = Course.objects.get()
    assert response.redirect_chain[-1][0] == reverse("classes:detail", args=[course.pk])
    assert course.title == {"en": "Drawing for children"}
    assert course.weekdays == [1, 3]
    assert course.fee == Decimal("120.00")
    assert course.committee == culture
    sessions = CourseSession.objects.filter(course=course).count()
    assert sessions > 0
    assert "sessions planned" in text(response)


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"min_participants": "20"}, "The minimum cannot be more than the number of places."),
        ({"end_time": "15:00"}, "The class must end after it starts."),
        ({"starts_on": "2026-08-01"}, "The first week must be within the season."),
        ({"ends_on": "2027-07-31"}, "The last week must be within the season."),
        ({"ends_on": "2026-11-01"}, "The last week cannot be before the first week."),
        ({"title_en": ""}, "Give the class a title in at least one language."),
        ({"weekdays": None}, "Choose at least one day of the week."),
        ({"capacity": "0"}, "greater than or equal to 1"),
    ],
)
def test_create_refuses_bad_input_with_400(coordinator_client, season, overrides, error, unscoped):
    response = coordinator_client.post(reverse("classes:create"), class_post(season, **overrides))
    assert response.status_code == 400
    assert error in text(response)
    assert not Course.objects.exists()


def test_create_refuses_another_settlements_season(coordinator_client, other_settlement, unscoped):
    far = factories.SeasonFactory(settlement=other_settlement)
    response = coordinator_client.post(reverse("classes:create"), class_post(far))
    assert response.status_code == 400
    assert "Choose a season from the list." in text(response)
    assert not Course.objects.exists()


def test_create_is_for_the_coordinator_only(chair_client, season):
    assert chair_client.get(reverse("classes:create")).status_code == 404


def test_edit_shows_and_saves(coordinator_client, course, unscoped):
    url = reverse("classes:edit", args=[course.pk])
    page = text(coordinator_client.get(url))
    assert 'value="Pottery"' in page
    response = coordinator_client.post(
        url, class_post(course.season, title_en="Ceramics", capacity="15")
    )
    assert response.status_code == 302
    course.refresh_from_db()
    assert course.title == {"en": "Ceramics"} and course.capacity == 15


def test_edit_invalid_is_400_and_changes_nothing(coordinator_client, course, unscoped):
    url = reverse("classes:edit", args=[course.pk])
    response = coordinator_client.post(url, class_post(course.season, capacity="2"))
    assert response.status_code == 400
    course.refresh_from_db()
    assert course.capacity == 12


def test_edit_of_another_settlements_class_is_404(coordinator_client, far_course):
    assert coordinator_client.get(reverse("classes:edit", args=[far_course.pk])).status_code == 404


def test_chair_cannot_edit(chair_client, course):
    assert chair_client.get(reverse("classes:edit", args=[course.pk])).status_code == 404


# --- detail ---------------------------------------------------------------------------------


def test_detail_lists_confirmed_then_waiting_and_sessions(coordinator_client, course):
    waiting = factories.ClassRegistrationFactory(
        course=course, name="Waiting Wendy", status="waiting"
    )
    confirmed = factories.ClassRegistrationFactory(
        course=course,
        name="Confirmed Carl",
        created_at=factories.FIXED_NOW + dt.timedelta(hours=1),
    )
    factories.ClassParticipantFactory(registration=confirmed, name="Little Lea", payment="paid")
    factories.ClassParticipantFactory(registration=waiting, name="Little Max")
    factories.CourseSessionFactory(
        course=course, date=dt.date(2026, 12, 8), status="skipped", note="holiday:chanukah"
    )
    page = text(coordinator_client.get(reverse("classes:detail", args=[course.pk])))
    assert page.index("Confirmed Carl") < page.index("Waiting Wendy")
    assert "Little Lea" in page and "Paid" in page
    assert "Hanukkah" in page
    assert "short of its minimum" in page
    assert reverse("calendar:class_register", args=[course.settlement.slug, course.pk]) in page
    assert reverse("classes:cancel", args=[course.pk]) in page


def test_detail_for_the_chair_of_the_committee(chair_client, course):
    response = chair_client.get(reverse("classes:detail", args=[course.pk]))
    assert response.status_code == 200
    assert reverse("classes:register", args=[course.pk]) in text(response)
    assert reverse("classes:edit", args=[course.pk]) not in text(response)


def test_detail_is_404_for_a_chair_of_another_committee(elsewhere_client, course):
    assert elsewhere_client.get(reverse("classes:detail", args=[course.pk])).status_code == 404


def test_detail_of_another_settlements_class_is_404(coordinator_client, far_course):
    response = coordinator_client.get(reverse("classes:detail", args=[far_course.pk]))
    assert response.status_code == 404


# --- delete and cancel --------------------------------------------------------------------


def test_delete_refuses_a_class_with_registrations(coordinator_client, course, unscoped):
    factories.ClassRegistrationFactory(course=course)
    url = reverse("classes:delete", args=[course.pk])
    assert "Cancel it instead" in text(coordinator_client.get(url))
    response = coordinator_client.post(url, follow=True)
    assert "Cancel it instead." in text(response)
    assert Course.objects.filter(pk=course.pk).exists()


def test_delete_removes_an_empty_class(coordinator_client, course, unscoped):
    response = coordinator_client.post(reverse("classes:delete", args=[course.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("classes:list")
    assert not Course.objects.filter(pk=course.pk).exists()


def test_cancel_says_how_many_hear_then_cancels(coordinator_client, course, unscoped):
    factories.ClassRegistrationFactory(course=course)
    factories.ClassRegistrationFactory(course=course, status="waiting")
    factories.ClassRegistrationFactory(course=course, status="cancelled")
    url = reverse("classes:cancel", args=[course.pk])
    assert "2 registrations (with a place or waiting)" in text(coordinator_client.get(url))
    response = coordinator_client.post(url, follow=True)
    course.refresh_from_db()
    assert course.status == Course.Status.CANCELLED
    queued = Message.objects.filter(settlement=course.settlement).count()
    assert f"{queued} message" in text(response)


def test_chair_cannot_cancel(chair_client, course, unscoped):
    assert chair_client.post(reverse("classes:cancel", args=[course.pk])).status_code == 404
    course.refresh_from_db()
    assert course.status == Course.Status.OPEN


# --- sessions -------------------------------------------------------------------------------


def test_sessions_make_plans_the_schedule(coordinator_client, course, unscoped):
    url = reverse("classes:sessions_make", args=[course.pk])
    assert coordinator_client.get(url).status_code == 405
    response = coordinator_client.post(url, follow=True)
    assert "Sessions made again" in text(response)
    assert CourseSession.objects.filter(course=course).count() > 0


def test_session_page_and_attendance(chair_client, course, unscoped):
    session = factories.CourseSessionFactory(course=course)
    came = factories.ClassParticipantFactory(registration__course=course, name="Anna")
    absent = factories.ClassParticipantFactory(registration__course=course, name="Ben")
    factories.ClassParticipantFactory(
        registration__course=course, registration__status="waiting", name="Waiting Wes"
    )
    url = reverse("classes:session", args=[session.pk])
    page = text(chair_client.get(url))
    assert "Anna" in page and "Ben" in page and "Waiting Wes" not in page
    response = chair_client.post(url, {"present": [str(came.pk)]}, follow=True)
    assert "Attendance saved: 1 present." in text(response)
    rows = dict(SessionAttendance.objects.values_list("participant_id", "present"))
    assert rows == {came.pk: True, absent.pk: False}
    assert "50% of participants came" in text(chair_client.get(url))


def test_session_is_404_for_a_chair_of_another_committee(elsewhere_client, course):
    session = factories.CourseSessionFactory(course=course)
    assert elsewhere_client.get(reverse("classes:session", args=[session.pk])).status_code == 404


def test_session_skip_and_hold(coordinator_client, course, unscoped):
    session = factories.CourseSessionFactory(course=course)
    url = reverse("classes:session_skip", args=[session.pk])
    coordinator_client.post(url, {"skip": "1", "note": "The hall is taken"})
    session.refresh_from_db()
    assert session.status == "skipped" and session.note == "The hall is taken"
    coordinator_client.post(url, {"skip": "0"})
    session.refresh_from_db()
    assert session.status == "scheduled"


def test_session_skip_without_a_choice_changes_nothing(coordinator_client, course, unscoped):
    session = factories.CourseSessionFactory(course=course)
    response = coordinator_client.post(
        reverse("classes:session_skip", args=[session.pk]), {}, follow=True
    )
    assert "Choose whether to skip or hold the session." in text(response)
    session.refresh_from_db()
    assert session.status == "scheduled"


# --- register -------------------------------------------------------------------------------


def test_register_a_households_residents(coordinator_client, settlement, course, unscoped):
    household = factories.HouseholdFactory(settlement=settlement, name="Cohen")
    parent = factories.ResidentFactory(
        settlement=settlement, household=household, first_name="Dana", last_name="Cohen"
    )
    child = factories.ResidentFactory(
        settlement=settlement,
        household=household,
        first_name="Noa",
        last_name="Cohen",
        birth_date=dt.date(2018, 3, 1),
        email="",
        phone="",
    )
    url = reverse("classes:register", args=[course.pk])
    page = text(coordinator_client.get(url, {"household": household.pk}))
    assert "Noa Cohen" in page
    response = coordinator_client.post(
        url,
        {
            "household": household.pk,
            "residents": [str(child.pk)],
            "language": "en",
            "person_1": "Guest Kid",
            "age_1": "children",
        },
    )
    registration = ClassRegistration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("classes:registration", args=[registration.pk])
    assert registration.household == household
    assert registration.name == parent.full_name  # the household's reachable resident
    assert registration.places == 2
    people = dict(ClassParticipant.objects.values_list("name", "age_group"))
    assert people == {"Noa Cohen": "children", "Guest Kid": "children"}


def test_register_a_typed_contact(chair_client, course, unscoped):
    response = chair_client.post(
        reverse("classes:register", args=[course.pk]),
        {
            "name": "Visiting Parent",
            "email": "v@example.org",
            "language": "en",
            "person_1": "Tom",
            "age_1": "children",
        },
    )
    assert response.status_code == 302
    assert ClassRegistration.objects.get().name == "Visiting Parent"


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"language": "en"}, "Tick or write at least one participant."),
        ({"language": "en", "person_1": "Tom", "age_1": "children"}, "Choose a household"),
        ({"language": "en", "name": "P", "person_1": "Tom"}, "Choose the participant"),
    ],
)
def test_register_invalid_is_400(coordinator_client, course, data, error, unscoped):
    response = coordinator_client.post(reverse("classes:register", args=[course.pk]), data)
    assert response.status_code == 400
    assert error in text(response)
    assert not ClassRegistration.objects.exists()


def test_register_refuses_another_settlements_household(
    coordinator_client, course, other_settlement, unscoped
):
    far = factories.HouseholdFactory(settlement=other_settlement)
    response = coordinator_client.post(
        reverse("classes:register", args=[course.pk]),
        {"household": far.pk, "language": "en", "person_1": "Tom", "age_1": "children"},
    )
    assert response.status_code == 400
    assert not ClassRegistration.objects.exists()


def test_register_for_a_class_not_open_shows_the_refusal(coordinator_client, course, unscoped):
    course.status = Course.Status.PLANNED
    course.save()
    response = coordinator_client.post(
        reverse("classes:register", args=[course.pk]),
        {"name": "P", "language": "en", "person_1": "Tom", "age_1": "children"},
    )
    assert response.status_code == 400
    assert "not open for registration" in text(response)
    assert not ClassRegistration.objects.exists()


def test_register_is_404_for_a_chair_of_another_committee(elsewhere_client, course):
    assert elsewhere_client.get(reverse("classes:register", args=[course.pk])).status_code == 404


# --- one registration -----------------------------------------------------------------------


def test_registration_page_saves_payments(coordinator_client, course, unscoped):
    registration = factories.ClassRegistrationFactory(course=course, nonce="n" * 32)
    child = factories.ClassParticipantFactory(registration=registration, name="Lea")
    url = reverse("classes:registration", args=[registration.pk])
    page = text(coordinator_client.get(url))
    assert "Lea" in page and "/registration/" in page  # the personal link
    response = coordinator_client.post(url, {f"payment_{child.pk}": "paid"})
    assert response.status_code == 302
    child.refresh_from_db()
    assert child.payment == "paid"


def test_registration_invalid_payment_is_400(coordinator_client, course, unscoped):
    registration = factories.ClassRegistrationFactory(course=course)
    child = factories.ClassParticipantFactory(registration=registration)
    url = reverse("classes:registration", args=[registration.pk])
    response = coordinator_client.post(url, {f"payment_{child.pk}": "free"})
    assert response.status_code == 400
    child.refresh_from_db()
    assert child.payment == "due"


def test_registration_of_another_settlement_is_404(coordinator_client, far_course):
    far = factories.ClassRegistrationFactory(course=far_course)
    url = reverse("classes:registration", args=[far.pk])
    assert coordinator_client.get(url).status_code == 404


def test_registration_cancel_promotes_and_names_who_moved_up(coordinator_client, course, unscoped):
    course.capacity = 1
    course.min_participants = 0
    course.save()
    first = factories.ClassRegistrationFactory(course=course, name="First Family")
    factories.ClassRegistrationFactory(
        course=course,
        name="Second Family",
        status="waiting",
        created_at=factories.FIXED_NOW + dt.timedelta(minutes=5),
    )
    response = coordinator_client.post(
        reverse("classes:registration_cancel", args=[first.pk]), follow=True
    )
    assert "Moved up from the waiting list" in text(response)
    assert "Second Family" in text(response)
    statuses = dict(ClassRegistration.objects.values_list("name", "status"))
    assert statuses == {"First Family": "cancelled", "Second Family": "confirmed"}


def test_registration_cancel_is_404_for_a_chair_elsewhere(elsewhere_client, course, unscoped):
    row = factories.ClassRegistrationFactory(course=course)
    url = reverse("classes:registration_cancel", args=[row.pk])
    assert elsewhere_client.post(url).status_code == 404
    row.refresh_from_db()
    assert row.status == "confirmed"


# --- seasons --------------------------------------------------------------------------------


def test_seasons_list_and_add(coordinator_client, season, settlement, unscoped):
    url = reverse("classes:seasons")
    assert "2026–27" in text(coordinator_client.get(url))
    response = coordinator_client.post(
        url, {"name": "2027–28", "starts_on": "2027-09-01", "ends_on": "2028-06-30"}
    )
    assert response.status_code == 302
    assert Season.objects.filter(settlement=settlement, name="2027–28").exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        (
            {"name": "2027–28", "starts_on": "2027-09-01", "ends_on": "2027-08-01"},
            "The season must end after it starts.",
        ),
        (
            {"name": "2026–27", "starts_on": "2027-09-01", "ends_on": "2028-06-30"},
            "A season with this name already exists.",
        ),
        ({"name": "", "starts_on": "", "ends_on": ""}, "This field is required."),
    ],
)
def test_seasons_invalid_is_400(coordinator_client, season, data, error, unscoped):
    response = coordinator_client.post(reverse("classes:seasons"), data)
    assert response.status_code == 400
    assert error in text(response)
    assert Season.objects.count() == 1


def test_season_edit(coordinator_client, season, unscoped):
    url = reverse("classes:season_edit", args=[season.pk])
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(
        url, {"name": "2026/27", "starts_on": "2026-09-01", "ends_on": "2027-07-15"}
    )
    assert response.status_code == 302
    season.refresh_from_db()
    assert season.name == "2026/27" and season.ends_on == dt.date(2027, 7, 15)


def test_seasons_are_for_the_coordinator_only(chair_client, season):
    assert chair_client.get(reverse("classes:seasons")).status_code == 404
    assert chair_client.get(reverse("classes:season_edit", args=[season.pk])).status_code == 404


def test_season_of_another_settlement_is_404(coordinator_client, other_settlement):
    far = factories.SeasonFactory(settlement=other_settlement)
    assert coordinator_client.get(reverse("classes:season_edit", args=[far.pk])).status_code == 404


# --- instructors ----------------------------------------------------------------------------


def test_instructors_list_with_contract_badges(coordinator_client, settlement, course):
    factories.InstructorFactory(
        settlement=settlement, name="Ending Eli", contract_until=dt.date(2026, 12, 10)
    )
    factories.InstructorFactory(
        settlement=settlement, name="Ended Edna", contract_until=dt.date(2026, 10, 1)
    )
    page = text(coordinator_client.get(reverse("classes:instructors")))
    assert "Ending Eli" in page and "contract ends soon" in page
    assert "Ended Edna" in page and "contract ended" in page
    assert course.instructor.name in page


def test_instructor_create_edit_and_invalid(coordinator_client, settlement, unscoped):
    url = reverse("classes:instructor_create")
    assert coordinator_client.get(url).status_code == 200
    data = {"name": "Dana Levi", "rate": "180.50", "rate_unit": "hour"}
    assert coordinator_client.post(url, data).status_code == 302
    instructor = Instructor.objects.get(name="Dana Levi")
    assert instructor.rate == Decimal("180.50")
    bad = {**data, "contract_from": "2027-01-01", "contract_until": "2026-01-01"}
    response = coordinator_client.post(url, bad)
    assert response.status_code == 400
    assert "The contract cannot end before it starts." in text(response)
    edit = reverse("classes:instructor_edit", args=[instructor.pk])
    assert coordinator_client.post(edit, {**data, "rate": "-1"}).status_code == 400
    assert coordinator_client.post(edit, {**data, "rate": "200"}).status_code == 302
    instructor.refresh_from_db()
    assert instructor.rate == Decimal("200")


def test_instructor_delete_refused_while_teaching(coordinator_client, course, unscoped):
    url = reverse("classes:instructor_delete", args=[course.instructor_id])
    assert "still teaches" in text(coordinator_client.get(url))
    response = coordinator_client.post(url, follow=True)
    assert "still teaches classes" in text(response)
    assert Instructor.objects.filter(pk=course.instructor_id).exists()


def test_instructor_delete(coordinator_client, settlement, unscoped):
    instructor = factories.InstructorFactory(settlement=settlement)
    response = coordinator_client.post(reverse("classes:instructor_delete", args=[instructor.pk]))
    assert response.status_code == 302
    assert not Instructor.objects.filter(pk=instructor.pk).exists()


def test_instructors_are_for_the_coordinator_only(chair_client, other_settlement, settlement):
    assert chair_client.get(reverse("classes:instructors")).status_code == 404


def test_instructor_of_another_settlement_is_404(coordinator_client, other_settlement):
    far = factories.InstructorFactory(settlement=other_settlement)
    url = reverse("classes:instructor_edit", args=[far.pk])
    assert coordinator_client.get(url).status_code == 404


def test_list_search_reads_titles_in_every_language_not_their_keys(coordinator_client, course):
    factories.CourseFactory(
        committee=course.committee, season=course.season, title={"he": "קרמיקה", "en": "Clay"}
    )
    page = text(coordinator_client.get(reverse("classes:list"), {"q": "קרמ"}))
    assert "Clay" in page and "Pottery" not in page
    page = text(coordinator_client.get(reverse("classes:list"), {"q": "en"}))
    assert "No class matches these filters." in page  # "en" is only a key


def test_edit_of_the_schedule_makes_the_sessions_again(coordinator_client, course, unscoped):
    url = reverse("classes:edit", args=[course.pk])
    same = class_post(
        course.season, title_en="Pottery", weekdays=["1"], start_time="17:00", end_time="18:00"
    )
    coordinator_client.post(url, same)
    assert not CourseSession.objects.filter(course=course).exists()  # nothing to redo
    response = coordinator_client.post(url, {**same, "weekdays": ["1", "4"]}, follow=True)
    assert "the sessions follow the new schedule" in text(response)
    days = {day.weekday() for day in CourseSession.objects.values_list("date", flat=True)}
    assert days == {1, 4}
