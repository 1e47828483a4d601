"""The messages record, decisions on messages that did not go out, and quiet hours."""

import datetime as dt

import pytest
from django.urls import reverse

from messaging.models import Message
from tests import factories


def test_list_shows_and_filters(coordinator_client, settlement):
    sent = factories.MessageFactory(settlement=settlement, state=Message.State.SENT, subject="Hi")
    failed = factories.MessageFactory(settlement=settlement, state=Message.State.FAILED)
    url = reverse("messaging:list")
    assert {m.pk for m in coordinator_client.get(url).context["page"].object_list} == {
        sent.pk,
        failed.pk,
    }
    problems = coordinator_client.get(url, {"state": "problem"}).context["page"].object_list
    assert [m.pk for m in problems] == [failed.pk]
    found = coordinator_client.get(url, {"q": "Hi"}).context["page"].object_list
    assert [m.pk for m in found] == [sent.pk]


def test_empty_list_explains(coordinator_client):
    response = coordinator_client.get(reverse("messaging:list"))
    assert b"No message has been sent yet." in response.content


def test_resolve_an_interrupted_message(coordinator_client, settlement):
    message = factories.MessageFactory(settlement=settlement, state=Message.State.INTERRUPTED)
    url = reverse("messaging:resolve", args=[message.pk])
    assert coordinator_client.post(url, {}).status_code == 400
    assert coordinator_client.post(url, {"outcome": "sent"}).status_code == 302
    message.refresh_from_db()
    assert message.state == Message.State.SENT
    again = coordinator_client.post(url, {"outcome": "resend"}, follow=True)
    assert b"no longer waits for a decision" in again.content


def test_quiet_hours_are_saved_and_validated(coordinator_client, settlement):
    url = reverse("messaging:quiet_hours")
    assert coordinator_client.get(url).status_code == 200
    response = coordinator_client.post(url, {"quiet_from": "21:00", "quiet_until": "07:30"})
    assert response.status_code == 302
    settlement.refresh_from_db()
    assert (settlement.quiet_from, settlement.quiet_until) == (dt.time(21), dt.time(7, 30))
    same = coordinator_client.post(url, {"quiet_from": "21:00", "quiet_until": "21:00"})
    assert same.status_code == 400
    bad = coordinator_client.post(url, {"quiet_from": "25:00", "quiet_until": "07:00"})
    assert bad.status_code == 400
    settlement.refresh_from_db()
    assert settlement.quiet_from == dt.time(21)


@pytest.mark.parametrize("size", [3, 60])
def test_message_pages_have_fixed_query_counts(
    coordinator_client, settlement, django_assert_num_queries, size
):
    messages = [factories.MessageFactory(settlement=settlement) for _ in range(size)]
    with django_assert_num_queries(5):
        coordinator_client.get(reverse("messaging:list"))
    with django_assert_num_queries(3):
        coordinator_client.get(reverse("messaging:quiet_hours"))
    with django_assert_num_queries(4):
        coordinator_client.get(reverse("messaging:detail", args=[messages[0].pk]))
