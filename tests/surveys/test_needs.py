"""The needs register: list, matrix, detail, forms with evidence, and who may do what."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django_scopes import scope

from coordinator.models import Role
from surveys.models import Need, Survey
from surveys.selectors import mapping as selectors
from surveys.services import needs as services
from tests import factories


def text(response) -> str:
    return response.content.decode()


def stored(settlement, model, **filters):
    with scope(settlement=settlement.pk):
        return list(model.objects.filter(**filters))


def need_post(**overrides):
    data = {
        "title": "A weekly coffee morning for seniors",
        "description": "Several seniors live alone.",
        "age_groups": ["seniors"],
        "evidence_note": "The council's figures on lone seniors.",
        "impact": "4",
        "urgency": "5",
        "status": Need.Status.OPEN,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def secretary(settlement):
    return factories.member(settlement, Role.SECRETARY, username="secretary")


@pytest.fixture
def board(settlement):
    return factories.member(settlement, Role.BOARD, username="board")


def running_question(settlement, text="How lonely do you feel?", state=Survey.State.RUNNING):
    survey = factories.SurveyFactory(
        settlement=settlement, state=state, title={"en": "Seniors survey"}
    )
    return factories.QuestionFactory(
        section__survey=survey, section__settlement=settlement, text={"en": text}
    )


# --- list ----------------------------------------------------------------------------------


def test_register_by_priority_with_badges_groups_and_evidence(
    coordinator_client, settlement, coordinator
):
    neighbourhood = factories.NeighbourhoodFactory(settlement=settlement, name="North hill")
    tag = factories.TagFactory(settlement=settlement, name="new families")
    low = factories.NeedFactory(settlement=settlement, title="Bench", impact=2, urgency=2)
    high = factories.NeedFactory(
        settlement=settlement,
        title="Bus to town",
        impact=5,
        urgency=4,
        age_groups=["youth", "seniors"],
        owner=coordinator,
    )
    high.neighbourhoods.add(neighbourhood)
    high.tags.add(tag)
    high.evidence_questions.add(running_question(settlement))
    high.evidence_records.add(factories.MappingRecordFactory(settlement=settlement))
    medium = factories.NeedFactory(settlement=settlement, title="Playground", impact=3, urgency=3)
    factories.NeedFactory(settlement=factories.SettlementFactory(), title="Far need")
    response = coordinator_client.get(reverse("surveys:needs"))
    assert response.status_code == 200
    needs = response.context["needs"]
    assert [n.pk for n in needs] == [high.pk, medium.pk, low.pk]
    assert [n.level_label for n in needs] == ["High", "Medium", "Low"]
    assert (needs[0].question_count, needs[0].record_count) == (1, 1)
    page = text(response)
    assert "Far need" not in page
    assert "High · 20" in page and "Medium · 9" in page and "Low · 4" in page
    for words in ("Youth", "Seniors", "North hill", "new families", "Add a need"):
        assert words in page
    assert coordinator.get_full_name() in page


def test_matrix_counts_each_cell(coordinator_client, settlement):
    factories.NeedFactory(settlement=settlement, impact=5, urgency=4)
    factories.NeedFactory(settlement=settlement, impact=5, urgency=4)
    factories.NeedFactory(settlement=settlement, impact=1, urgency=2)
    factories.NeedFactory(settlement=settlement, impact=1, urgency=1, status=Need.Status.MET)
    matrix = coordinator_client.get(reverse("surveys:needs")).context["matrix"]
    assert [row["impact"] for row in matrix] == [5, 4, 3, 2, 1]
    cell = {(row["impact"], c["urgency"]): c for row in matrix for c in row["cells"]}
    assert cell[(5, 4)]["count"] == 2
    assert cell[(1, 2)]["count"] == 1
    assert cell[(1, 1)]["count"] == 0  # met: not in the default view
    assert sum(c["count"] for c in cell.values()) == 3
    assert cell[(5, 4)]["class"] == "bg-danger-subtle"
    assert cell[(3, 3)]["class"] == "bg-warning-subtle"


def test_status_filter_defaults_to_the_needs_still_to_meet(coordinator_client, settlement):
    for status in Need.Status.values:
        factories.NeedFactory(settlement=settlement, title=f"Need {status}", status=status)
    url = reverse("surveys:needs")
    titles = lambda r: sorted(n.title for n in r.context["needs"])  # noqa: E731
    assert titles(coordinator_client.get(url)) == [
        "Need in_progress",
        "Need open",
        "Need planned",
    ]
    assert len(titles(coordinator_client.get(url, {"status": "all"}))) == 5
    assert titles(coordinator_client.get(url, {"status": "met"})) == ["Need met"]


def test_filters_search_and_sort(coordinator_client, settlement):
    north = factories.NeighbourhoodFactory(settlement=settlement, name="North")
    a = factories.NeedFactory(
        settlement=settlement, title="Alpha", age_groups=["young_adults"], impact=5, urgency=5
    )
    a.neighbourhoods.add(north)
    factories.NeedFactory(
        settlement=settlement,
        title="Beta",
        age_groups=["adults"],
        description="A CLUB for adults",
        impact=2,
        urgency=5,
    )
    factories.NeedFactory(settlement=settlement, title="Gamma", impact=1, urgency=1)
    url = reverse("surveys:needs")
    titles = lambda r: [n.title for n in r.context["needs"]]  # noqa: E731
    assert titles(coordinator_client.get(url, {"age_group": "adults"})) == ["Beta"]
    assert titles(coordinator_client.get(url, {"age_group": "young_adults"})) == ["Alpha"]
    assert titles(coordinator_client.get(url, {"neighbourhood": north.pk})) == ["Alpha"]
    assert titles(coordinator_client.get(url, {"level": "high"})) == ["Alpha"]
    assert titles(coordinator_client.get(url, {"level": "medium"})) == ["Beta"]
    assert titles(coordinator_client.get(url, {"level": "low"})) == ["Gamma"]
    assert titles(coordinator_client.get(url, {"q": "club"})) == ["Beta"]
    assert titles(coordinator_client.get(url, {"sort": "title"})) == ["Alpha", "Beta", "Gamma"]
    assert titles(coordinator_client.get(url, {"sort": "newest"})) == ["Gamma", "Beta", "Alpha"]
    empty = coordinator_client.get(url, {"q": "zebra"})
    assert "No need matches these filters." in text(empty)
    # Another settlement's neighbourhood is not a filter here: it is dropped.
    far = factories.NeighbourhoodFactory(settlement=factories.SettlementFactory())
    assert len(titles(coordinator_client.get(url, {"neighbourhood": far.pk}))) == 3


def test_register_paginates_and_swaps_with_htmx(coordinator_client, settlement):
    for n in range(30):
        factories.NeedFactory(settlement=settlement, title=f"Need {n:02}")
    url = reverse("surveys:needs")
    first = coordinator_client.get(url, {"sort": "title"})
    assert len(first.context["needs"]) == 25
    assert "Page 1 of 2" in text(first)
    assert "sort=title&amp;page=2" in text(first)
    second = coordinator_client.get(url, {"sort": "title", "page": 2})
    assert [n.title for n in second.context["needs"]] == [f"Need {n}" for n in range(25, 30)]
    partial = coordinator_client.get(url, headers={"HX-Request": "true"})
    assert "<html" not in text(partial) and "Priority matrix" in text(partial)


def test_empty_register(coordinator_client, settlement):
    page = text(coordinator_client.get(reverse("surveys:needs")))
    assert "The register has no needs still to be met." in page
    assert reverse("surveys:need_create") in page


@pytest.mark.parametrize("role", [Role.SECRETARY, Role.BOARD])
def test_secretary_and_board_read_only(client, settlement, role):
    need = factories.NeedFactory(settlement=settlement, title="Readable need")
    record = factories.MappingRecordFactory(settlement=settlement, title="A meeting")
    question = running_question(settlement)
    need.evidence_records.add(record)
    need.evidence_questions.add(question)
    client.force_login(factories.member(settlement, role))
    listing = client.get(reverse("surveys:needs"))
    assert listing.status_code == 200
    assert "Readable need" in text(listing)
    assert reverse("surveys:need_create") not in text(listing)
    detail = client.get(reverse("surveys:need_detail", args=[need.pk]))
    assert detail.status_code == 200
    page = text(detail)
    assert reverse("surveys:need_edit", args=[need.pk]) not in page
    assert reverse("surveys:need_delete", args=[need.pk]) not in page
    # The evidence is named, but the pages behind it are the coordinator's.
    assert "A meeting" in page and "How lonely do you feel?" in page
    assert reverse("surveys:record_detail", args=[record.pk]) not in page
    assert reverse("surveys:results", args=[question.survey_id]) not in page
    for url in (
        reverse("surveys:need_create"),
        reverse("surveys:need_edit", args=[need.pk]),
        reverse("surveys:need_delete", args=[need.pk]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, need_post()).status_code == 404
    assert [n.title for n in stored(settlement, Need)] == ["Readable need"]


def test_chair_does_not_see_the_register(client, settlement):
    client.force_login(factories.member(settlement, Role.CHAIR))
    assert client.get(reverse("surveys:needs")).status_code == 404


# --- detail --------------------------------------------------------------------------------


def test_detail_explains_priority_and_links_evidence(coordinator_client, settlement, coordinator):
    question = running_question(settlement)
    record = factories.MappingRecordFactory(settlement=settlement, title="Coffee talk")
    need = factories.NeedFactory(
        settlement=settlement,
        title="Company for lone seniors",
        impact=4,
        urgency=5,
        owner=coordinator,
        status=Need.Status.PLANNED,
        evidence_note="Letters.",
    )
    need.evidence_questions.add(question)
    need.evidence_records.add(record)
    response = coordinator_client.get(reverse("surveys:need_detail", args=[need.pk]))
    page = text(response)
    assert "Impact 4 × urgency 5 = 20: high." in page
    assert "In the plan" in page and "Letters." in page
    results = reverse("surveys:results", args=[question.survey_id]) + f"#question-{question.pk}"
    assert results in page
    assert reverse("surveys:record_detail", args=[record.pk]) in page
    assert reverse("surveys:need_edit", args=[need.pk]) in page
    assert coordinator.get_full_name() in page


def test_another_settlements_need_is_404(coordinator_client, other_settlement):
    need = factories.NeedFactory(settlement=other_settlement)
    for name in ("need_detail", "need_edit", "need_delete"):
        assert coordinator_client.get(reverse(f"surveys:{name}", args=[need.pk])).status_code == 404
    assert (
        coordinator_client.post(reverse("surveys:need_delete", args=[need.pk])).status_code == 404
    )
    assert len(stored(other_settlement, Need)) == 1


# --- create and edit -----------------------------------------------------------------------


def test_create_with_groups_evidence_and_owner(coordinator_client, settlement, secretary):
    neighbourhood = factories.NeighbourhoodFactory(settlement=settlement)
    tag = factories.TagFactory(settlement=settlement)
    question = running_question(settlement)
    record = factories.MappingRecordFactory(settlement=settlement)
    response = coordinator_client.post(
        reverse("surveys:need_create"),
        need_post(
            neighbourhoods=[neighbourhood.pk],
            tags=[tag.pk],
            evidence_questions=[question.pk],
            evidence_records=[record.pk],
            owner=secretary.pk,
            age_groups=["seniors", "youth"],
        ),
    )
    [need] = stored(settlement, Need)
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:need_detail", args=[need.pk])
    assert need.priority == 20
    assert need.owner == secretary
    assert need.age_groups == ["youth", "seniors"]  # in the groups' order
    assert need.created_at == need.updated_at == factories.FIXED_NOW
    with scope(settlement=settlement.pk):
        assert list(need.neighbourhoods.all()) == [neighbourhood]
        assert list(need.tags.all()) == [tag]
        assert list(need.evidence_questions.all()) == [question]
        assert list(need.evidence_records.all()) == [record]


def test_form_offers_questions_grouped_by_survey_and_only_fitting_owners(
    coordinator_client, settlement, secretary, board
):
    running = running_question(settlement, text="Running question")
    closed = running_question(settlement, text="Closed question", state=Survey.State.CLOSED)
    draft = running_question(settlement, text="Draft question", state=Survey.State.DRAFT)
    social_worker = factories.member(settlement, Role.SOCIAL_WORKER, first_name="Social")
    far_coordinator = factories.member(factories.SettlementFactory(), Role.COORDINATOR)
    page = text(coordinator_client.get(reverse("surveys:need_create")))
    questions = re.search(r'<select name="evidence_questions".*?</select>', page, re.S).group()
    assert questions.count('<optgroup label="Seniors survey">') == 2  # two surveys of that name
    assert f'value="{running.pk}"' in questions and f'value="{closed.pk}"' in questions
    assert "Draft question" not in page and f'value="{draft.pk}"' not in questions
    assert f'<option value="{secretary.pk}"' in page and f'<option value="{board.pk}"' in page
    assert f'<option value="{social_worker.pk}"' not in page
    assert f'<option value="{far_coordinator.pk}"' not in page
    assert "Now: waiting does harm" in page  # the levels are described


def test_empty_post_is_400(coordinator_client, settlement):
    response = coordinator_client.post(reverse("surveys:need_create"), {})
    assert response.status_code == 400
    assert "This field is required." in text(response)
    assert stored(settlement, Need) == []


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"impact": "6"}, "Select a valid choice."),
        ({"urgency": "0"}, "Select a valid choice."),
        ({"status": "done"}, "Select a valid choice."),
        ({"title": " "}, "This field is required."),
        ({"evidence_questions": ["abc"]}, "Choose from the list."),
    ],
)
def test_bad_input_is_400(coordinator_client, settlement, overrides, message):
    response = coordinator_client.post(reverse("surveys:need_create"), need_post(**overrides))
    assert response.status_code == 400
    assert message in text(response)
    assert stored(settlement, Need) == []


def test_a_draft_surveys_question_is_refused(coordinator_client, settlement):
    draft = running_question(settlement, state=Survey.State.DRAFT)
    response = coordinator_client.post(
        reverse("surveys:need_create"), need_post(evidence_questions=[draft.pk])
    )
    assert response.status_code == 400
    assert stored(settlement, Need) == []


@pytest.mark.parametrize(
    "field", ["neighbourhoods", "tags", "evidence_questions", "evidence_records", "owner"]
)
def test_another_settlements_ids_are_refused(coordinator_client, settlement, field):
    far = factories.SettlementFactory()
    foreign = {
        "neighbourhoods": lambda: factories.NeighbourhoodFactory(settlement=far),
        "tags": lambda: factories.TagFactory(settlement=far),
        "evidence_questions": lambda: running_question(far, text="Far question"),
        "evidence_records": lambda: factories.MappingRecordFactory(settlement=far),
        "owner": lambda: factories.member(far, Role.COORDINATOR),
    }[field]()
    response = coordinator_client.post(
        reverse("surveys:need_create"), need_post(**{field: [foreign.pk]})
    )
    assert response.status_code == 400
    assert "Far question" not in text(response)
    assert stored(settlement, Need) == []
    assert stored(far, Need) == []


def test_the_service_refuses_foreign_links(settlement, other_settlement):
    tag = factories.TagFactory(settlement=other_settlement)
    with pytest.raises(ValueError), scope(settlement=settlement.pk):
        services.need_create(
            settlement=settlement,
            data={"title": "x", "impact": 1, "urgency": 1},
            links={"tags": [tag]},
        )
    assert stored(settlement, Need) == []


def test_prefill_from_a_question(coordinator_client, settlement):
    question = running_question(settlement, text="Is there enough for   teenagers to do?")
    response = coordinator_client.get(reverse("surveys:need_create"), {"question": question.pk})
    form = response.context["form"]
    assert form.initial["evidence_questions"] == [question.pk]
    assert form.initial["title"] == "Is there enough for teenagers to do?"
    assert re.search(rf'<option value="{question.pk}" selected>', text(response))


def test_prefill_from_a_record(coordinator_client, settlement):
    record = factories.MappingRecordFactory(settlement=settlement, age_groups=["youth"])
    response = coordinator_client.get(reverse("surveys:need_create"), {"record": record.pk})
    form = response.context["form"]
    assert form.initial["evidence_records"] == [record.pk]
    assert form.initial["age_groups"] == ["youth"]


@pytest.mark.parametrize("value", ["foreign", "999999", "abc", "-3", "99999999999999999999999"])
def test_prefill_ignores_what_is_not_the_settlements(coordinator_client, other_settlement, value):
    question = running_question(other_settlement, text="ZZ far question")
    record = factories.MappingRecordFactory(settlement=other_settlement, title="ZZ far record")
    params = (
        {"question": question.pk, "record": record.pk}
        if value == "foreign"
        else {"question": value, "record": value}
    )
    response = coordinator_client.get(reverse("surveys:need_create"), params)
    assert response.status_code == 200
    assert "ZZ far" not in text(response)
    assert "evidence_questions" not in response.context["form"].initial


def test_edit_prefills_saves_and_marks_updated(coordinator_client, settlement, fixed_clock):
    tag = factories.TagFactory(settlement=settlement)
    need = factories.NeedFactory(settlement=settlement, title="Old title", impact=1, urgency=1)
    need.tags.add(tag)
    neighbourhood = factories.NeighbourhoodFactory(settlement=settlement)
    question = running_question(settlement)
    records = factories.MappingRecordFactory.create_batch(2, settlement=settlement)
    need.neighbourhoods.add(neighbourhood)
    need.evidence_questions.add(question)
    need.evidence_records.add(*records)
    url = reverse("surveys:need_edit", args=[need.pk])
    response = coordinator_client.get(url)
    initial = response.context["form"].initial
    assert (initial["tags"], initial["neighbourhoods"]) == ([tag.pk], [neighbourhood.pk])
    assert initial["evidence_questions"] == [question.pk]
    assert initial["evidence_records"] == sorted(r.pk for r in records)
    page = text(response)
    assert 'value="Old title"' in page
    assert re.search(rf'value="{tag.pk}"[^>]*checked', page)
    later = factories.FIXED_NOW + dt.timedelta(minutes=5)  # within the session's idle limit
    fixed_clock.set_now(later)
    response = coordinator_client.post(url, need_post(title="New title", status="in_progress"))
    assert response.status_code == 302
    [saved] = stored(settlement, Need)
    assert (saved.title, saved.priority, saved.status) == ("New title", 20, "in_progress")
    assert saved.updated_at == later and saved.created_at == factories.FIXED_NOW
    with scope(settlement=settlement.pk):
        assert list(saved.tags.all()) == []


def test_update_without_changes_keeps_the_time(settlement, fixed_clock):
    need = factories.NeedFactory(settlement=settlement, title="Same")
    fixed_clock.set_now(factories.FIXED_NOW + dt.timedelta(days=1))
    with scope(settlement=settlement.pk):
        assert not services.need_update(need=need, data={"title": "Same"}, links={"tags": []})
    assert stored(settlement, Need)[0].updated_at == factories.FIXED_NOW


def test_edit_keeps_an_owner_who_left_and_a_question_cited_before(coordinator_client, settlement):
    former = factories.UserFactory(first_name="Former")  # no role in the settlement any more
    question = running_question(settlement)
    need = factories.NeedFactory(settlement=settlement, owner=former)
    need.evidence_questions.add(question)
    response = coordinator_client.post(
        reverse("surveys:need_edit", args=[need.pk]),
        need_post(owner=former.pk, evidence_questions=[question.pk]),
    )
    assert response.status_code == 302


def test_edit_invalid_changes_nothing(coordinator_client, settlement):
    need = factories.NeedFactory(settlement=settlement, title="Kept")
    response = coordinator_client.post(
        reverse("surveys:need_edit", args=[need.pk]), need_post(title="Changed", impact="9")
    )
    assert response.status_code == 400
    assert stored(settlement, Need)[0].title == "Kept"


def test_delete_asks_first(coordinator_client, settlement):
    record = factories.MappingRecordFactory(settlement=settlement)
    need = factories.NeedFactory(settlement=settlement, title="To delete")
    need.evidence_records.add(record)
    url = reverse("surveys:need_delete", args=[need.pk])
    assert "To delete" in text(coordinator_client.get(url))
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:needs")
    assert stored(settlement, Need) == []
    assert len(stored(settlement, type(record))) == 1  # the evidence stays


def test_priority_levels():
    assert [selectors.priority_level(p) for p in (1, 7, 8, 14, 15, 25)] == [
        "low",
        "low",
        "medium",
        "medium",
        "high",
        "high",
    ]
