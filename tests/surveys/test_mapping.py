"""Records of house meetings, focus groups, steering-team sessions and interviews."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django_scopes import scope

from coordinator.models import Role
from surveys.models import MappingRecord, Need
from surveys.services import mapping as services
from tests import factories

TODAY = dt.date(2026, 11, 23)


def text(response) -> str:
    return response.content.decode()


def stored(settlement, model, **filters):
    with scope(settlement=settlement.pk):
        return list(model.objects.filter(**filters))


def record_post(**overrides):
    data = {
        "kind": MappingRecord.Kind.HOUSE_MEETING,
        "title": "House meeting at the Cohens'",
        "held_on": "2026-11-20",
        "age_groups": ["adults", "seniors"],
        "participant_count": "9",
        "notes": "Talked about the club house.",
        "findings": "Seniors want a weekly coffee morning.",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def resident(settlement):
    return factories.ResidentFactory(settlement=settlement, first_name="Dana", last_name="Levi")


@pytest.fixture
def foreign_resident(other_settlement):
    return factories.ResidentFactory(
        settlement=other_settlement, first_name="Dana", last_name="Faraway"
    )


# --- list ----------------------------------------------------------------------------------


def test_empty_list_explains_the_methods(coordinator_client):
    response = coordinator_client.get(reverse("surveys:records"))
    assert response.status_code == 200
    page = text(response)
    for words in ("House meetings", "Focus groups", "Steering team", "Interviews and talks"):
        assert words in page
    assert reverse("surveys:record_create") in page


def test_list_newest_first_with_counts(coordinator_client, settlement, resident):
    old = factories.MappingRecordFactory(
        settlement=settlement, title="Old focus group", held_on=dt.date(2026, 3, 1)
    )
    new = factories.MappingRecordFactory(
        settlement=settlement,
        title="Steering team November",
        held_on=dt.date(2026, 11, 20),
        kind=MappingRecord.Kind.STEERING_TEAM,
        age_groups=["youth", "seniors"],
        participant_count=7,
    )
    new.participants.add(resident)
    for n in range(2):
        factories.NeedFactory(settlement=settlement, title=f"Need {n}").evidence_records.add(new)
    factories.MappingRecordFactory(settlement=factories.SettlementFactory(), title="Elsewhere")
    response = coordinator_client.get(reverse("surveys:records"))
    rows = response.context["records"]
    assert [r.pk for r in rows] == [new.pk, old.pk]
    assert (rows[0].named_count, rows[0].need_count) == (1, 2)
    assert (rows[1].named_count, rows[1].need_count) == (0, 0)
    page = text(response)
    assert "Elsewhere" not in page
    assert "Youth, Seniors" in page
    assert "7 participants" in page and "1 named resident" in page
    assert "Steering-team session" in page


def test_list_filters_by_method_and_searches(coordinator_client, settlement):
    factories.MappingRecordFactory(
        settlement=settlement, title="Talk with the rabbi", kind="interview"
    )
    factories.MappingRecordFactory(settlement=settlement, title="Youth group", kind="focus_group")
    factories.MappingRecordFactory(
        settlement=settlement, title="Seniors", kind="focus_group", findings="needs a BUS to town"
    )
    url = reverse("surveys:records")
    titles = lambda r: [x.title for x in r.context["records"]]  # noqa: E731
    assert titles(coordinator_client.get(url, {"kind": "focus_group"})) == [
        "Seniors",
        "Youth group",
    ]
    assert titles(coordinator_client.get(url, {"q": "bus"})) == ["Seniors"]
    assert titles(coordinator_client.get(url, {"q": "rabbi", "kind": "focus_group"})) == []
    response = coordinator_client.get(url, {"q": "nothing like it"})
    assert "No record matches these filters." in text(response)
    # A bad value drops only its own filter.
    assert len(titles(coordinator_client.get(url, {"kind": "bogus"}))) == 3


def test_list_paginates_and_htmx_swaps_the_table(coordinator_client, settlement):
    for n in range(30):
        factories.MappingRecordFactory(
            settlement=settlement, title=f"Meeting {n:02}", held_on=TODAY - dt.timedelta(days=n)
        )
    url = reverse("surveys:records")
    first = coordinator_client.get(url)
    assert len(first.context["records"]) == 25
    assert "Page 1 of 2" in text(first)
    second = coordinator_client.get(url, {"page": 2})
    assert [r.title for r in second.context["records"]][0] == "Meeting 25"
    partial = coordinator_client.get(url, {"q": "Meeting 0"}, headers={"HX-Request": "true"})
    assert "<html" not in text(partial)
    # Every word must match: "Meeting" and "0" (00 to 09, 10 and 20).
    assert len(partial.context["records"]) == 12


# --- create ----------------------------------------------------------------------------------


def test_create_with_count_and_residents(coordinator_client, coordinator, settlement, resident):
    response = coordinator_client.post(
        reverse("surveys:record_create"), record_post(participants=[resident.pk])
    )
    [record] = stored(settlement, MappingRecord)
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:record_detail", args=[record.pk])
    assert record.title == "House meeting at the Cohens'"
    assert record.held_on == dt.date(2026, 11, 20)
    assert record.age_groups == ["adults", "seniors"]
    assert record.participant_count == 9
    assert record.created_by == coordinator
    assert record.created_at == factories.FIXED_NOW
    with scope(settlement=settlement.pk):
        assert list(record.participants.all()) == [resident]


def test_create_with_residents_only(coordinator_client, settlement, resident):
    response = coordinator_client.post(
        reverse("surveys:record_create"),
        record_post(participant_count=None, participants=[resident.pk]),
    )
    assert response.status_code == 302
    [record] = stored(settlement, MappingRecord)
    assert record.participant_count is None


def test_get_create_form(coordinator_client):
    response = coordinator_client.get(reverse("surveys:record_create"))
    assert response.status_code == 200
    page = text(response)
    assert 'value="2026-11-23"' in page  # today, by the product's clock
    assert 'name="participant_q"' in page
    assert re.search(r"type=\"checkbox\"[^>]*name=\"age_groups\"", page)


def test_empty_post_is_400_and_saves_nothing(coordinator_client, settlement):
    response = coordinator_client.post(reverse("surveys:record_create"), {})
    assert response.status_code == 400
    assert "This field is required." in text(response)
    assert stored(settlement, MappingRecord) == []


def test_participants_or_a_count_are_required(coordinator_client, settlement):
    response = coordinator_client.post(
        reverse("surveys:record_create"), record_post(participant_count=None)
    )
    assert response.status_code == 400
    assert "Give the number of participants, or name the residents" in text(response)
    assert stored(settlement, MappingRecord) == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"held_on": "2027-12-01"}, "at most a year from today"),
        ({"held_on": "yesterday"}, "Enter a valid date."),
        ({"participant_count": "-1"}, "greater than or equal to 0"),
        ({"kind": "party"}, "Select a valid choice."),
        ({"age_groups": ["toddlers"]}, "Select a valid choice."),
        ({"title": "   "}, "This field is required."),
    ],
)
def test_bad_input_is_400(coordinator_client, settlement, overrides, message):
    response = coordinator_client.post(reverse("surveys:record_create"), record_post(**overrides))
    assert response.status_code == 400
    assert message in text(response)
    assert stored(settlement, MappingRecord) == []


def test_a_count_below_the_named_residents_is_refused(coordinator_client, settlement, resident):
    other = factories.ResidentFactory(settlement=settlement)
    response = coordinator_client.post(
        reverse("surveys:record_create"),
        record_post(participant_count="1", participants=[resident.pk, other.pk]),
    )
    assert response.status_code == 400
    assert "smaller than the 2 residents named" in text(response)


def test_another_settlements_resident_is_refused(
    coordinator_client, settlement, resident, foreign_resident
):
    response = coordinator_client.post(
        reverse("surveys:record_create"),
        record_post(participants=[resident.pk, foreign_resident.pk]),
    )
    assert response.status_code == 400
    page = text(response)
    assert "Choose residents of this settlement only." in page
    assert "Faraway" not in page
    assert stored(settlement, MappingRecord) == []
    with scope(settlement=foreign_resident.settlement_id):
        assert not foreign_resident.mapping_records.exists()


def test_archived_resident_cannot_be_named(coordinator_client, settlement):
    archived = factories.ResidentFactory(settlement=settlement, archived_at=factories.FIXED_NOW)
    response = coordinator_client.post(
        reverse("surveys:record_create"), record_post(participants=[archived.pk])
    )
    assert response.status_code == 400


def test_the_service_refuses_a_foreign_resident(settlement, foreign_resident):
    with pytest.raises(services.ForeignObject), scope(settlement=settlement.pk):
        services.record_create(
            settlement=settlement,
            data={"kind": "other", "title": "x", "held_on": TODAY, "participant_count": 1},
            participants=[foreign_resident],
        )
    assert stored(settlement, MappingRecord) == []


# --- the resident picker -----------------------------------------------------------------


def test_picker_search_without_javascript_keeps_what_was_typed(
    coordinator_client, settlement, resident, foreign_resident
):
    chosen = factories.ResidentFactory(settlement=settlement, first_name="Avi", last_name="Ben")
    response = coordinator_client.post(
        reverse("surveys:record_create"),
        record_post(title="", participant_q="dana", find="1", participants=[chosen.pk]),
    )
    assert response.status_code == 200  # a search, not a save: no errors shown
    page = text(response)
    assert "This field is required." not in page
    assert "Seniors want a weekly coffee morning." in page
    assert re.search(rf'value="{chosen.pk}"[^>]*checked', page)
    assert re.search(rf'value="{resident.pk}" id="participant-{resident.pk}">', page)
    assert "Faraway" not in page
    assert stored(settlement, MappingRecord) == []


def test_enter_in_a_field_with_an_empty_search_saves(coordinator_client, settlement):
    """Enter presses the form's first button, "Find residents": with nothing to find, save."""
    response = coordinator_client.post(
        reverse("surveys:record_create"), record_post(participant_q="", find="1")
    )
    assert response.status_code == 302
    assert len(stored(settlement, MappingRecord)) == 1


def test_picker_htmx_search_returns_only_the_results(
    coordinator_client, settlement, resident, foreign_resident
):
    chosen = factories.ResidentFactory(settlement=settlement, first_name="Avi", last_name="Ben")
    factories.ResidentFactory(
        settlement=settlement, first_name="Dana", last_name="Gone", archived_at=factories.FIXED_NOW
    )
    for n in range(25):
        factories.ResidentFactory(settlement=settlement, first_name="Dana", last_name=f"Many{n:02}")
    response = coordinator_client.get(
        reverse("surveys:record_create"),
        {"participant_q": "dana", "participants": [chosen.pk, foreign_resident.pk, "x"]},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    page = text(response)
    assert "<html" not in page
    assert [r.pk for r in response.context["chosen"]] == [chosen.pk]
    matches = response.context["matches"]
    assert len(matches) == 20
    assert matches[0] == resident  # Levi before Many..
    assert "Faraway" not in page and "Gone" not in page
    assert "Only the first 20 are shown" in page


# --- detail, edit, delete ----------------------------------------------------------------


def test_detail_shows_everything(coordinator_client, settlement, resident):
    record = factories.MappingRecordFactory(
        settlement=settlement,
        title="Focus group: young families",
        kind="focus_group",
        age_groups=["young_adults"],
        notes="Long talk.",
        findings="Kindergarten hours.",
    )
    record.participants.add(resident)
    need = factories.NeedFactory(settlement=settlement, title="Longer kindergarten hours")
    need.evidence_records.add(record)
    response = coordinator_client.get(reverse("surveys:record_detail", args=[record.pk]))
    page = text(response)
    assert "Focus group: young families" in page and "Young adults" in page
    assert "Long talk." in page and "Kindergarten hours." in page
    assert reverse("residents:detail", args=[resident.pk]) in page
    assert reverse("surveys:need_detail", args=[need.pk]) in page
    assert reverse("surveys:need_create") + f"?record={record.pk}" in page
    assert reverse("surveys:record_edit", args=[record.pk]) in page
    assert reverse("surveys:record_delete", args=[record.pk]) in page


def test_edit_prefills_and_saves(coordinator_client, settlement, resident):
    record = factories.MappingRecordFactory(settlement=settlement, title="Before")
    record.participants.add(resident)
    url = reverse("surveys:record_edit", args=[record.pk])
    page = text(coordinator_client.get(url))
    assert 'value="Before"' in page
    assert re.search(rf'value="{resident.pk}"[^>]*checked', page)
    other = factories.ResidentFactory(settlement=settlement)
    response = coordinator_client.post(
        url, record_post(title="After", participants=[other.pk], participant_count="")
    )
    assert response.status_code == 302
    [saved] = stored(settlement, MappingRecord)
    assert saved.title == "After" and saved.participant_count is None
    with scope(settlement=settlement.pk):
        assert list(saved.participants.all()) == [other]


def test_edit_keeps_a_participant_archived_since(coordinator_client, settlement):
    record = factories.MappingRecordFactory(settlement=settlement)
    archived = factories.ResidentFactory(settlement=settlement, archived_at=factories.FIXED_NOW)
    record.participants.add(archived)
    response = coordinator_client.post(
        reverse("surveys:record_edit", args=[record.pk]), record_post(participants=[archived.pk])
    )
    assert response.status_code == 302


def test_edit_invalid_is_400_and_changes_nothing(coordinator_client, settlement, foreign_resident):
    record = factories.MappingRecordFactory(settlement=settlement, title="Kept")
    response = coordinator_client.post(
        reverse("surveys:record_edit", args=[record.pk]),
        record_post(title="Changed", participants=[foreign_resident.pk]),
    )
    assert response.status_code == 400
    assert stored(settlement, MappingRecord)[0].title == "Kept"


def test_update_without_changes_reports_none(settlement):
    record = factories.MappingRecordFactory(settlement=settlement, title="Same")
    with scope(settlement=settlement.pk):
        assert not services.record_update(record=record, data={"title": "Same"}, participants=[])
        assert services.record_update(record=record, data={"title": "New"})


def test_delete_asks_first_and_keeps_the_needs(coordinator_client, settlement):
    record = factories.MappingRecordFactory(settlement=settlement, title="To go")
    kept = factories.MappingRecordFactory(settlement=settlement, title="Stays")
    need = factories.NeedFactory(settlement=settlement, title="Cited need")
    need.evidence_records.add(record, kept)
    url = reverse("surveys:record_delete", args=[record.pk])
    confirm = coordinator_client.get(url)
    assert confirm.status_code == 200
    assert "Cited need" in text(confirm) and "only their link" in text(confirm).replace(
        "its link", "their link"
    )
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:records")
    assert [r.title for r in stored(settlement, MappingRecord)] == ["Stays"]
    [still] = stored(settlement, Need)
    with scope(settlement=settlement.pk):
        assert list(still.evidence_records.all()) == [kept]


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.BOARD, Role.CHAIR])
def test_records_are_the_coordinators_only(client, settlement, role):
    record = factories.MappingRecordFactory(settlement=settlement)
    client.force_login(factories.member(settlement, role))
    assert client.get(reverse("surveys:records")).status_code == 404
    assert client.get(reverse("surveys:record_detail", args=[record.pk])).status_code == 404
    assert client.post(reverse("surveys:record_delete", args=[record.pk])).status_code == 404
    assert len(stored(settlement, MappingRecord)) == 1


def test_another_settlements_record_is_404(coordinator_client, other_settlement):
    record = factories.MappingRecordFactory(settlement=other_settlement)
    for name in ("record_detail", "record_edit", "record_delete"):
        assert (
            coordinator_client.get(reverse(f"surveys:{name}", args=[record.pk])).status_code == 404
        )
    assert (
        coordinator_client.post(reverse("surveys:record_delete", args=[record.pk])).status_code
        == 404
    )
    assert len(stored(other_settlement, MappingRecord)) == 1
