"""The staff pages of events: calendar, form, page, deletion, announcement and poster."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django_scopes import scope

from coordinator.models import Role
from events.models import Event
from tests import factories


def text(response) -> str:
    return response.content.decode()


def stored(settlement, **filters) -> list[Event]:
    with scope(settlement=settlement.pk):
        return list(Event.objects.filter(**filters))


@pytest.fixture
def culture(settlement, chair):
    return factories.CommitteeFactory(settlement=settlement, name="Culture", chairs=[chair])


@pytest.fixture
def youth(settlement):
    return factories.CommitteeFactory(settlement=settlement, name="Youth")


@pytest.fixture
def chair_client(client, chair):
    client.force_login(chair)
    return client


def event_post(**overrides):
    data = {
        "title_en": "Hanukkah party",
        "description_en": "Candles and doughnuts.",
        "kind": "holiday",
        "status": "published",
        "date": "2026-12-06",
        "starts": "18:00",
        "ends": "20:00",
        "place": "Community hall",
        "age_groups": ["children", "adults"],
        "planned_cost": "1200.50",
        "actual_cost": "",
        "planned_income": "0",
        "actual_income": "",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


# --- create -------------------------------------------------------------------------------


def test_create_stores_times_in_utc_from_the_settlements_zone(
    coordinator_client, settlement, culture
):
    settlement.time_zone = "Asia/Jerusalem"
    settlement.language = "he"
    settlement.save()
    response = coordinator_client.post(
        reverse("events:create"),
        event_post(committee=culture.pk, title_he="מסיבת חנוכה"),
    )
    [event] = stored(settlement)
    assert response.status_code == 302
    assert response["Location"] == reverse("events:detail", args=[event.pk])
    assert event.starts_at == dt.datetime(2026, 12, 6, 16, 0, tzinfo=dt.UTC)  # UTC+2
    assert event.ends_at == dt.datetime(2026, 12, 6, 18, 0, tzinfo=dt.UTC)
    assert event.title == {"he": "מסיבת חנוכה", "en": "Hanukkah party"}
    assert event.planned_cost == Decimal("1200.50")
    assert event.actual_cost == Decimal("0")
    assert event.age_groups == ["children", "adults"]
    assert event.committee == culture


def test_create_without_a_title_is_400_and_nothing_is_stored(coordinator_client, settlement):
    response = coordinator_client.post(reverse("events:create"), event_post(title_en=""))
    assert response.status_code == 400
    assert "at least one language" in text(response)
    assert stored(settlement) == []


@pytest.mark.parametrize(
    "field,value",
    [
        ("planned_cost", "-1"),
        ("actual_income", "abc"),
        ("date", "2026-13-40"),
        ("ends", "17:00"),
        ("kind", "party"),
        ("age_groups", ["pensioners"]),
    ],
)
def test_bad_input_is_400(coordinator_client, settlement, field, value):
    response = coordinator_client.post(reverse("events:create"), event_post(**{field: value}))
    assert response.status_code == 400
    assert stored(settlement) == []


def test_committee_of_another_settlement_is_refused(
    coordinator_client, settlement, other_settlement
):
    foreign = factories.CommitteeFactory(settlement=other_settlement)
    response = coordinator_client.post(reverse("events:create"), event_post(committee=foreign.pk))
    assert response.status_code == 400
    assert stored(settlement) == []


def test_form_offers_the_settlements_languages(coordinator_client, settlement):
    settlement.language = "sl"
    settlement.save()
    body = text(coordinator_client.get(reverse("events:create")))
    assert 'name="title_sl"' in body and 'name="title_en"' in body
    assert 'name="title_he"' not in body


# --- edit ----------------------------------------------------------------------------------


def test_edit_shows_local_times_and_saves(coordinator_client, settlement, culture):
    settlement.time_zone = "Europe/Ljubljana"
    settlement.save()
    event = factories.EventFactory(committee=culture)
    body = text(coordinator_client.get(reverse("events:edit", args=[event.pk])))
    assert 'value="18:00"' in body  # 17:00 UTC is 18:00 in Ljubljana in winter
    response = coordinator_client.post(
        reverse("events:edit", args=[event.pk]),
        event_post(committee=culture.pk, date="2026-11-30", starts="19:30", ends=""),
    )
    assert response.status_code == 302
    [event] = stored(settlement)
    assert event.starts_at == dt.datetime(2026, 11, 30, 18, 30, tzinfo=dt.UTC)
    assert event.ends_at is None


def test_chair_edits_their_committees_event_but_keeps_it_theirs(
    chair_client, settlement, culture, youth
):
    event = factories.EventFactory(committee=culture)
    body = text(chair_client.get(reverse("events:edit", args=[event.pk])))
    assert f'<option value="{culture.pk}"' in body
    assert f'<option value="{youth.pk}"' not in body
    refused = chair_client.post(
        reverse("events:edit", args=[event.pk]), event_post(committee=youth.pk)
    )
    assert refused.status_code == 400
    empty = chair_client.post(reverse("events:edit", args=[event.pk]), event_post(committee=""))
    assert empty.status_code == 400
    ok = chair_client.post(
        reverse("events:edit", args=[event.pk]), event_post(committee=culture.pk)
    )
    assert ok.status_code == 302
    assert stored(settlement)[0].title == {"en": "Hanukkah party"}


def test_chair_cannot_edit_another_committees_event(chair_client, youth):
    event = factories.EventFactory(committee=youth)
    assert chair_client.get(reverse("events:edit", args=[event.pk])).status_code == 404


# --- calendar ------------------------------------------------------------------------------


def test_list_groups_upcoming_events_by_month_and_hides_past(
    coordinator_client, settlement, culture
):
    factories.EventFactory(committee=culture, title={"en": "Soon"})
    factories.EventFactory(
        committee=culture,
        title={"en": "Later"},
        starts_at=dt.datetime(2027, 1, 10, 17, tzinfo=dt.UTC),
        ends_at=None,
    )
    factories.EventFactory(
        committee=culture,
        title={"en": "Past"},
        starts_at=dt.datetime(2026, 10, 1, 17, tzinfo=dt.UTC),
        ends_at=None,
    )
    body = text(coordinator_client.get(reverse("events:calendar")))
    assert "November 2026" in body and "January 2027" in body
    assert body.index("Soon") < body.index("Later")
    assert "Past" not in body
    assert reverse("events:holidays") in body and reverse("events:create") in body


def test_drafts_only_for_the_coordinator_and_the_organising_chair(
    client, settlement, culture, youth, chair
):
    factories.EventFactory(committee=culture, title={"en": "Culture draft"}, status="draft")
    factories.EventFactory(committee=youth, title={"en": "Youth draft"}, status="draft")
    board = factories.member(settlement, Role.BOARD, username="board")
    client.force_login(board)
    body = text(client.get(reverse("events:calendar")))
    assert "draft" not in body
    assert reverse("events:create") not in body
    client.force_login(chair)
    body = text(client.get(reverse("events:calendar")))
    assert "Culture draft" in body and "Youth draft" not in body


def test_filters_by_kind_and_age_group(coordinator_client, culture):
    factories.EventFactory(committee=culture, title={"en": "Kids"}, age_groups=["children"])
    factories.EventFactory(committee=culture, title={"en": "Seniors tea"}, age_groups=["seniors"])
    factories.EventFactory(committee=culture, title={"en": "All"}, kind="sport")
    body = text(coordinator_client.get(reverse("events:calendar"), {"age_group": "children"}))
    assert "Kids" in body and "All" in body and "Seniors tea" not in body
    body = text(coordinator_client.get(reverse("events:calendar"), {"kind": "sport"}))
    assert "All" in body and "Kids" not in body
    bad = coordinator_client.get(reverse("events:calendar"), {"kind": "x", "age_group": "y"})
    assert bad.status_code == 200 and "Kids" in text(bad)


def test_month_grid_starts_monday_or_sunday_and_links_months(
    coordinator_client, settlement, culture
):
    factories.EventFactory(
        committee=culture,
        title={"en": "December fair"},
        starts_at=dt.datetime(2026, 12, 6, 17, tzinfo=dt.UTC),
        ends_at=None,
    )
    url = reverse("events:calendar")
    response = coordinator_client.get(url, {"view": "month", "month": "2026-12"})
    weeks = response.context["weeks"]
    assert weeks[0][0].date == dt.date(2026, 11, 30)  # a Monday
    assert "December fair" in text(response)
    assert "month=2026-11" in text(response) and "month=2027-01" in text(response)
    settlement.language = "he"
    settlement.save()
    response = coordinator_client.get(url, {"view": "month", "month": "2026-12"})
    assert response.context["weeks"][0][0].date == dt.date(2026, 11, 29)  # a Sunday
    bad = coordinator_client.get(url, {"view": "month", "month": "2026-99"})
    assert bad.status_code == 200 and bad.context["month_start"] == dt.date(2026, 11, 1)


def test_list_paginates_at_25(coordinator_client, culture):
    for n in range(27):
        factories.EventFactory(committee=culture, title={"en": f"E{n:02d}"})
    body = text(coordinator_client.get(reverse("events:calendar")))
    assert "E24" in body and "E25" not in body
    body = text(coordinator_client.get(reverse("events:calendar"), {"page": 2}))
    assert "E25" in body and "E26" in body


# --- detail, delete --------------------------------------------------------------------------


def test_detail_shows_money_and_public_link(coordinator_client, settlement, culture):
    event = factories.EventFactory(committee=culture, planned_cost=Decimal("1500.00"))
    body = text(coordinator_client.get(reverse("events:detail", args=[event.pk])))
    assert "1,500.00\u00a0€" in body
    assert reverse("calendar:event", kwargs={"slug": settlement.slug, "pk": event.pk}) in body
    assert reverse("events:delete", args=[event.pk]) in body


def test_draft_detail_has_no_public_link_and_is_hidden_from_others(
    client, coordinator_client, settlement, youth
):
    event = factories.EventFactory(committee=youth, status="draft")
    body = text(coordinator_client.get(reverse("events:detail", args=[event.pk])))
    assert "/p/" not in body
    client.force_login(factories.member(settlement, Role.BOARD, username="board"))
    assert client.get(reverse("events:detail", args=[event.pk])).status_code == 404


def test_chair_sees_edit_but_not_delete(chair_client, culture):
    event = factories.EventFactory(committee=culture)
    body = text(chair_client.get(reverse("events:detail", args=[event.pk])))
    assert reverse("events:edit", args=[event.pk]) in body
    assert reverse("events:delete", args=[event.pk]) not in body


def test_delete_asks_then_deletes(coordinator_client, settlement, culture):
    event = factories.EventFactory(committee=culture)
    url = reverse("events:delete", args=[event.pk])
    assert coordinator_client.get(url).status_code == 200
    assert stored(settlement)
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert stored(settlement) == []


def test_another_settlements_event_is_404(coordinator_client, other_settlement):
    event = factories.EventFactory(
        committee=factories.CommitteeFactory(settlement=other_settlement)
    )
    for name in ("detail", "edit", "delete", "announcement", "poster"):
        assert coordinator_client.get(reverse(f"events:{name}", args=[event.pk])).status_code == 404


# --- publicity -------------------------------------------------------------------------------


def test_announcement_has_local_time_place_and_public_link(coordinator_client, settlement, culture):
    settlement.time_zone = "Asia/Jerusalem"
    settlement.save()
    event = factories.EventFactory(
        committee=culture, title={"en": "Concert"}, description={"en": "Bring a chair."}
    )
    response = coordinator_client.get(reverse("events:announcement", args=[event.pk]))
    announcement = response.context["text"]
    assert announcement.startswith("Concert\n")
    assert "7 p.m." in announcement  # 17:00 UTC in Jerusalem
    assert "Community hall" in announcement and "Bring a chair." in announcement
    assert announcement.rstrip().endswith(
        reverse("calendar:event", kwargs={"slug": settlement.slug, "pk": event.pk})
    )
    body = text(response)
    assert "readonly" in body and "js-copy" in body and "js/events.js" in body


def test_poster_has_a_qr_code_only_when_published(coordinator_client, culture):
    event = factories.EventFactory(committee=culture, title={"en": "Fair"})
    body = text(coordinator_client.get(reverse("events:poster", args=[event.pk])))
    assert "Fair" in body and "data:image/svg+xml" in body and "css/poster.css" in body
    draft = factories.EventFactory(committee=culture, status="draft")
    body = text(coordinator_client.get(reverse("events:poster", args=[draft.pk])))
    assert "data:image/svg+xml" not in body
