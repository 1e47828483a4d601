"""Exact query counts of the results pages, at two sizes: 3 questions × 5 answers and
20 questions × 200 answers. A count that grows with the data is an N+1 bug.

Every request also pays the fixed overhead of the stack (the session, the user and the
memberships read by the middleware), as in tests/coordinator/test_queries.py.
"""

import datetime as dt
import itertools

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from surveys.models import Answer, Question, Response, ResponseAuthor, Survey
from tests import factories

MAX_QUERIES = 12
KINDS = [
    Question.Kind.SINGLE,
    Question.Kind.MULTIPLE,
    Question.Kind.RATING,
    Question.Kind.NUMBER,
    Question.Kind.SHORT_TEXT,
    Question.Kind.LONG_TEXT,
    Question.Kind.RANKING,
    Question.Kind.YES_NO,
]


def populate(settlement, *, questions, answers, anonymous):
    """A survey of ``questions`` questions (every kind in turn, in two sections) and
    ``answers`` responses answering each of them; named: each by a resident of one of
    three neighbourhoods."""
    survey = factories.SurveyFactory(
        settlement=settlement,
        state=Survey.State.RUNNING,
        anonymous=anonymous,
        invitation_count=answers * 2,
    )
    sections = [factories.SectionFactory(survey=survey, position=n) for n in range(2)]
    made = []
    for n in range(questions):
        question = factories.QuestionFactory(
            section=sections[n % 2], position=n, kind=KINDS[n % len(KINDS)]
        )
        options = []
        if question.kind in Question.CHOICE_KINDS:
            options = [factories.OptionFactory(question=question) for _ in range(3)]
        made.append((question, options))
    neighbourhoods = factories.NeighbourhoodFactory.create_batch(3, settlement=settlement)
    residents = [
        factories.ResidentFactory(
            settlement=settlement,
            neighbourhood=neighbourhoods[n % 3],
            birth_date=dt.date(1950 + n * 7, 1, 1),
        )
        for n in range(min(answers, 9))
    ]
    responses, rows, authors = [], [], []
    for n in range(answers):
        response = Response(settlement=settlement, survey=survey, language="en", via="personal")
        responses.append(response)
        if not anonymous:
            authors.append(
                ResponseAuthor(
                    settlement=settlement,
                    response=response,
                    resident=residents[n % len(residents)],
                    submitted_at=factories.FIXED_NOW - dt.timedelta(days=n % 4),
                )
            )
        for question, options in made:
            base = {"settlement": settlement, "response": response, "question": question}
            kind = question.kind
            if kind == Question.Kind.SINGLE:
                rows.append(Answer(**base, option=options[n % 3]))
            elif kind == Question.Kind.MULTIPLE:
                rows += [Answer(**base, option=o) for o in options[: n % 3 + 1]]
            elif kind == Question.Kind.RANKING:
                order = list(itertools.permutations(range(1, 4)))[n % 6]
                rows += [
                    Answer(**base, option=o, rank=r) for o, r in zip(options, order, strict=True)
                ]
            elif kind in (Question.Kind.RATING, Question.Kind.NUMBER):
                rows.append(Answer(**base, number=n % 5 + 1))
            elif kind == Question.Kind.YES_NO:
                rows.append(Answer(**base, flag=bool(n % 2)))
            else:
                rows.append(Answer(**base, text=f"Answer {n}"))
    with scopes_disabled():
        Response.objects.bulk_create(responses)
        Answer.objects.bulk_create(rows)
        ResponseAuthor.objects.bulk_create(authors)
        for n in range(answers):
            factories.InvitationFactory(survey=survey, answered=n % 2 == 0)
    return survey


SIZES = [(3, 5), (20, 200)]


# The overhead of every request: the session, the user and the memberships (3).
# The results page: the survey with its counts (1), the questions with their numbers of
# respondents (1) and their options (1), every non-text answer counted in one GROUP BY (1),
# and the first text answers of each question (1). A named survey adds the answers per
# day (1); a breakdown, the answers by group and the respondents by group (2).
PAGES = {
    "results_anonymous": ("surveys:results", {}, True, 8),
    "results_named": ("surveys:results", {}, False, 9),
    "results_by_neighbourhood": ("surveys:results", {"by": "neighbourhood"}, False, 11),
    "results_by_age_group": ("surveys:results", {"by": "age_group"}, False, 11),
    # The export: the survey (1), its questions and options (2), the responses (1) and the
    # answers (1), and the audit event (1).
    "export_csv": ("surveys:results_export", {"format": "csv"}, True, 9),
    "export_xlsx_named": ("surveys:results_export", {"format": "xlsx"}, False, 9),
}


@pytest.mark.parametrize(("questions", "answers"), SIZES, ids=["small", "large"])
@pytest.mark.parametrize("name", list(PAGES))
def test_results_query_count(
    coordinator_client, settlement, django_assert_num_queries, name, questions, answers
):
    url_name, params, anonymous, expected = PAGES[name]
    survey = populate(settlement, questions=questions, answers=answers, anonymous=anonymous)
    assert expected <= MAX_QUERIES
    url = reverse(url_name, kwargs={"pk": survey.pk})
    with django_assert_num_queries(expected):
        response = coordinator_client.get(url, params)
    assert response.status_code == 200
    if url_name == "surveys:results":
        results = response.context["results"]
        assert len(results.questions) == questions
        assert results.responses == answers
        if params.get("by"):  # the breakdown really has groups to show at the large size
            shown = [r.breakdown for r in results.questions if r.breakdown]
            assert shown and (answers < 15 or any(b.rows for b in shown))


def test_results_below_the_anonymity_threshold_query_only_the_counts(
    coordinator_client, settlement, django_assert_num_queries
):
    survey = populate(settlement, questions=20, answers=4, anonymous=True)
    with django_assert_num_queries(4):
        response = coordinator_client.get(reverse("surveys:results", kwargs={"pk": survey.pk}))
    assert not response.context["results"].shown


@pytest.mark.parametrize("answers", [5, 200], ids=["one page", "many pages"])
@pytest.mark.parametrize(
    "params", [{}, {"q": "Answer 1"}, {"page": "2"}], ids=["list", "search", "page 2"]
)
def test_text_answers_query_count(
    coordinator_client, settlement, django_assert_num_queries, answers, params
):
    """The overhead (3), the question (1), its number of answers (1), the page's count
    (1) and the page (1)."""
    survey = populate(settlement, questions=6, answers=answers, anonymous=True)
    with scopes_disabled():
        question = Question.objects.get(survey=survey, kind=Question.Kind.LONG_TEXT)
    url = reverse("surveys:text_answers", kwargs={"pk": question.pk})
    with django_assert_num_queries(7):
        response = coordinator_client.get(url, params)
    assert response.status_code == 200
    if answers > 25 and not params:
        assert response.context["page"].paginator.num_pages > 1


@pytest.mark.parametrize("questions", [3, 24], ids=["short survey", "long survey"])
def test_answering_pages_query_counts(
    coordinator_client, settlement, django_assert_num_queries, questions
):
    """The public answering pages and the preview cost the same whatever the survey's
    length: the invitation (or shared link), then sections, questions and options."""
    survey = populate(settlement, questions=questions, answers=0, anonymous=True)
    survey.share_token = f"share-{questions}"
    survey.save()
    factories.InvitationFactory(survey=survey, token=f"personal-{questions}", opened=True)
    client = Client()  # a resident: not logged in
    # The invitation, marking it opened (a savepoint around one UPDATE), questions, options.
    with django_assert_num_queries(6):
        assert (
            client.get(reverse("surveys:answer", args=[f"personal-{questions}"])).status_code == 200
        )
    with django_assert_num_queries(3):  # the survey, questions, options
        assert (
            client.get(reverse("surveys:answer_shared", args=[survey.share_token])).status_code
            == 200
        )
    with django_assert_num_queries(6):
        assert (
            coordinator_client.get(reverse("surveys:preview", args=[survey.pk])).status_code == 200
        )
