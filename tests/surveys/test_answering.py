"""Answering a survey through a personal or a shared link: languages, validation, saving,
and links that are wrong, closed or used already."""

from types import SimpleNamespace
from unittest import mock

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from coordinator.models import Role
from surveys.models import Answer, Invitation, Question, Response, ResponseAuthor, Survey
from surveys.services import answering
from tests import factories

TOKEN = "a-personal-token-for-the-tests-0123456789"
SHARED = "a-shared-token-0123"


def texts(en: str, he: str = "") -> dict[str, str]:
    return {"en": en, "he": he or f"עברית {en}"}


def build_survey(settlement, *, anonymous=True, languages=("en",), state=Survey.State.RUNNING):
    """A survey with every kind of question, and a condition: the short text is asked only
    of those who answer yes."""
    survey = factories.SurveyFactory(
        settlement=settlement,
        title=texts("Needs of the village"),
        intro=texts("Tell us what you need."),
        languages=list(languages),
        anonymous=anonymous,
        state=state,
        sent_at=factories.FIXED_NOW,
        share_token=SHARED,
        invitation_count=4,
    )
    first = factories.SectionFactory(survey=survey, position=1, title=texts("About you"))
    second = factories.SectionFactory(survey=survey, position=2, title=texts("Your wishes"))

    def question(section, position, kind, text, **kwargs):
        return factories.QuestionFactory(
            section=section, position=position, kind=kind, text=texts(text), **kwargs
        )

    single = question(first, 1, Question.Kind.SINGLE, "Where do you meet people?", required=True)
    single_options = [
        factories.OptionFactory(question=single, position=n, label=texts(label))
        for n, label in enumerate(["Synagogue", "Shop", "Nowhere"])
    ]
    multiple = question(first, 2, Question.Kind.MULTIPLE, "Which activities?")
    multiple_options = [
        factories.OptionFactory(question=multiple, position=n, label=texts(label))
        for n, label in enumerate(["Sport", "Music", "Cooking"])
    ]
    yes_no = question(first, 3, Question.Kind.YES_NO, "Do you volunteer?", required=True)
    follow_up = question(
        first,
        4,
        Question.Kind.SHORT_TEXT,
        "Where do you volunteer?",
        required=True,
        condition_question=yes_no,
        condition_value="yes",
    )
    rating = question(
        second,
        1,
        Question.Kind.RATING,
        "How happy are you here?",
        scale_min=1,
        scale_max=5,
        scale_min_label=texts("Not at all"),
        scale_max_label=texts("Very"),
    )
    number = question(
        second, 2, Question.Kind.NUMBER, "How many children?", number_min=0, number_max=10
    )
    long_text = question(second, 3, Question.Kind.LONG_TEXT, "Anything else?")
    ranking = question(second, 4, Question.Kind.RANKING, "Rank these")
    ranking_options = [
        factories.OptionFactory(question=ranking, position=n, label=texts(label))
        for n, label in enumerate(["Youth club", "Bus line", "Clinic"])
    ]
    return SimpleNamespace(
        survey=survey,
        single=single,
        single_options=single_options,
        multiple=multiple,
        multiple_options=multiple_options,
        yes_no=yes_no,
        follow_up=follow_up,
        rating=rating,
        number=number,
        long_text=long_text,
        ranking=ranking,
        ranking_options=ranking_options,
    )


def valid_answers(s, **changes) -> dict:
    data = {
        f"q{s.single.pk}": str(s.single_options[1].pk),
        f"q{s.multiple.pk}": [str(s.multiple_options[0].pk), str(s.multiple_options[2].pk)],
        f"q{s.yes_no.pk}": "yes",
        f"q{s.follow_up.pk}": "  At the school  ",
        f"q{s.rating.pk}": "4",
        f"q{s.number.pk}": "3",
        f"q{s.long_text.pk}": "",
        **{
            f"q{s.ranking.pk}_o{option.pk}": str(rank)
            for option, rank in zip(s.ranking_options, [2, 3, 1], strict=True)
        },
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def invite(s, *, language="en", token=TOKEN, **kwargs):
    return factories.InvitationFactory(survey=s.survey, language=language, token=token, **kwargs)


def personal_url(token=TOKEN) -> str:
    return reverse("surveys:answer", kwargs={"token": token})


def shared_url(token=SHARED) -> str:
    return reverse("surveys:answer_shared", kwargs={"token": token})


def stored(settlement, model, **filters):
    with scope(settlement=settlement.pk):
        return list(model.objects.filter(**filters))


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def s(settlement):
    return build_survey(settlement)


# --- opening a personal link ----------------------------------------------------------------


def test_personal_link_shows_every_question_in_sections(client, settlement, s):
    invitation = invite(s)
    response = client.get(personal_url())
    assert response.status_code == 200
    html = page(response)
    assert "Needs of the village" in html and "Tell us what you need." in html
    assert html.count('<fieldset class="survey-section') == 2
    for question in ("Where do you meet people?", "Rank these", "How many children?"):
        assert question in html
    assert f'data-condition-name="q{s.yes_no.pk}" data-condition-value="yes"' in html
    assert 'min="0"' in html and 'max="10"' in html
    assert "1 = Not at all" in html and "5 = Very" in html
    assert 'aria-required="true"' in html
    assert f'data-storage-key="survey-answers:{personal_url()}"' in html
    assert "no-store" in response["Cache-Control"]
    # No staff navigation on a public page, even for a logged-in coordinator.
    assert "main-nav" not in html and "Log out" not in html
    invitation.refresh_from_db()
    assert invitation.opened and invitation.opened_at is None  # anonymous: no time
    assert not invitation.answered


def test_opening_a_named_surveys_link_notes_the_time(client, settlement):
    s = build_survey(settlement, anonymous=False)
    invitation = invite(s)
    client.get(personal_url())
    invitation.refresh_from_db()
    assert invitation.opened and invitation.opened_at == factories.FIXED_NOW


def test_a_logged_in_coordinator_sees_no_staff_navigation_on_a_link(client, settlement, s):
    invite(s)
    client.force_login(factories.member(settlement, Role.COORDINATOR))
    html = page(client.get(personal_url()))
    assert "Needs of the village" in html and "main-nav" not in html


@pytest.mark.parametrize(
    "token",
    ["wrong-token", TOKEN[:-1], "x" * 500],
    ids=["unknown", "cut short", "too long"],
)
def test_a_wrong_link_is_404_in_plain_words(client, settlement, s, token):
    invite(s)
    for response in (client.get(personal_url(token)), client.post(personal_url(token), {})):
        assert response.status_code == 404
        assert "Check that you copied the whole link" in page(response)
    assert not stored(settlement, Response)


def test_a_link_purged_on_closing_is_404(client, settlement, s):
    invitation = invite(s)
    invitation.token_hash = None
    invitation.nonce = None
    invitation.save()
    assert client.get(personal_url()).status_code == 404


def test_a_closed_survey_says_so_with_410(client, settlement, s):
    invite(s)
    s.survey.state = Survey.State.CLOSED
    s.survey.save()
    for response in (client.get(personal_url()), client.post(personal_url(), valid_answers(s))):
        assert response.status_code == 410
        assert "This survey has closed. Thank you for your interest." in page(response)
    assert not stored(settlement, Response)


def test_a_draft_survey_link_is_404(client, settlement):
    s = build_survey(settlement, state=Survey.State.DRAFT)
    invite(s)
    assert client.get(personal_url()).status_code == 404
    assert client.get(shared_url()).status_code == 404


# --- saving -----------------------------------------------------------------------------------


def test_answers_are_saved_once_and_the_link_then_thanks(client, settlement, s):
    invitation = invite(s)
    response = client.post(personal_url(), valid_answers(s))
    assert response.status_code == 302
    assert response["Location"] == personal_url()
    thanks = client.get(personal_url())
    assert thanks.status_code == 200
    assert "You have already answered this survey. Thank you!" in page(thanks)
    # The answers kept in the browser are dropped once they are sent.
    assert f'data-clear-storage="survey-answers:{personal_url()}"' in page(thanks)
    again = client.post(personal_url(), valid_answers(s))
    assert again.status_code == 409
    assert "You have already answered this survey" in page(again)
    assert len(stored(settlement, Response)) == 1
    invitation.refresh_from_db()
    assert invitation.answered and invitation.answered_at is None
    with scope(settlement=settlement.pk):
        assert Survey.objects.get(pk=s.survey.pk).answer_count == 1


def test_each_kind_of_answer_is_stored_as_its_rows(client, settlement, s):
    invite(s)
    client.post(personal_url(), valid_answers(s, **{f"q{s.long_text.pk}": "  Thanks!  "}))
    [response] = stored(settlement, Response)
    assert (response.via, response.language) == (Response.Via.PERSONAL, "en")
    rows = stored(settlement, Answer, response=response)

    def of(question):
        return [row for row in rows if row.question_id == question.pk]

    assert [r.option_id for r in of(s.single)] == [s.single_options[1].pk]
    assert sorted(r.option_id for r in of(s.multiple)) == [
        s.multiple_options[0].pk,
        s.multiple_options[2].pk,
    ]
    assert [r.flag for r in of(s.yes_no)] == [True]
    assert [r.text for r in of(s.follow_up)] == ["At the school"]
    assert [r.number for r in of(s.rating)] == [4]
    assert [r.number for r in of(s.number)] == [3]
    assert [r.text for r in of(s.long_text)] == ["Thanks!"]
    ranks = {r.option_id: r.rank for r in of(s.ranking)}
    assert ranks == {
        s.ranking_options[0].pk: 2,
        s.ranking_options[1].pk: 3,
        s.ranking_options[2].pk: 1,
    }
    assert len(rows) == 11


def test_empty_optional_answers_store_no_rows(client, settlement, s):
    invite(s)
    data = valid_answers(
        s,
        **{f"q{s.multiple.pk}": None, f"q{s.rating.pk}": None, f"q{s.number.pk}": ""},
        **{f"q{s.ranking.pk}_o{o.pk}": "" for o in s.ranking_options},
    )
    assert client.post(personal_url(), data).status_code == 302
    kinds = {row.question.kind for row in stored(settlement, Answer)}
    assert kinds == {Question.Kind.SINGLE, Question.Kind.YES_NO, Question.Kind.SHORT_TEXT}


def test_a_named_survey_records_who_answered(client, settlement):
    s = build_survey(settlement, anonymous=False)
    invitation = invite(s)
    client.post(personal_url(), valid_answers(s))
    [author] = stored(settlement, ResponseAuthor)
    assert author.resident_id == invitation.resident_id
    assert author.submitted_at == factories.FIXED_NOW
    invitation.refresh_from_db()
    assert invitation.answered_at == factories.FIXED_NOW


# --- validation -------------------------------------------------------------------------------


def assert_refused(client, settlement, url, data, message):
    response = client.post(url, data)
    assert response.status_code == 400
    html = page(response)
    assert message in html
    assert "Some answers need your attention" in html  # the summary at the top
    assert not stored(settlement, Response)
    assert not stored(settlement, Answer)
    return html


def test_an_empty_form_lists_every_required_question(client, settlement, s):
    invitation = invite(s)
    html = assert_refused(client, settlement, personal_url(), {}, "Please answer this question.")
    assert html.count("Please answer this question.") == 4  # error + summary, twice
    assert f'href="#id_q{s.single.pk}_0"' in html  # the summary links to the question
    # The follow-up is asked only of those who answer yes: not required here.
    assert "Where do you volunteer?: Please answer" not in html
    invitation.refresh_from_db()
    assert not invitation.answered


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: {f"q{s.number.pk}": "11"}, "Enter a whole number between 0 and 10."),
        (lambda s: {f"q{s.number.pk}": "2.5"}, "Enter a whole number between 0 and 10."),
        (lambda s: {f"q{s.number.pk}": "many"}, "Enter a whole number between 0 and 10."),
        (lambda s: {f"q{s.rating.pk}": "6"}, "Choose a value from 1 to 5."),
        (
            lambda s: {f"q{s.single.pk}": str(s.multiple_options[0].pk)},
            "Choose one of the options.",
        ),
        (lambda s: {f"q{s.yes_no.pk}": "maybe"}, "Answer yes or no."),
        (lambda s: {f"q{s.follow_up.pk}": "x" * 301}, "Write at most 300 characters"),
        (lambda s: {f"q{s.follow_up.pk}": "   "}, "Please answer this question."),
        (lambda s: {f"q{s.long_text.pk}": "x" * 5001}, "Write at most 5000 characters"),
        (
            lambda s: {f"q{s.ranking.pk}_o{s.ranking_options[0].pk}": "3"},
            "Give each option a different rank.",
        ),
        (
            lambda s: {f"q{s.ranking.pk}_o{s.ranking_options[0].pk}": ""},
            "Give every option a rank, or leave them all empty.",
        ),
        (
            lambda s: {f"q{s.ranking.pk}_o{s.ranking_options[0].pk}": "9"},
            "Choose a rank from the list.",
        ),
    ],
    ids=[
        "number too big",
        "number not whole",
        "number not a number",
        "rating out of scale",
        "option of another question",
        "yes-no nonsense",
        "short text too long",
        "required text blank",
        "long text too long",
        "rank twice",
        "ranks partly given",
        "rank out of range",
    ],
)
def test_invalid_answers_are_refused_with_a_clear_message(client, settlement, s, change, message):
    invite(s)
    assert_refused(client, settlement, personal_url(), valid_answers(s, **change(s)), message)


def test_a_required_ranking_needs_every_rank(client, settlement, s):
    s.ranking.required = True
    s.ranking.save()
    invite(s)
    data = valid_answers(s, **{f"q{s.ranking.pk}_o{s.ranking_options[1].pk}": ""})
    assert_refused(client, settlement, personal_url(), data, "Give every option a rank.")


def test_the_form_comes_back_with_what_was_written(client, settlement, s):
    invite(s)
    response = client.post(personal_url(), valid_answers(s, **{f"q{s.number.pk}": "11"}))
    html = page(response)
    assert 'value="  At the school  "' in html
    assert f'value="{s.single_options[1].pk}" checked' in html
    assert 'aria-invalid="true"' in html


def test_a_question_hidden_by_its_condition_is_neither_checked_nor_kept(client, settlement, s):
    invite(s)
    data = valid_answers(s, **{f"q{s.yes_no.pk}": "no", f"q{s.follow_up.pk}": "x" * 400})
    assert client.post(personal_url(), data).status_code == 302
    assert not stored(settlement, Answer, question=s.follow_up)
    assert stored(settlement, Answer, question=s.yes_no)[0].flag is False


def test_a_shown_conditional_question_is_required(client, settlement, s):
    invite(s)
    data = valid_answers(s, **{f"q{s.follow_up.pk}": None})
    assert_refused(client, settlement, personal_url(), data, "Please answer this question.")


def test_a_condition_on_an_option_of_a_multiple_choice(client, settlement, s):
    s.long_text.condition_question = s.multiple
    s.long_text.condition_value = str(s.multiple_options[1].pk)
    s.long_text.required = True
    s.long_text.save()
    invite(s)
    # Music not chosen: the long text is not asked.
    assert client.post(personal_url(), valid_answers(s)).status_code == 302


def test_a_condition_on_a_hidden_question_hides_its_dependents_too(client, settlement, s):
    s.long_text.condition_question = s.follow_up
    s.long_text.condition_value = "never"
    s.long_text.required = True
    s.long_text.save()
    invite(s)
    data = valid_answers(s, **{f"q{s.yes_no.pk}": "no"})
    assert client.post(personal_url(), data).status_code == 302


# --- languages ------------------------------------------------------------------------------


def test_the_page_is_in_the_invitations_language_right_to_left_in_hebrew(client, settlement):
    s = build_survey(settlement, languages=("he", "en"))
    invite(s, language="he")
    response = client.get(personal_url())
    html = page(response)
    assert '<html lang="he" dir="rtl">' in html
    assert "עברית Needs of the village" in html
    assert "bootstrap.rtl.min.css" in html
    assert response["Content-Language"] == "he"
    # Links to the survey's other language.
    assert f'href="{personal_url()}?lang=en"' in html
    english = page(client.get(personal_url(), {"lang": "en"}))
    assert '<html lang="en" dir="ltr">' in english and "Needs of the village" in english
    # A language the survey does not have is ignored.
    assert '<html lang="he"' in page(client.get(personal_url(), {"lang": "sl"}))


def test_errors_are_in_the_respondents_language(client, settlement):
    s = build_survey(settlement, languages=("he",))
    invite(s, language="he")
    response = client.post(personal_url(), {})
    assert response.status_code == 400
    assert '<html lang="he" dir="rtl">' in page(response)


def test_an_invitation_in_a_language_the_survey_lacks_falls_back(client, settlement):
    settlement.language = "he"
    settlement.save()
    s = build_survey(settlement, languages=("en", "he"))
    invite(s, language="sl")
    assert '<html lang="he"' in page(client.get(personal_url()))


@pytest.mark.parametrize(
    ("header", "settlement_language", "expected"),
    [
        ("he-IL,he;q=0.9,en;q=0.8", "en", "he"),
        ("sl,en;q=0.5", "he", "en"),
        ("de-DE", "he", "he"),
        ("", "sl", "en"),
        ("en;q=0.2,he;q=0.9", "en", "he"),
    ],
)
def test_the_shared_link_speaks_the_browsers_language(
    client, settlement, header, settlement_language, expected
):
    settlement.language = settlement_language
    settlement.save()
    build_survey(settlement, languages=("en", "he"))
    response = client.get(shared_url(), headers={"accept-language": header})
    assert f'<html lang="{expected}"' in page(response)
    assert '<html lang="he"' in page(client.get(shared_url(), {"lang": "he"}))


# --- the shared link --------------------------------------------------------------------------


def test_the_shared_link_takes_one_answer_per_device(client, settlement, s):
    response = client.post(shared_url(), valid_answers(s))
    assert response.status_code == 302
    cookie = response.cookies[f"survey-{s.survey.pk}-answered"]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == shared_url()
    assert cookie["max-age"] >= 60 * 60 * 24 * 300
    thanks = client.get(shared_url())
    assert thanks.status_code == 200
    assert "already been answered from this device" in page(thanks)
    assert client.post(shared_url(), valid_answers(s)).status_code == 409
    [response_row] = stored(settlement, Response)
    assert response_row.via == Response.Via.SHARED
    # Another device (a fresh client) may answer too.
    client.cookies.clear()
    assert client.post(shared_url(), valid_answers(s)).status_code == 302
    assert len(stored(settlement, Response)) == 2
    assert not stored(settlement, ResponseAuthor)


def test_a_forged_device_cookie_is_ignored(client, settlement, s):
    client.cookies[f"survey-{s.survey.pk}-answered"] = str(s.survey.pk)
    assert "Needs of the village" in page(client.get(shared_url()))


def test_the_shared_link_asks_nothing_personal(client, settlement, s):
    html = page(client.get(shared_url()))
    for personal in ('type="email"', 'name="name"', 'type="tel"', "first name"):
        assert personal not in html.lower()


def test_a_closed_or_unknown_shared_link(client, settlement, s):
    assert client.get(shared_url("nope")).status_code == 404
    s.survey.state = Survey.State.CLOSED
    s.survey.save()
    assert client.get(shared_url()).status_code == 410
    assert client.post(shared_url(), valid_answers(s)).status_code == 410
    assert not stored(settlement, Response)


# --- the service --------------------------------------------------------------------------------


def test_a_failed_save_gives_the_invitation_back(client, settlement, s):
    invitation = invite(s)
    with (
        mock.patch.object(Answer.objects, "bulk_create", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        client.post(personal_url(), valid_answers(s))
    invitation.refresh_from_db()
    assert not invitation.answered
    assert not stored(settlement, Response)
    with scopes_disabled():
        assert Survey.objects.get(pk=s.survey.pk).answer_count == 0
    # And the respondent can try again.
    assert client.post(personal_url(), valid_answers(s)).status_code == 302


def test_a_used_invitation_cannot_be_claimed_twice(settlement, s):
    invitation = invite(s)
    with scope(settlement=settlement.pk):
        answering.response_submit(
            survey=s.survey,
            invitation=invitation,
            language="en",
            via="personal",
            cleaned_answers=[],
        )
        copy = Invitation.objects.get(pk=invitation.pk)
        copy.answered = False  # as loaded by a second tab before the first one saved
        with pytest.raises(answering.AlreadyAnswered):
            answering.response_submit(
                survey=s.survey, invitation=copy, language="en", via="personal", cleaned_answers=[]
            )
        assert Response.objects.count() == 1


def test_a_survey_closed_while_answering_keeps_nothing(settlement, s):
    invitation = invite(s)
    with scope(settlement=settlement.pk):
        Survey.objects.filter(pk=s.survey.pk).update(state=Survey.State.CLOSED)
        with pytest.raises(answering.SurveyNotRunning):
            answering.response_submit(
                survey=s.survey,
                invitation=invitation,
                language="en",
                via="personal",
                cleaned_answers=[],
            )
        assert not Response.objects.exists()
        invitation.refresh_from_db()
        assert not invitation.answered


# --- the preview ----------------------------------------------------------------------------------


def test_the_coordinator_previews_a_draft_in_each_language(coordinator_client, settlement):
    s = build_survey(settlement, languages=("en", "he"), state=Survey.State.DRAFT)
    url = reverse("surveys:preview", kwargs={"pk": s.survey.pk})
    response = coordinator_client.get(url)
    assert response.status_code == 200
    html = page(response)
    assert "Preview:" in html and "answers are not saved" in html
    assert '<html lang="en" dir="ltr">' in html and "Rank these" in html
    assert 'method="post"' not in html and "data-storage-key" not in html
    hebrew = page(coordinator_client.get(url, {"lang": "he"}))
    assert '<html lang="he" dir="rtl">' in hebrew and "עברית Rank these" in hebrew
    assert coordinator_client.post(url, {}).status_code == 405
    assert not stored(settlement, Response)


@pytest.mark.parametrize("who", ["chair", "council_staff", "other_settlement_coordinator"])
def test_others_cannot_preview(client, request, settlement, s, who):
    client.force_login(request.getfixturevalue(who))
    url = reverse("surveys:preview", kwargs={"pk": s.survey.pk})
    assert client.get(url).status_code == 404
