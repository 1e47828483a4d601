"""The coordinator's holiday suggestions: a year chooser, each suggestion made into a draft
event once, bad input answered with 400 and nothing written."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from coordinator.models import Role
from events.holidays import suggestions_for
from events.models import Event
from tests import factories

pytestmark = pytest.mark.django_db

URL = reverse("events:holidays")


def _client(client, language: str, zone: str):
    village = factories.SettlementFactory.create(slug="village", language=language, time_zone=zone)
    client.force_login(factories.member(village, Role.COORDINATOR, username="boss"))
    return client, village


@pytest.fixture
def hebrew(client):
    return _client(client, "he", "Asia/Jerusalem")


@pytest.fixture
def slovenian(client):
    return _client(client, "sl", "Europe/Ljubljana")


def _suggestion(language: str, year: int, code: str):
    with translation.override(language):
        return next(s for s in suggestions_for(language, year) if code in s.key)


def test_lists_years_and_suggestions(hebrew):
    client, _village = hebrew
    body = client.get(URL, headers={"accept-language": "en"}).content.decode()
    for year in (2026, 2027, 2028):
        assert f'value="{year}"' in body
    assert "Hanukkah" in body and "begins the evening before" in body
    assert 'value="2026:chanukah"' in body
    body = client.get(URL, {"year": 2027}, headers={"accept-language": "en"}).content.decode()
    assert 'value="2027:pesach"' in body


@pytest.mark.parametrize("year", ["2025", "2029", "soon"])
def test_year_outside_the_choice_is_400(hebrew, year):
    client, _village = hebrew
    assert client.get(URL, {"year": year}).status_code == 400


def test_create_jewish_holiday_evening_before(hebrew, unscoped):
    client, village = hebrew
    hanukkah = _suggestion("he", 2026, "chanukah")
    response = client.post(URL, {"key": hanukkah.key, "year": "2026"})
    event = Event.objects.get(settlement=village)
    assert response.status_code == 302
    assert response["Location"] == reverse("events:edit", kwargs={"pk": event.pk})
    assert event.status == Event.Status.DRAFT
    assert event.holiday_key == "2026:chanukah"
    assert event.kind == Event.Kind.HOLIDAY
    assert set(event.title) == {"he"} and event.title["he"]
    local = event.starts_at.astimezone(ZoneInfo("Asia/Jerusalem"))
    assert local.date() == hanukkah.date - dt.timedelta(days=1)
    assert (local.hour, local.minute) == (18, 0)


def test_create_slovenian_holiday_morning_of_the_day(slovenian, unscoped):
    client, village = slovenian
    christmas = _suggestion("sl", 2026, "2026-12-25")
    assert client.post(URL, {"key": christmas.key, "year": "2026"}).status_code == 302
    event = Event.objects.get(settlement=village)
    local = event.starts_at.astimezone(ZoneInfo("Europe/Ljubljana"))
    assert (local.date(), local.hour) == (dt.date(2026, 12, 25), 10)
    assert event.title == {"sl": str(christmas.name)}


def test_second_post_creates_nothing_and_page_shows_added(hebrew, unscoped):
    client, village = hebrew
    data = {"key": "2026:chanukah", "year": "2026"}
    first = client.post(URL, data)
    second = client.post(URL, data)
    assert Event.objects.filter(settlement=village).count() == 1
    assert first["Location"] == second["Location"]
    body = client.get(URL, headers={"accept-language": "en"}).content.decode()
    event = Event.objects.get(settlement=village)
    assert "Added" in body
    assert reverse("events:detail", kwargs={"pk": event.pk}) in body
    assert 'value="2026:chanukah"' not in body


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"year": "2026"},
        {"key": "2026:nonsense", "year": "2026"},
        {"key": "2026:chanukah", "year": "2031"},
        {"key": "2026:chanukah", "year": "x"},
        {"key": "2027:chanukah", "year": "2026"},
    ],
)
def test_bad_post_is_400_and_writes_nothing(hebrew, unscoped, data):
    client, village = hebrew
    response = client.post(URL, data)
    assert response.status_code == 400
    assert "alert-danger" in response.content.decode()
    assert not Event.objects.filter(settlement=village).exists()


def test_english_settlement_gets_an_explanation(client, unscoped):
    client, _village = _client(client, "en", "UTC")
    body = client.get(URL, headers={"accept-language": "en"}).content.decode()
    assert "Hebrew-speaking settlements" in body
    assert client.post(URL, {"key": "2026:chanukah", "year": "2026"}).status_code == 400


def test_chair_gets_404(client, settlement, chair):
    client.force_login(chair)
    assert client.get(URL).status_code == 404
