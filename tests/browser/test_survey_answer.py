"""A resident answers a Hebrew survey on a phone through a personal link; the coordinator
then sees the answer in the results. axe-core finds no violation on the way."""

import datetime as dt

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from coordinator.models import Role
from surveys.models import Answer, Invitation, Question, Response, Survey
from tests import factories

from .conftest import PHONE, check_accessibility, screenshot
from .test_journeys import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOKEN = "browser-test-personal-token-0123456789abc"


@pytest.fixture
def survey(db):
    settlement = factories.SettlementFactory(name="Kfar Hadar", language="he")
    factories.member(settlement, Role.COORDINATOR, username="coordinator")
    survey = factories.SurveyFactory(
        settlement=settlement,
        title={"he": "מיפוי צרכים 2026"},
        intro={"he": "נשמח לשמוע מה חשוב לך."},
        languages=["he"],
        anonymous=False,
        state=Survey.State.RUNNING,
        sent_at=factories.FIXED_NOW,
        invitation_count=1,
    )
    section = factories.SectionFactory(survey=survey, title={"he": "עליך"})
    where = factories.QuestionFactory(
        section=section,
        position=1,
        kind=Question.Kind.SINGLE,
        required=True,
        text={"he": "איפה את/ה פוגש/ת אנשים?"},
    )
    for position, label in enumerate(["בית הכנסת", "המכולת", "בחוגים"]):
        factories.OptionFactory(question=where, position=position, label={"he": label})
    volunteer = factories.QuestionFactory(
        section=section,
        position=2,
        kind=Question.Kind.YES_NO,
        required=True,
        text={"he": "האם את/ה מתנדב/ת?"},
    )
    factories.QuestionFactory(
        section=section,
        position=3,
        kind=Question.Kind.SHORT_TEXT,
        required=True,
        text={"he": "איפה את/ה מתנדב/ת?"},
        condition_question=volunteer,
        condition_value="yes",
    )
    factories.QuestionFactory(
        section=section,
        position=4,
        kind=Question.Kind.RATING,
        text={"he": "עד כמה טוב לך ביישוב?"},
        scale_min_label={"he": "בכלל לא"},
        scale_max_label={"he": "מאוד"},
    )
    resident = factories.ResidentFactory(
        settlement=settlement,
        first_name="Yael",
        last_name="Cohen",
        preferred_language="he",
        birth_date=dt.date(1990, 3, 1),
    )
    factories.InvitationFactory(survey=survey, resident=resident, language="he", token=TOKEN)
    return survey


def fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_resident_answers_in_hebrew_on_a_phone_and_the_coordinator_sees_it(new_page, survey):
    page = new_page(PHONE)
    page.goto(f"/a/{TOKEN}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "he"
    assert page.locator("h1").inner_text() == "מיפוי צרכים 2026"
    # The follow-up is asked only of those who volunteer.
    follow_up = page.get_by_label("איפה את/ה מתנדב/ת?")
    assert follow_up.is_hidden()
    assert fits_the_screen(page)
    check_accessibility(page, "answering page on a phone, in Hebrew")

    # Sent empty: every required question says so, and a summary at the top leads to them.
    page.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    assert summary.get_by_role("link").count() == 2
    assert page.locator(".survey-question [id$='-error']").count() == 2
    assert fits_the_screen(page)
    check_accessibility(page, "answering page with errors, in Hebrew")

    # Answers are kept in the browser: a reload loses nothing.
    page.get_by_label("המכולת").check()
    page.goto(f"/a/{TOKEN}/")
    assert page.get_by_label("המכולת").is_checked()

    page.locator("[data-question-name] input[type=radio][value=yes]").check()
    expect(follow_up).to_be_visible()
    follow_up.fill("בספרייה")
    page.locator("label[for$='_3']").click()  # 4 on the scale of 1 to 5
    assert page.locator("input[type=radio][value='4']").is_checked()
    screenshot(page, "survey-answer-phone-he")
    page.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(f"/a/{TOKEN}/")
    assert page.locator("[data-clear-storage]").count() == 1
    check_accessibility(page, "thank-you page, in Hebrew")
    with scopes_disabled():
        assert Response.objects.count() == 1
        assert Invitation.objects.get().answered
        numbers = Answer.objects.filter(question__kind=Question.Kind.RATING)
        assert list(numbers.values_list("number", flat=True)) == [4]
    # The answers kept in the browser are gone once sent.
    kept = page.evaluate(f"window.localStorage.getItem('survey-answers:/a/{TOKEN}/')")
    assert kept is None

    coordinator = new_page()
    log_in(coordinator, "coordinator")
    coordinator.goto(f"/surveys/{survey.pk}/results/")
    assert "מיפוי צרכים 2026" in coordinator.locator("h1").inner_text()
    row = coordinator.get_by_role("row", name="המכולת")
    assert row.get_by_role("cell").nth(1).inner_text() == "1"
    assert row.get_by_role("cell").nth(2).inner_text() == "100%"
    check_accessibility(coordinator, "survey results")
    screenshot(coordinator, "survey-results-en")
    coordinator.get_by_role("link", name="See the answer").click()
    expect(coordinator.get_by_text("בספרייה")).to_be_visible()
    check_accessibility(coordinator, "text answers of a question")

    phone = new_page(PHONE)
    log_in(phone, "coordinator")
    phone.goto(f"/surveys/{survey.pk}/results/")
    assert fits_the_screen(phone)
    check_accessibility(phone, "survey results on a phone")
