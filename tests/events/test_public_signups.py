"""The public sign-up and volunteer pages, and the personal pages of their links."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scope

from events import signups
from events.models import EventRegistration, ShiftSignup
from tests import factories


def text(response) -> str:
    return response.content.decode()


@pytest.fixture
def event(settlement):
    committee = factories.CommitteeFactory(settlement=settlement)
    return factories.EventFactory(
        committee=committee, title={"en": "Winter fair"}, signup_open=True, capacity=3
    )


def signup_url(event, slug="home"):
    return reverse("calendar:event_signup", kwargs={"slug": slug, "pk": event.pk})


def volunteer_url(event, slug="home"):
    return reverse("calendar:event_volunteer", kwargs={"slug": slug, "pk": event.pk})


def registrations(settlement):
    with scope(settlement=settlement.pk):
        return list(EventRegistration.objects.order_by("pk"))


def with_link(factory, purpose, **kwargs):
    row = factory(**kwargs)
    token = signups.link_issue(row, purpose)
    row.save()
    return row, token


def form(**overrides):
    data = {"name": "Ana Novak", "email": "ana@example.org", "phone": "", "seats": "1"}
    data.update(overrides)
    return data


# --- the sign-up page -----------------------------------------------------------------------


def test_signup_page_shows_places_left_and_nobody_else(client, event):
    factories.EventRegistrationFactory(event=event, name="Secret Person", email="s@example.org")
    response = client.get(signup_url(event))
    body = text(response)
    assert response.status_code == 200
    assert "2 places left." in body and "Winter fair" in body
    assert "Secret Person" not in body and "s@example.org" not in body


def test_signup_page_in_hebrew_is_right_to_left(client, settlement, event):
    settlement.language = "he"
    settlement.save()
    body = text(client.get(signup_url(event)))
    assert 'lang="he"' in body and 'dir="rtl"' in body
    body = text(client.get(signup_url(event), {"lang": "en"}))
    assert 'dir="ltr"' in body


def test_signing_up_leads_to_the_personal_page(client, event, settlement):
    response = client.post(signup_url(event) + "?lang=en", form(seats="2"))
    assert response.status_code == 302
    [row] = registrations(settlement)
    assert (row.name, row.seats, row.status, row.language) == ("Ana Novak", 2, "confirmed", "en")
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "You have a place." in text(page)
    assert "no-store" in page["Cache-Control"]
    assert page["X-Robots-Tag"] == "noindex, nofollow"


def test_full_event_puts_you_on_the_waiting_list(client, event, settlement):
    factories.EventRegistrationFactory(event=event, seats=3)
    factories.EventRegistrationFactory(event=event, status="waiting")
    body = text(client.get(signup_url(event)))
    assert "The event is full" in body and "1 on the waiting list." in body
    response = client.post(signup_url(event), form())
    page = text(client.get(response["Location"]))
    assert "You are on the waiting list." in page
    assert "Your place on the list: 2." in page
    assert registrations(settlement)[-1].status == "waiting"


@pytest.mark.parametrize(
    "data", [{}, form(name=""), form(email="", phone=""), form(seats="0"), form(email="nope")]
)
def test_invalid_signup_is_400(client, event, settlement, data):
    response = client.post(signup_url(event), data)
    assert response.status_code == 400
    assert "You are not signed up yet" in text(response)
    assert registrations(settlement) == []


def test_honeypot_signs_nobody_up(client, event, settlement):
    response = client.post(signup_url(event), form(website="http://spam.example"))
    assert response.status_code == 200
    assert "Thank you" in text(response)
    assert registrations(settlement) == []


def test_closed_signup_says_so(client, event, settlement):
    event.signup_open = False
    event.save()
    response = client.get(signup_url(event))
    assert response.status_code == 200
    assert "Sign-up for this event is closed." in text(response)
    assert client.post(signup_url(event), form()).status_code == 400
    assert registrations(settlement) == []


def test_started_event_says_so(client, event):
    event.starts_at = factories.FIXED_NOW - dt.timedelta(minutes=1)
    event.save()
    assert "already started" in text(client.get(signup_url(event)))


def test_unpublished_or_elsewhere_is_404(client, event, other_settlement):
    assert client.get(signup_url(event, slug="far")).status_code == 404
    assert client.get(volunteer_url(event, slug="far")).status_code == 404
    event.status = "draft"
    event.save()
    assert client.get(signup_url(event)).status_code == 404
    assert client.get(volunteer_url(event)).status_code == 404


# --- the personal page ----------------------------------------------------------------------


def test_personal_page_cancels_and_promotes(client, event, settlement):
    row, token = with_link(factories.EventRegistrationFactory, signups.EVENT, event=event, seats=3)
    factories.EventRegistrationFactory(event=event, status="waiting")
    url = reverse("calendar:signup", kwargs={"slug": "home", "token": token})
    assert client.post(url, {}).status_code == 400
    assert registrations(settlement)[0].status == "confirmed"
    response = client.post(url, {"cancel": "1"})
    assert response.status_code == 302
    assert [r.status for r in registrations(settlement)] == ["cancelled", "confirmed"]
    page = text(client.get(url))
    assert "Your sign-up is cancelled." in page and "Cancel my sign-up" not in page


def test_bad_or_foreign_token_is_404(client, event, other_settlement):
    _row, token = with_link(factories.EventRegistrationFactory, signups.EVENT, event=event)
    assert client.get(reverse("calendar:signup", args=["home", "x" * 43])).status_code == 404
    assert client.get(reverse("calendar:signup", args=["far", token])).status_code == 404
    assert client.get(reverse("calendar:shift_signup", args=["home", token])).status_code == 404


# --- volunteering ---------------------------------------------------------------------------


def test_volunteer_page_lists_free_shifts_and_takes_one(client, event, settlement):
    door = factories.VolunteerShiftFactory(event=event, role="Door", needed=2)
    full = factories.VolunteerShiftFactory(event=event, role="Kitchen", needed=1)
    factories.ShiftSignupFactory(shift=door, name="Other Helper")
    factories.ShiftSignupFactory(shift=full)
    body = text(client.get(volunteer_url(event)))
    assert "Door" in body and "1 place left" in body
    assert "Kitchen" not in body and "Other Helper" not in body
    response = client.post(volunteer_url(event), form(shift=str(door.pk)))
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert "Thank you for volunteering!" in text(page)
    assert client.post(response["Location"], {"cancel": "1"}).status_code == 302
    with scope(settlement=settlement.pk):
        mine = ShiftSignup.objects.get(name="Ana Novak")
    assert mine.cancelled_at == factories.FIXED_NOW


@pytest.mark.parametrize("take_full", [False, True])
def test_invalid_volunteering_is_400(client, event, settlement, take_full):
    shift = factories.VolunteerShiftFactory(event=event, needed=1)
    if take_full:
        factories.ShiftSignupFactory(shift=shift)
        data = form(shift=str(shift.pk))
    else:
        data = {}
    assert client.post(volunteer_url(event), data).status_code == 400
    with scope(settlement=settlement.pk):
        assert ShiftSignup.objects.count() == (1 if take_full else 0)


def test_every_shift_taken_says_thanks(client, event):
    shift = factories.VolunteerShiftFactory(event=event, needed=1)
    factories.ShiftSignupFactory(shift=shift)
    assert "Every shift is taken" in text(client.get(volunteer_url(event)))


def test_shift_personal_page_empty_post_is_400(client, event):
    shift = factories.VolunteerShiftFactory(event=event)
    _row, token = with_link(factories.ShiftSignupFactory, signups.SHIFT, shift=shift)
    url = reverse("calendar:shift_signup", kwargs={"slug": "home", "token": token})
    assert client.post(url, {}).status_code == 400


# --- the public event page ------------------------------------------------------------------


def test_event_page_has_sign_up_and_volunteer_buttons_when_open(client, event):
    url = reverse("calendar:event", kwargs={"slug": "home", "pk": event.pk})
    body = text(client.get(url))
    assert signup_url(event) in body and volunteer_url(event) not in body
    factories.VolunteerShiftFactory(event=event)
    event.signup_open = False
    event.save()
    body = text(client.get(url))
    assert signup_url(event) not in body and volunteer_url(event) in body


# --- query counts ---------------------------------------------------------------------------


def crowd(event, count):
    for n in range(count):
        factories.EventRegistrationFactory(event=event, status=("confirmed", "waiting")[n % 2])
        shift = factories.VolunteerShiftFactory(event=event, needed=3)
        factories.ShiftSignupFactory(shift=shift)


@pytest.mark.parametrize("count", [2, 60])
def test_public_query_counts_are_fixed(client, event, django_assert_num_queries, count):
    crowd(event, count)
    row, token = with_link(factories.EventRegistrationFactory, signups.EVENT, event=event)
    shift = factories.VolunteerShiftFactory(event=event)
    _s, shift_token = with_link(factories.ShiftSignupFactory, signups.SHIFT, shift=shift)
    expected = {
        signup_url(event): 3,
        volunteer_url(event): 4,
        reverse("calendar:signup", args=["home", token]): 2,
        reverse("calendar:shift_signup", args=["home", shift_token]): 2,
        reverse("calendar:event", kwargs={"slug": "home", "pk": event.pk}): 3,
    }
    for url, queries in expected.items():
        with django_assert_num_queries(queries):
            assert client.get(url).status_code == 200
