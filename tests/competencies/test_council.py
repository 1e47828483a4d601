"""The council's competency pages: the model and its versions, the table of evidence, the
self-assessments a staff member mentors, and the aggregates (over three or more only)."""

import datetime as dt

import pytest
from django.urls import reverse

from competencies import services_council
from competencies.model_data import DEFAULT_EVIDENCE
from competencies.models import Competency, Cycle, EvidenceRule, Framework
from competencies.selectors import current_framework
from competencies.selectors_council import council_aggregates
from coordinator.models import Role
from tests import factories

FRAMEWORK = reverse("competencies:framework")
RULES = reverse("competencies:evidence_rules")
MENTORING = reverse("competencies:mentoring")
COUNCIL = reverse("competencies:council")


@pytest.fixture
def council(settlement):
    return settlement.council


@pytest.fixture
def staff_client(client, council_staff):
    client.force_login(council_staff)
    return client


def body(response) -> str:
    return response.content.decode()


# --- the model and its versions ----------------------------------------------------------


def test_a_coordinator_reads_the_model_in_their_language_with_the_original(coordinator_client):
    response = coordinator_client.get(FRAMEWORK)
    assert response.status_code == 200
    page = body(response)
    assert "Knows and uses approaches for recognising the community&#x27;s needs." in page
    assert "Pozna in uporablja pristope, s katerimi prepoznava potrebe skupnosti." in page
    assert "Add a competency of our own" not in page
    assert "the model as it is" in page


def test_in_slovenian_the_original_is_not_repeated(coordinator_client):
    page = body(coordinator_client.get(FRAMEWORK, HTTP_ACCEPT_LANGUAGE="sl"))
    assert 'lang="sl"' in page
    assert page.count("Pozna in uporablja pristope, s katerimi prepoznava") == 1
    assert "Knows and uses approaches for recognising" not in page


def test_in_hebrew_the_slovenian_original_goes_with_the_hebrew(coordinator_client):
    page = body(coordinator_client.get(FRAMEWORK, HTTP_ACCEPT_LANGUAGE="he"))
    assert "מכיר ומשתמש בגישות לזיהוי צורכי הקהילה." in page
    assert "Pozna in uporablja pristope, s katerimi prepoznava potrebe skupnosti." in page


def test_a_coordinator_cannot_add_a_competency(coordinator_client, council):
    response = coordinator_client.post(FRAMEWORK, {"area": 2, "text_en": "Mine"})
    assert response.status_code == 404
    assert not Framework.objects.filter(council=council).exists()


def test_staff_see_the_form(staff_client):
    response = staff_client.get(FRAMEWORK)
    assert response.status_code == 200
    assert "Add a competency of our own" in body(response)


def test_adding_a_competency_makes_a_new_version_and_old_cycles_keep_theirs(
    staff_client, council, coordinator
):
    old_cycle = factories.CycleFactory(owner=coordinator)
    base = factories.base_framework()

    response = staff_client.post(FRAMEWORK, {"area": "2", "text_en": "Runs a good meeting"})

    assert response.status_code == 302
    new = Framework.objects.get(council=council)
    assert (new.version, new.based_on) == (2, base)
    keys = list(
        Competency.objects.filter(area__framework=new)
        .order_by("area__number", "number")
        .values_list("key", flat=True)
    )
    assert len(keys) == 29
    added = Competency.objects.get(area__framework=new, key="2.8")
    assert (added.area.number, added.number, added.text) == (2, 8, {"en": "Runs a good meeting"})
    assert Competency.objects.filter(area__framework=base).count() == 28
    old_cycle.refresh_from_db()
    assert old_cycle.framework == base
    assert current_framework(council) == new


def test_the_coordinator_of_the_council_then_reads_the_new_version(
    staff_client, coordinator_client, council
):
    services_council.framework_competency_add(
        council=council, area_number=5, texts={"en": "Keeps the archive", "sl": ""}
    )
    page = body(coordinator_client.get(FRAMEWORK))
    assert "Keeps the archive" in page
    assert "5.9" in page
    assert "Your council's own version." in page


def test_a_second_competency_builds_on_the_councils_version(council):
    first = services_council.framework_competency_add(
        council=council, area_number=2, texts={"en": "One"}
    )
    second = services_council.framework_competency_add(
        council=council, area_number=2, texts={"sl": "Dve"}
    )
    assert (first.key, second.key) == ("2.8", "2.9")
    latest = current_framework(council)
    assert latest.version == 3
    assert latest.based_on == first.area.framework
    assert Competency.objects.filter(area__framework=latest).count() == 30
    assert second.text == {"sl": "Dve"}


def test_another_councils_version_is_not_ours(council):
    other = factories.CouncilFactory()
    services_council.framework_competency_add(council=other, area_number=1, texts={"en": "X"})
    assert current_framework(council) == factories.base_framework()


@pytest.mark.parametrize(
    "data",
    [{}, {"area": "2"}, {"area": "2", "text_en": "   "}, {"area": "9", "text_en": "Too far"}],
)
def test_an_invalid_competency_is_refused(staff_client, council, data):
    response = staff_client.post(FRAMEWORK, data)
    assert response.status_code == 400
    assert "Nothing was saved." in body(response)
    assert not Framework.objects.filter(council=council).exists()


def test_the_service_wants_text_in_one_language(council):
    with pytest.raises(services_council.CouncilCompetencyError):
        services_council.framework_competency_add(
            council=council, area_number=1, texts={"en": " ", "sl": ""}
        )
    assert not Framework.objects.filter(council=council).exists()


# --- the table of evidence -----------------------------------------------------------------


def test_staff_see_the_default_table(staff_client):
    response = staff_client.get(RULES)
    assert response.status_code == 200
    page = body(response)
    assert "Survey sent" in page
    assert "uses the default table" in page


def test_a_coordinator_cannot_reach_the_table(coordinator_client):
    assert coordinator_client.get(RULES).status_code == 404
    assert coordinator_client.post(RULES, {"source": "surveys.survey_sent"}).status_code == 404


def test_the_first_change_copies_the_defaults_then_adds(staff_client, council):
    response = staff_client.post(RULES, {"source": "surveys.survey_sent", "competency_key": "3.1"})
    assert response.status_code == 302
    own = set(EvidenceRule.objects.filter(council=council).values_list("source", "competency_key"))
    assert own == {*DEFAULT_EVIDENCE, ("surveys.survey_sent", "3.1")}
    assert EvidenceRule.objects.filter(council=None).count() == len(DEFAULT_EVIDENCE)
    assert "uses the default table" not in body(staff_client.get(RULES))


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"source": "surveys.survey_sent"},
        {"source": "nothing.at_all", "competency_key": "2.2"},
        {"source": "surveys.survey_sent", "competency_key": "9.9"},
        {"source": "surveys.survey_sent", "competency_key": "2.2"},  # already there
        {"remove": "abc"},
    ],
)
def test_an_invalid_row_is_refused(staff_client, council, data):
    response = staff_client.post(RULES, data)
    assert response.status_code == 400
    assert "Nothing was saved." in body(response)
    assert not EvidenceRule.objects.filter(council=council).exists()


def test_removing_a_default_row_copies_the_defaults_without_it(staff_client, council):
    default = EvidenceRule.objects.get(council=None, source="surveys.survey_sent")
    response = staff_client.post(RULES, {"remove": default.pk})
    assert response.status_code == 302
    own = set(EvidenceRule.objects.filter(council=council).values_list("source", "competency_key"))
    assert own == set(DEFAULT_EVIDENCE) - {("surveys.survey_sent", "2.2")}
    assert EvidenceRule.objects.filter(pk=default.pk).exists()


def test_removing_an_own_row(staff_client, council):
    services_council.evidence_rule_add(
        council=council, source="surveys.survey_sent", competency_key="3.1"
    )
    row = EvidenceRule.objects.get(
        council=council, source="surveys.survey_sent", competency_key="3.1"
    )
    assert staff_client.post(RULES, {"remove": row.pk}).status_code == 302
    assert not EvidenceRule.objects.filter(pk=row.pk).exists()


def test_another_councils_row_is_404(staff_client, council):
    other = factories.CouncilFactory()
    services_council.evidence_rule_add(
        council=other, source="surveys.survey_sent", competency_key="3.1"
    )
    theirs = EvidenceRule.objects.get(
        council=other, source="surveys.survey_sent", competency_key="3.1"
    )
    services_council.evidence_rule_add(
        council=council, source="surveys.survey_sent", competency_key="3.2"
    )
    assert staff_client.post(RULES, {"remove": theirs.pk}).status_code == 404
    assert EvidenceRule.objects.filter(pk=theirs.pk).exists()


def test_a_default_row_is_404_once_the_council_has_its_own(staff_client, council):
    services_council.evidence_rule_add(
        council=council, source="surveys.survey_sent", competency_key="3.1"
    )
    default = EvidenceRule.objects.get(council=None, source="surveys.survey_sent")
    assert staff_client.post(RULES, {"remove": default.pk}).status_code == 404


def test_the_last_row_stays(staff_client, council):
    EvidenceRule.objects.create(council=council, source="events.event_held", competency_key="1.1")
    row = EvidenceRule.objects.get(council=council)
    response = staff_client.post(RULES, {"remove": row.pk})
    assert response.status_code == 400
    assert "at least one row" in body(response)
    assert EvidenceRule.objects.filter(pk=row.pk).exists()


# --- mentoring -----------------------------------------------------------------------------


def test_staff_see_the_self_assessments_they_mentor(staff_client, council_staff, coordinator):
    coordinator.first_name, coordinator.last_name = "Maja", "Novak"
    coordinator.save()
    cycle = factories.CycleFactory(owner=coordinator, mentor=council_staff, title="My year")
    factories.RatingFactory(cycle=cycle, competency=factories.competency("1.1"), level=2)
    factories.RatingFactory(cycle=cycle, competency=factories.competency("1.2"), level=None)
    factories.CycleFactory(
        owner=coordinator,
        title="Mentored by someone else",
        mentor=factories.council_staff(council_staff.memberships.get().council),
    )
    factories.CycleFactory(owner=coordinator, title="Without a mentor")

    response = staff_client.get(MENTORING)

    assert response.status_code == 200
    page = body(response)
    assert "Maja Novak" in page
    assert "My year" in page
    assert reverse("competencies:cycle_mentor", args=[cycle.pk]) in page
    assert '<td class="text-end">1</td>' in page
    assert "Mentored by someone else" not in page
    assert "Without a mentor" not in page


def test_mentoring_empty(staff_client):
    response = staff_client.get(MENTORING)
    assert response.status_code == 200
    assert "No coordinator has chosen you as their mentor yet." in body(response)


def test_a_coordinator_has_no_mentoring_page(coordinator_client):
    assert coordinator_client.get(MENTORING).status_code == 404


# --- the aggregates ----------------------------------------------------------------------------


def assessed(settlement, levels, status=Cycle.Status.COMPLETED, **kwargs):
    """A coordinator of ``settlement`` with a self-assessment rated ``levels`` by key."""
    owner = kwargs.pop("owner", None) or factories.member(settlement, Role.COORDINATOR)
    cycle = factories.CycleFactory(owner=owner, status=status, **kwargs)
    for key, level in levels.items():
        factories.RatingFactory(cycle=cycle, competency=factories.competency(key), level=level)
    return owner


def aggregates(council):
    rows, areas = council_aggregates(council, current_framework(council), "en")
    return {row.key: row for row in rows}, {area.number: area for area in areas}, rows


def test_two_coordinators_are_too_few_to_show(settlement, council):
    assessed(settlement, {"2.2": 1})
    assessed(settlement, {"2.2": 2})
    by_key, by_area, _rows = aggregates(council)
    assert by_key["2.2"].average is None
    assert by_key["2.2"].rated == 2
    assert by_area[2].average is None


def test_three_coordinators_show_the_average(settlement, council):
    assessed(settlement, {"2.2": 1, "1.1": 4})
    assessed(settlement, {"2.2": 2, "1.1": 4})
    assessed(factories.SettlementFactory(council=council), {"2.2": 3, "1.1": 3})
    by_key, by_area, rows = aggregates(council)
    assert by_key["2.2"].average == pytest.approx(2.0)
    assert by_key["2.2"].rated == 3
    assert by_key["1.1"].average == pytest.approx(11 / 3)
    assert [row.key for row in rows[:2]] == ["2.2", "1.1"]  # weakest first
    assert by_area[1].average == pytest.approx(11 / 3)
    assert by_area[1].width == 90


def test_only_the_latest_completed_cycle_of_each_coordinator_counts(settlement, council):
    first = assessed(
        settlement, {"2.2": 4}, starts_on=dt.date(2025, 1, 1), ends_on=dt.date(2025, 12, 31)
    )
    assessed(settlement, {"2.2": 1}, owner=first)
    assessed(
        settlement,
        {"2.2": 4},
        status=Cycle.Status.OPEN,
        owner=first,
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2027, 5, 31),
    )
    assessed(settlement, {"2.2": 1})
    assessed(settlement, {"2.2": 1})
    by_key, _areas, _rows = aggregates(council)
    assert by_key["2.2"].average == pytest.approx(1.0)
    assert by_key["2.2"].rated == 3


def test_coordinators_of_other_councils_do_not_count(settlement, council, other_settlement):
    assessed(settlement, {"2.2": 1})
    assessed(settlement, {"2.2": 1})
    assessed(other_settlement, {"2.2": 4})
    by_key, _areas, _rows = aggregates(council)
    assert by_key["2.2"].average is None


def test_the_page_shows_numbers_for_three_and_no_names(staff_client, settlement, council):
    names = []
    for level in (1, 2, 3):
        owner = assessed(settlement, {"2.2": level, "3.1": 2})
        names.append(owner.username)
    assessed(settlement, {"5.8": 1}, status=Cycle.Status.OPEN)
    response = staff_client.get(COUNCIL)
    assert response.status_code == 200
    page = body(response)
    assert "2.0" in page
    assert "Too few to show" in page
    for name in names:
        assert name not in page
    assert 'class="w-50"' in page


def test_the_page_hides_numbers_of_two(staff_client, settlement):
    assessed(settlement, {"2.2": 1})
    assessed(settlement, {"2.2": 3})
    page = body(staff_client.get(COUNCIL))
    assert "Not enough completed self-assessments yet" in page
    assert "2.0" not in page
    assert 'class="w-' not in page.split('id="areas-title"')[1].split("</section>")[0]


def test_a_coordinator_has_no_council_page(coordinator_client):
    assert coordinator_client.get(COUNCIL).status_code == 404


def test_the_service_refuses_an_unknown_kind_of_work(council):
    with pytest.raises(services_council.CouncilCompetencyError):
        services_council.evidence_rule_add(council=council, source="x.y", competency_key="1.1")
    assert not EvidenceRule.objects.filter(council=council).exists()


# --- navigation ------------------------------------------------------------------------------


def test_the_navigation_leads_coordinators_and_staff_to_their_pages(
    client, coordinator, council_staff
):
    client.force_login(coordinator)
    page = body(client.get(FRAMEWORK))
    assert f'href="{reverse("competencies:home")}"' in page
    assert f'href="{COUNCIL}"' not in page
    client.force_login(council_staff)
    page = body(client.get(FRAMEWORK))
    assert f'href="{COUNCIL}"' in page
    assert f'href="{reverse("competencies:home")}"' not in page
