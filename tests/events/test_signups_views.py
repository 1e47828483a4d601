"""The staff pages of sign-ups, attendance, feedback and volunteer shifts."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scope

from coordinator.models import Role
from events.models import EventRegistration, ShiftSignup, VolunteerShift
from messaging.models import Message
from surveys.models import Survey
from tests import factories


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def culture(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


@pytest.fixture
def event(culture):
    return factories.EventFactory(
        committee=culture, title={"en": "Winter fair"}, signup_open=True, capacity=3
    )


@pytest.fixture
def past(event):
    """The event, moved to this morning: over, ready for attendance and feedback (the clock
    stays, so logins stay valid)."""
    event.starts_at = factories.FIXED_NOW - dt.timedelta(hours=3)
    event.ends_at = factories.FIXED_NOW - dt.timedelta(hours=1)
    event.save()
    return event


@pytest.fixture
def chair_client(client, chair):
    client.force_login(chair)
    return client


@pytest.fixture
def other_chair_client(client, settlement):
    other = factories.member(settlement, Role.CHAIR, username="otherchair")
    factories.CommitteeFactory(settlement=settlement, name="Youth", chairs=[other])
    client.force_login(other)
    return client


def rows(settlement, model=EventRegistration, **filters):
    with scope(settlement=settlement.pk):
        return list(model.objects.filter(**filters).order_by("pk"))


def page_urls(event, registration, shift, signup):
    return [
        reverse("events:registrations", args=[event.pk]),
        reverse("events:registration_add", args=[event.pk]),
        reverse("events:attendance", args=[event.pk]),
        reverse("events:feedback", args=[event.pk]),
        reverse("events:shifts", args=[event.pk]),
        reverse("events:shift_edit", args=[shift.pk]),
        reverse("events:shift_delete", args=[shift.pk]),
    ]


@pytest.fixture
def world(event):
    registration = factories.EventRegistrationFactory(event=event, name="Ana Novak")
    shift = factories.VolunteerShiftFactory(event=event, role="Door")
    signup = factories.ShiftSignupFactory(shift=shift, name="Helper Hana")
    return registration, shift, signup


# --- access ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["coordinator", "chair"])
def test_every_page_opens_for_the_keepers(client, coordinator, chair, event, world, who):
    client.force_login(coordinator if who == "coordinator" else chair)
    for url in page_urls(event, *world):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Winter fair" in text(response)


def test_chair_of_another_committee_gets_404(other_chair_client, event, world):
    registration, shift, signup = world
    for url in page_urls(event, *world):
        assert other_chair_client.get(url).status_code == 404, url
    cancel = reverse("events:registration_cancel", args=[registration.pk])
    assert other_chair_client.post(cancel).status_code == 404
    assert rows(event.settlement)[0].status == "confirmed"


def test_another_settlements_objects_are_404(coordinator_client, other_settlement):
    event = factories.EventFactory(committee__settlement=other_settlement)
    registration = factories.EventRegistrationFactory(event=event)
    shift = factories.VolunteerShiftFactory(event=event)
    signup = factories.ShiftSignupFactory(shift=shift)
    for url in page_urls(event, registration, shift, signup):
        assert coordinator_client.get(url).status_code == 404, url
    url = reverse("events:shift_signup_cancel", args=[signup.pk])
    assert coordinator_client.post(url).status_code == 404
    assert rows(other_settlement, ShiftSignup)[0].cancelled_at is None


# --- registrations --------------------------------------------------------------------------


def test_registrations_list_tabs_and_search(coordinator_client, event):
    factories.EventRegistrationFactory(event=event, name="Ana Novak", seats=2)
    factories.EventRegistrationFactory(event=event, name="Bor Kos")
    factories.EventRegistrationFactory(event=event, name="Cene Waiting", status="waiting")
    url = reverse("events:registrations", args=[event.pk])
    body = text(coordinator_client.get(url))
    assert "Ana Novak" in body and "Bor Kos" in body and "Cene Waiting" not in body
    assert "3 of 3 places taken, 0 free." in body
    body = text(coordinator_client.get(url, {"status": "waiting"}))
    assert "Cene Waiting" in body and "Ana Novak" not in body
    body = text(coordinator_client.get(url, {"q": "novak"}))
    assert "Ana Novak" in body and "Bor Kos" not in body


def test_registration_add_signs_up_and_waits_when_full(coordinator_client, event, settlement):
    url = reverse("events:registration_add", args=[event.pk])
    response = coordinator_client.post(url, {"name": "Phoned In", "seats": "3", "phone": "040"})
    assert response.status_code == 302
    assert response["Location"] == reverse("events:registrations", args=[event.pk])
    response = coordinator_client.post(url, {"name": "Too Late", "seats": "1"}, follow=True)
    assert "waiting list" in text(response)
    assert [(r.name, r.status) for r in rows(settlement)] == [
        ("Phoned In", "confirmed"),
        ("Too Late", "waiting"),
    ]


@pytest.mark.parametrize(
    "data",
    [{}, {"name": " ", "seats": "1"}, {"name": "A", "seats": "0"}, {"name": "A", "seats": "x"}],
)
def test_registration_add_invalid_is_400(coordinator_client, event, settlement, data):
    response = coordinator_client.post(reverse("events:registration_add", args=[event.pk]), data)
    assert response.status_code == 400
    assert "Nothing was saved" in text(response)
    assert rows(settlement) == []


def test_registration_add_refused_when_the_event_started(coordinator_client, past, settlement):
    event = past
    response = coordinator_client.post(
        reverse("events:registration_add", args=[event.pk]), {"name": "A", "seats": "1"}
    )
    assert response.status_code == 400
    assert "already started" in text(response)
    assert rows(settlement) == []


def test_registration_cancel_tells_who_moved_up(chair_client, event, settlement):
    first = factories.EventRegistrationFactory(event=event, seats=3)
    factories.EventRegistrationFactory(event=event, name="Next In Line", status="waiting")
    response = chair_client.post(
        reverse("events:registration_cancel", args=[first.pk]), follow=True
    )
    assert "Moved up from the waiting list: Next In Line." in text(response)
    assert [r.status for r in rows(settlement)] == ["cancelled", "confirmed"]


def test_registration_cancel_is_post_only(coordinator_client, world):
    registration = world[0]
    url = reverse("events:registration_cancel", args=[registration.pk])
    assert coordinator_client.get(url).status_code == 405


# --- attendance and feedback ----------------------------------------------------------------


def test_attendance_saves_who_came(coordinator_client, past, settlement):
    event = past
    came = factories.EventRegistrationFactory(event=event, name="Came", seats=2)
    stayed = factories.EventRegistrationFactory(event=event, name="Stayed")
    url = reverse("events:attendance", args=[event.pk])
    assert "Came (2)" in text(coordinator_client.get(url))
    response = coordinator_client.post(url, {"came": [str(came.pk)], "head_count": ""})
    assert response.status_code == 302
    assert [r.attended for r in rows(settlement, pk__in=[came.pk, stayed.pk])] == [True, False]
    event.refresh_from_db()
    assert event.attendance == 2


@pytest.mark.parametrize("data", [{"head_count": "-1"}, {"came": ["999999"]}])
def test_attendance_invalid_is_400(coordinator_client, past, data):
    event = past
    response = coordinator_client.post(reverse("events:attendance", args=[event.pk]), data)
    assert response.status_code == 400
    event.refresh_from_db()
    assert event.attendance is None


def test_attendance_before_the_event_is_refused(coordinator_client, event):
    response = coordinator_client.post(
        reverse("events:attendance", args=[event.pk]), {"head_count": "5"}, follow=True
    )
    assert "once the event has begun" in text(response)
    event.refresh_from_db()
    assert event.attendance is None


def test_feedback_page_counts_then_sends(coordinator_client, past, settlement):
    event = past
    came = factories.EventRegistrationFactory(event=event, email="came@example.org")
    url = reverse("events:feedback", args=[event.pk])
    assert "Take the attendance first" in text(coordinator_client.get(url))
    coordinator_client.post(reverse("events:attendance", args=[event.pk]), {"came": [came.pk]})
    assert "1 person who came gave an e-mail address" in text(coordinator_client.get(url))
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("events:detail", args=[event.pk])
    with scope(settlement=settlement.pk):
        assert Survey.objects.count() == 1
        assert Message.objects.filter(kind="events.feedback").count() == 1
    body = text(coordinator_client.get(reverse("events:detail", args=[event.pk])))
    assert "0 answers" in body and "from five answers on" in body


# --- shifts ---------------------------------------------------------------------------------


def shift_post(**overrides):
    data = {"role": "Kitchen", "date": "2026-11-30", "starts": "16:00", "ends": "18:00"}
    data["needed"] = "3"
    data.update(overrides)
    return data


def test_shifts_list_and_add(chair_client, event, world, settlement):
    url = reverse("events:shifts", args=[event.pk])
    body = text(chair_client.get(url))
    assert "Door" in body and "Helper Hana" in body and "1 of 2" in body
    response = chair_client.post(url, shift_post())
    assert response.status_code == 302
    kitchen = rows(settlement, VolunteerShift, role="Kitchen")[0]
    assert kitchen.starts_at == dt.datetime(2026, 11, 30, 16, tzinfo=dt.UTC)
    assert kitchen.needed == 3


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"role": ""}, "This field is required"),
        ({"ends": "15:00"}, "end after it starts"),
        ({"needed": "0"}, "greater than or equal to 1"),
        ({"date": "2026-12-05"}, "within a day of the event"),
    ],
)
def test_shift_add_invalid_is_400(coordinator_client, event, settlement, overrides, message):
    response = coordinator_client.post(
        reverse("events:shifts", args=[event.pk]), shift_post(**overrides)
    )
    assert response.status_code == 400
    assert message in text(response)
    assert rows(settlement, VolunteerShift) == []


def test_shift_edit_and_delete(coordinator_client, world, settlement):
    _registration, shift, _signup = world
    url = reverse("events:shift_edit", args=[shift.pk])
    assert 'value="Door"' in text(coordinator_client.get(url))
    response = coordinator_client.post(url, shift_post(role="Door and tickets", needed="4"))
    assert response.status_code == 302
    assert rows(settlement, VolunteerShift)[0].role == "Door and tickets"
    bad = coordinator_client.post(url, shift_post(needed="0"))
    assert bad.status_code == 400
    delete = reverse("events:shift_delete", args=[shift.pk])
    assert "1 volunteer took this shift" in text(coordinator_client.get(delete))
    assert coordinator_client.post(delete).status_code == 302
    assert rows(settlement, VolunteerShift) == []


def test_shift_signup_cancel(coordinator_client, world, settlement):
    signup = world[2]
    response = coordinator_client.post(
        reverse("events:shift_signup_cancel", args=[signup.pk]), follow=True
    )
    assert "no longer volunteers" in text(response)
    assert rows(settlement, ShiftSignup)[0].cancelled_at == factories.FIXED_NOW


# --- the event's page -----------------------------------------------------------------------


def test_event_page_sign_up_card_for_keepers(coordinator_client, event, world):
    body = text(coordinator_client.get(reverse("events:detail", args=[event.pk])))
    assert "1 of 3 taken, 2 free" in body
    assert "1 shift, 1 of 2 volunteers" in body
    assert f"/p/home/events/{event.pk}/signup/" in body
    assert f"/p/home/events/{event.pk}/volunteer/" in body
    assert reverse("events:registrations", args=[event.pk]) in body
    assert "js/events.js" in body


def test_event_page_for_a_member_has_no_links(client, settlement, event, world):
    client.force_login(factories.member(settlement, Role.SECRETARY, username="sec"))
    body = text(client.get(reverse("events:detail", args=[event.pk])))
    assert "1 of 3 taken, 2 free" in body
    assert "/signup/" not in body
    assert reverse("events:registrations", args=[event.pk]) not in body


# --- query counts ---------------------------------------------------------------------------


def many(event, count):
    for n in range(count):
        status = ("confirmed", "waiting", "cancelled")[n % 3]
        factories.EventRegistrationFactory(event=event, status=status, seats=1)
        shift = factories.VolunteerShiftFactory(event=event, needed=3)
        factories.ShiftSignupFactory.create_batch(2, shift=shift)


@pytest.mark.parametrize(
    "name, expected",
    [
        ("events:registrations", 7),
        ("events:shifts", 6),
        ("events:attendance", 5),
        ("events:detail", 6),
    ],
)
@pytest.mark.parametrize("count", [2, 160])
def test_query_counts_are_fixed(
    coordinator_client, event, django_assert_num_queries, name, expected, count
):
    many(event, count)
    url = reverse(name, args=[event.pk])
    coordinator_client.get(url)  # warm the session
    with django_assert_num_queries(expected):
        response = coordinator_client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("answers", [5, 40])
def test_event_page_with_feedback_queries_are_fixed(
    coordinator_client, past, settlement, django_assert_num_queries, answers
):
    event = past
    came = factories.EventRegistrationFactory(event=event)
    coordinator_client.post(reverse("events:attendance", args=[event.pk]), {"came": [came.pk]})
    coordinator_client.post(reverse("events:feedback", args=[event.pk]))
    with scope(settlement=settlement.pk):
        survey = Survey.objects.get()
        rating = survey.questions.get(kind="rating")
    for n in range(answers):
        response = factories.ResponseFactory(survey=survey, via="shared")
        factories.AnswerFactory(response=response, question=rating, number=1 + n % 5)
    with scope(settlement=settlement.pk):
        Survey.objects.filter(pk=survey.pk).update(answer_count=answers)
    url = reverse("events:detail", args=[event.pk])
    with django_assert_num_queries(8):
        response = coordinator_client.get(url)
    assert "Average rating: 3.0 of 5" in text(response)
    assert reverse("surveys:results", args=[survey.pk]) in text(response)


def test_event_form_sets_signup_and_places(coordinator_client, event):
    data = {
        "title_en": "Winter fair",
        "kind": "culture",
        "status": "published",
        "date": "2026-11-30",
        "starts": "17:00",
        "ends": "19:00",
        "committee": event.committee_id,
        "capacity": "120",
    }
    url = reverse("events:edit", args=[event.pk])
    page = text(coordinator_client.get(url))
    assert 'name="signup_open"' in page and 'name="capacity"' in page
    assert coordinator_client.post(url, data).status_code == 302  # signup_open unticked
    event.refresh_from_db()
    assert (event.signup_open, event.capacity) == (False, 120)
    coordinator_client.post(url, data | {"signup_open": "on", "capacity": ""})
    event.refresh_from_db()
    assert (event.signup_open, event.capacity) == (True, None)
    bad = coordinator_client.post(url, data | {"capacity": "0"})
    assert bad.status_code == 400
