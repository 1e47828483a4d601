"""The results page, the list of text answers and the export: the numbers, the anonymity
rule, the breakdowns, and who may see any of it."""

import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coordinator.models import AuditEvent
from surveys.models import Answer, Response, ResponseAuthor, Survey
from tests import factories

from .test_answering import build_survey

RANKS = [(1, 2, 3), (2, 1, 3), (1, 3, 2), (3, 2, 1), (1, 2, 3)]


def fill(s, count, *, residents=None, texts=None, via=Response.Via.PERSONAL):
    """``count`` responses to the survey of ``build_survey``, with answers that vary in a
    known way; in a named survey each from one of ``residents``."""
    survey = s.survey
    responses = []
    answers = []
    authors = []
    for n in range(count):
        response = Response(
            settlement_id=survey.settlement_id, survey=survey, language="en", via=via
        )
        responses.append(response)

        def add(question, response=response, **values):
            answers.append(
                Answer(
                    settlement_id=survey.settlement_id,
                    response=response,
                    question=question,
                    **values,
                )
            )

        add(s.single, option=s.single_options[0 if n % 5 < 2 else 1 if n % 5 < 4 else 2])
        add(s.multiple, option=s.multiple_options[0])
        if n % 2:
            add(s.multiple, option=s.multiple_options[1])
        add(s.yes_no, flag=n % 5 < 3)
        if n % 5 < 3:
            add(s.follow_up, text=f"Place {n}")
        add(s.rating, number=n % 5 + 1)
        add(s.number, number=n % 11)
        add(s.long_text, text=(texts or [f"Idea number {n}"])[n % len(texts or [1])])
        for option, rank in zip(s.ranking_options, RANKS[n % 5], strict=True):
            add(s.ranking, option=option, rank=rank)
        if residents:
            authors.append(
                ResponseAuthor(
                    settlement_id=survey.settlement_id,
                    response=response,
                    resident=residents[n % len(residents)],
                    submitted_at=factories.FIXED_NOW - dt.timedelta(days=n % 3),
                )
            )
    with scopes_disabled():
        Response.objects.bulk_create(responses)
        Answer.objects.bulk_create(answers)
        ResponseAuthor.objects.bulk_create(authors)
        Survey.objects.filter(pk=survey.pk).update(answer_count=count)
    return responses


def results_url(s, **params) -> str:
    return reverse("surveys:results", kwargs={"pk": s.survey.pk})


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def s(settlement):
    return build_survey(settlement)


# --- the anonymity rule ---------------------------------------------------------------------


def test_an_anonymous_survey_shows_no_result_below_five_answers(coordinator_client, s):
    fill(s, 4)
    response = coordinator_client.get(results_url(s))
    assert response.status_code == 200
    html = page(response)
    assert "Results appear when at least 5 people have answered" in html
    assert "Synagogue" not in html and "Idea number" not in html
    assert response.context["results"].questions == []


def test_an_anonymous_survey_with_five_answers_shows_its_results(coordinator_client, s):
    fill(s, 5)
    response = coordinator_client.get(results_url(s))
    html = page(response)
    assert "Results appear when" not in html
    results = {r.question.pk: r for r in response.context["results"].questions}
    single = results[s.single.pk]
    assert [(b.label, b.count, b.percent, b.width) for b in single.bars] == [
        ("Synagogue", 2, 40, "w-40"),
        ("Shop", 2, 40, "w-40"),
        ("Nowhere", 1, 20, "w-20"),
    ]
    # Multiple choice: shares of the people who answered (all chose Sport, 2 also Music).
    assert [(b.count, b.percent) for b in results[s.multiple.pk].bars] == [
        (5, 100),
        (2, 40),
        (0, 0),
    ]
    assert [(b.label, b.count) for b in results[s.yes_no.pk].bars] == [("Yes", 3), ("No", 2)]
    rating = results[s.rating.pk]
    assert [b.count for b in rating.bars] == [1, 1, 1, 1, 1]
    assert (rating.mean, rating.median) == (3.0, 3.0)
    numbers = results[s.number.pk].numbers
    assert (numbers.count, numbers.minimum, numbers.maximum, numbers.median) == (5, 0, 4, 2.0)
    assert sum(b.count for b in numbers.bins) == 5
    ranking = results[s.ranking.pk].ranking
    assert [(r.label, r.mean_rank) for r in ranking] == [
        ("Youth club", 1.6),
        ("Bus line", 2.0),
        ("Clinic", 2.4),
    ]
    texts = results[s.long_text.pk]
    assert len(texts.texts) == 5 and texts.respondents == 5
    # Three answered the follow-up: too few to show in an anonymous survey.
    assert results[s.follow_up.pk].hidden
    assert "Place 0" not in html
    assert "Fewer than 5 people answered this question" in html
    # Each chart has its numbers in a table too.
    assert "<caption" in html and "40%" in html
    # Bars are drawn with classes: the Content-Security-Policy forbids inline styles.
    assert 'class="w-40"' in html
    assert not re.search(r"<style\b|\sstyle=|<script(?![^>]*\bsrc=)", html)
    need = reverse("surveys:need_create") + f"?question={s.single.pk}"
    assert need in html


def test_the_header_counts_invitations_and_the_shared_link(coordinator_client, settlement, s):
    for n in range(4):
        factories.InvitationFactory(survey=s.survey, answered=n < 3)
    fill(s, 2)
    fill(s, 3, via=Response.Via.SHARED)
    results = coordinator_client.get(results_url(s)).context["results"]
    assert (results.invited, results.answered_invitations, results.response_rate) == (4, 3, 75)
    assert (results.responses, results.via_shared) == (5, 3)


def test_a_survey_nobody_was_invited_to_has_no_rate(coordinator_client, settlement):
    s = build_survey(settlement)
    with scopes_disabled():
        Survey.objects.filter(pk=s.survey.pk).update(invitation_count=0)
    html = page(coordinator_client.get(results_url(s)))
    assert "Response rate" in html and "–" in html


# --- named surveys and breakdowns -----------------------------------------------------------


@pytest.fixture
def named(settlement):
    s = build_survey(settlement, anonymous=False)
    north = factories.NeighbourhoodFactory(settlement=settlement, name="North")
    south = factories.NeighbourhoodFactory(settlement=settlement, name="South")
    house = factories.HouseholdFactory(settlement=settlement, neighbourhood=south)
    residents = [
        # Six adults in the north, two seniors in the south (one through the household).
        *[
            factories.ResidentFactory(
                settlement=settlement, neighbourhood=north, birth_date=dt.date(1980, 1, n + 1)
            )
            for n in range(6)
        ],
        factories.ResidentFactory(
            settlement=settlement, neighbourhood=south, birth_date=dt.date(1950, 1, 1)
        ),
        factories.ResidentFactory(
            settlement=settlement,
            neighbourhood=None,
            household=house,
            birth_date=dt.date(1951, 1, 1),
        ),
    ]
    s.residents = residents
    return s


def test_a_named_survey_shows_results_from_one_answer(coordinator_client, named):
    fill(named, 1, residents=named.residents)
    response = coordinator_client.get(results_url(named))
    results = {r.question.pk: r for r in response.context["results"].questions}
    assert not results[named.single.pk].hidden
    assert results[named.single.pk].bars[0].count == 1
    assert response.context["results"].per_day == [(dt.date(2026, 11, 23), 1)]
    assert "Answers per day" in page(response)


@pytest.mark.parametrize(
    ("by", "shown", "hidden"),
    [("neighbourhood", "North", "South"), ("age_group", "Adults", "Seniors")],
)
def test_breakdowns_show_only_groups_of_five(coordinator_client, named, by, shown, hidden):
    fill(named, 8, residents=named.residents)
    response = coordinator_client.get(results_url(named), {"by": by})
    html = page(response)
    results = {r.question.pk: r for r in response.context["results"].questions}
    breakdown = results[named.yes_no.pk].breakdown
    assert [row.label for row in breakdown.rows] == [shown]
    assert breakdown.rows[0].respondents == 6
    # The first six answers: yes, yes, yes, no, no, yes.
    assert breakdown.rows[0].percents == [67, 33]
    assert breakdown.hidden_groups == 1
    assert "1 group is not shown because fewer than 5 people in it answered." in html
    assert f"<bdi>{shown}</bdi>" in html and f"<bdi>{hidden}</bdi>" not in html
    # No breakdown of numbers, texts or rankings.
    assert results[named.number.pk].breakdown is None
    assert results[named.ranking.pk].breakdown is None


def test_an_anonymous_survey_has_no_breakdown(coordinator_client, s):
    fill(s, 6)
    response = coordinator_client.get(results_url(s), {"by": "neighbourhood"})
    assert response.context["results"].by == ""
    assert all(r.breakdown is None for r in response.context["results"].questions)
    assert "Break down by" not in page(response)


# --- text answers -----------------------------------------------------------------------------


def text_url(s) -> str:
    return reverse("surveys:text_answers", kwargs={"pk": s.long_text.pk})


def test_text_answers_are_listed_a_page_at_a_time_and_searched(coordinator_client, s):
    fill(s, 30)
    first = coordinator_client.get(text_url(s))
    assert first.status_code == 200
    assert first.context["page"].paginator.count == 30
    assert len(first.context["page"].object_list) == 25
    assert "Page 1 of 2" in page(first)
    second = coordinator_client.get(text_url(s), {"page": 2})
    assert len(second.context["page"].object_list) == 5
    found = coordinator_client.get(text_url(s), {"q": "number 2"})
    assert sorted(found.context["page"].object_list) == sorted(
        ["Idea number 2"] + [f"Idea number {n}" for n in range(20, 30)]
    )
    partial = coordinator_client.get(
        text_url(s), {"q": "none such"}, headers={"HX-Request": "true"}
    )
    assert "<html" not in page(partial) and "No answer matches this search." in page(partial)


def test_text_answers_of_an_anonymous_survey_wait_for_five(coordinator_client, s):
    fill(s, 4)
    response = coordinator_client.get(text_url(s))
    assert response.status_code == 200
    assert "Idea number" not in page(response)
    assert "when at least 5 people have answered this question" in page(response)


def test_only_text_questions_have_a_list_of_answers(coordinator_client, s):
    url = reverse("surveys:text_answers", kwargs={"pk": s.single.pk})
    assert coordinator_client.get(url).status_code == 404


# --- the export ---------------------------------------------------------------------------------


def export(client, s, file_format="csv"):
    url = reverse("surveys:results_export", kwargs={"pk": s.survey.pk})
    return client.get(url, {"format": file_format})


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_csv_export_has_a_row_per_response_and_a_column_per_question(
    coordinator_client, settlement, s
):
    responses = fill(s, 5, texts=['=HYPERLINK("http://x")', "fine", "+1", "@me", "-2"])
    response = export(coordinator_client, s)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="survey-{s.survey.pk}-results.csv"' in response["Content-Disposition"]
    rows = read_csv(response)
    assert rows[0] == [
        "Where do you meet people?",
        "Which activities?",
        "Do you volunteer?",
        "Where do you volunteer?",
        "How happy are you here?",
        "How many children?",
        "Anything else?",
        "Rank these",
    ]
    body = rows[1:]
    assert len(body) == 5
    # In the order of the random keys, not the order of answering.
    by_key = sorted(responses, key=lambda r: r.pk)
    first = by_key[0]
    n = responses.index(first)
    assert body[0][2] == ("Yes" if n % 5 < 3 else "No")
    assert {row[1] for row in body} == {"Sport", "Sport; Music"}
    assert {row[7] for row in body} == {
        "Youth club > Bus line > Clinic",
        "Bus line > Youth club > Clinic",
        "Youth club > Clinic > Bus line",
        "Clinic > Bus line > Youth club",
    }
    # Formulas are neutralised as in the registry export.
    assert {row[6] for row in body} == {'\'=HYPERLINK("http://x")', "fine", "'+1", "'@me", "'-2"}
    with scope(settlement=settlement.pk):
        event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORTED)
    assert (event.object_type, event.object_id) == ("survey", s.survey.pk)
    assert event.summary == "csv export of the answers, 5 rows"


def test_the_xlsx_export_opens_in_a_spreadsheet(coordinator_client, s):
    fill(s, 5)
    response = export(coordinator_client, s, "xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 6
    assert sheet.cell(row=1, column=1).value == "Where do you meet people?"


def test_a_named_export_names_the_residents(coordinator_client, named):
    fill(named, 2, residents=named.residents)
    rows = read_csv(export(coordinator_client, named))
    assert rows[0][:3] == ["First name", "Last name", "Where do you meet people?"]
    names = {(row[0], row[1]) for row in rows[1:]}
    assert names == {(r.first_name, r.last_name) for r in named.residents[:2]}


def test_an_anonymous_export_below_five_has_headers_only(coordinator_client, s):
    fill(s, 4)
    rows = read_csv(export(coordinator_client, s))
    assert len(rows) == 1 and rows[0][0] == "Where do you meet people?"


def test_an_unknown_export_format_is_404(coordinator_client, s):
    assert export(coordinator_client, s, "pdf").status_code == 404


def test_questions_are_in_the_coordinators_language_when_the_survey_has_it(
    coordinator_client, settlement
):
    s = build_survey(settlement, languages=("en", "he"))
    coordinator_client.cookies["django_language"] = "he"
    assert "עברית Where do you meet people?" in read_csv(export(coordinator_client, s))[0][0]
    coordinator_client.cookies["django_language"] = "sl"
    assert read_csv(export(coordinator_client, s))[0][0] == "Where do you meet people?"


# --- who may see the answers ----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["chair", "council_staff", "other_settlement_coordinator"])
def test_others_cannot_see_a_surveys_answers(client, request, settlement, s, who):
    fill(s, 6)
    client.force_login(request.getfixturevalue(who))
    urls = [
        reverse("surveys:results", kwargs={"pk": s.survey.pk}),
        reverse("surveys:results_export", kwargs={"pk": s.survey.pk}),
        text_url(s),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Idea number" not in page(response)
    with scopes_disabled():
        assert not AuditEvent.objects.exists()


def test_a_survey_of_another_settlement_is_404(coordinator_client, other_settlement):
    s = build_survey(other_settlement)
    fill(s, 6)
    assert coordinator_client.get(results_url(s)).status_code == 404
    assert export(coordinator_client, s).status_code == 404
    assert coordinator_client.get(text_url(s)).status_code == 404
