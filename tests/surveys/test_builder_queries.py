"""Exact query counts of the builder's pages, at two data sizes.

The list runs the same queries for 2 surveys as for 40 (two pages); the builder page the
same for 2 questions as for 30, whatever their options and conditions. Every request
also pays the fixed overhead of the session, the user and their memberships (3 queries).
"""

import pytest
from django.urls import reverse

from surveys.models import Question, Survey
from tests import factories

MAX_QUERIES = 12
K = Question.Kind

# Session, user, memberships (the middleware), then the page's own queries.
LIST = 5  # + the count and the page of surveys
DETAIL = 7  # + the survey, its sections, their questions and the questions' options
QUESTION_FORM = 7  # + the question or section (with its survey), the survey's structure


def surveys(settlement, size):
    states = list(Survey.State.values)
    for n in range(size):
        factories.SurveyFactory(
            settlement=settlement,
            title={"en": f"Poll {n}", "he": f"סקר {n}"},
            languages=["he", "en"],
            state=states[n % 3],
            invitation_count=n,
            answer_count=n // 2,
        )


def survey_with(settlement, questions):
    """``questions`` questions over sections of five, every third with options, and each
    question after the first few depending on an earlier yes/no or choice answer."""
    survey = factories.SurveyFactory(settlement=settlement, languages=["en", "sl"])
    sections = [
        factories.SectionFactory(survey=survey, position=n, title={"en": f"Part {n}"})
        for n in range(max(1, questions // 5))
    ]
    made = []
    for n in range(questions):
        kind = [K.YES_NO, K.SINGLE, K.MULTIPLE, K.NUMBER, K.RATING][n % 5]
        condition = made[n - 2] if n >= 2 and made[n - 2].kind in (K.YES_NO, K.SINGLE) else None
        question = factories.QuestionFactory(
            section=sections[n % len(sections)],
            kind=kind,
            position=n,
            text={"en": f"Question {n}", "sl": f"Vprašanje {n}"},
            condition_question=condition,
        )
        if kind in (K.SINGLE, K.MULTIPLE):
            options = [
                factories.OptionFactory(question=question, label={"en": f"O{m}", "sl": f"M{m}"})
                for m in range(4)
            ]
            question.options_made = options
        made.append(question)
    for question in made:
        condition = question.condition_question
        if condition is not None:
            question.condition_value = (
                "yes" if condition.kind == K.YES_NO else str(condition.options_made[0].pk)
            )
            question.save()
    return survey, made[-1]


@pytest.mark.parametrize("size", [2, 40])
@pytest.mark.parametrize(
    "params",
    [{}, {"q": "poll"}, {"state": "running"}, {"q": "סקר", "state": "draft"}, {"page": 2}],
)
def test_list_query_count(coordinator_client, settlement, django_assert_num_queries, size, params):
    surveys(settlement, size)
    factories.SurveyFactory.create_batch(3)  # other settlements: never read
    assert LIST <= MAX_QUERIES
    with django_assert_num_queries(LIST):
        response = coordinator_client.get(reverse("surveys:list"), params)
    assert response.status_code == 200
    if size == 40 and not params:
        assert response.context["page"].paginator.num_pages == 2


@pytest.mark.parametrize("size", [2, 40])
def test_list_htmx_query_count(coordinator_client, settlement, django_assert_num_queries, size):
    surveys(settlement, size)
    with django_assert_num_queries(LIST):
        response = coordinator_client.get(
            reverse("surveys:list"), {"q": "poll"}, headers={"HX-Request": "true"}
        )
    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 30])
def test_detail_query_count(coordinator_client, settlement, django_assert_num_queries, size):
    survey, _last = survey_with(settlement, size)
    assert DETAIL <= MAX_QUERIES
    with django_assert_num_queries(DETAIL):
        response = coordinator_client.get(reverse("surveys:detail", kwargs={"pk": survey.pk}))
    assert len(response.context["structure"].questions) == size
    if size == 30:
        assert sum(1 for row in response.context["structure"].questions if row.condition) > 5


@pytest.mark.parametrize("size", [2, 30])
def test_question_form_query_count(coordinator_client, settlement, django_assert_num_queries, size):
    survey, last = survey_with(settlement, size)
    assert QUESTION_FORM <= MAX_QUERIES
    with django_assert_num_queries(QUESTION_FORM):
        response = coordinator_client.get(reverse("surveys:question_edit", kwargs={"pk": last.pk}))
    assert response.status_code == 200
    with django_assert_num_queries(QUESTION_FORM):
        response = coordinator_client.get(
            reverse("surveys:question_add", kwargs={"pk": last.section_id})
        )
    assert response.status_code == 200
