"""The survey builder: the list, a survey's settings, sections and questions, copies,
deletion, and the protection of sent surveys."""

import datetime as dt

import pytest
from django.urls import reverse
from django_scopes import scope

from coordinator.models import AuditEvent
from surveys.models import Invitation, Option, Question, Response, Section, Survey
from surveys.services import builder as services
from tests import factories

TODAY = dt.date(2026, 11, 23)
K = Question.Kind


def text(response) -> str:
    return response.content.decode()


def fresh(obj):
    with scope(settlement=obj.settlement_id):
        return type(obj).objects.get(pk=obj.pk)


def count(settlement, model, **filters) -> int:
    with scope(settlement=settlement.pk):
        return model.objects.filter(**filters).count()


def exists(obj) -> bool:
    with scope(settlement=obj.settlement_id):
        return type(obj).objects.filter(pk=obj.pk).exists()


def options_of(question) -> list[Option]:
    with scope(settlement=question.settlement_id):
        return list(Option.objects.filter(question=question).order_by("position", "id"))


def questions_of(section) -> list[Question]:
    with scope(settlement=section.settlement_id):
        return list(Question.objects.filter(section=section).order_by("position", "id"))


def make_survey(settlement, languages=("en", "he"), state=Survey.State.DRAFT, **kwargs):
    kwargs.setdefault("title", {code: f"Survey {code}" for code in languages})
    return factories.SurveyFactory(
        settlement=settlement, languages=list(languages), state=state, **kwargs
    )


def make_question(section, kind=K.SINGLE, options=0, **kwargs):
    question = factories.QuestionFactory(
        section=section,
        kind=kind,
        text={code: f"Question {code} {kind}" for code in section.survey.languages},
        **kwargs,
    )
    for n in range(options):
        factories.OptionFactory(
            question=question,
            position=n,
            label={code: f"Option {n} {code}" for code in section.survey.languages},
        )
    return question


@pytest.fixture
def survey(settlement):
    return make_survey(settlement)


@pytest.fixture
def section(survey):
    return factories.SectionFactory(survey=survey, title={"en": "Life", "he": "חיים"})


def question_post(languages=("en", "he"), **overrides) -> dict:
    data = {"kind": K.SINGLE, "required": "on", "condition": ""}
    for code in languages:
        data[f"text_{code}"] = f"What {code}?"
        data[f"options_{code}"] = f"One {code}\nTwo {code}\nThree {code}"
    data.update(overrides)
    return data


# --- the list ----------------------------------------------------------------------------


def test_empty_list_explains_needs_mapping_and_offers_the_starter(coordinator_client):
    response = coordinator_client.get(reverse("surveys:list"))
    assert response.status_code == 200
    body = text(response)
    assert "Find out what residents need" in body
    assert body.count(f'action="{reverse("surveys:starter")}"') == 2  # header and empty state
    assert "New empty survey" in body
    assert f'href="{reverse("surveys:create")}"' in body


def test_list_shows_surveys_newest_first_with_state_languages_and_rate(
    coordinator_client, settlement, other_settlement
):
    older = make_survey(
        settlement,
        languages=("he", "en"),
        state=Survey.State.RUNNING,
        created_at=factories.FIXED_NOW - dt.timedelta(days=3),
        invitation_count=40,
        answer_count=10,
    )
    newer = make_survey(settlement, languages=("sl",), anonymous=False)
    make_survey(other_settlement, languages=("en",))
    response = coordinator_client.get(reverse("surveys:list"))
    rows = response.context["rows"]
    assert [row["survey"] for row in rows] == [newer, older]
    assert rows[1]["rate"] == 25
    assert rows[1]["languages"] == "Hebrew, English"
    assert rows[0]["rate"] is None
    body = text(response)
    assert "Running" in body and "Draft" in body
    assert "(25%)" in body
    assert "named" in body and "anonymous" in body
    assert "Survey sl" in body


def test_list_filters_by_state_and_searches_titles_in_every_language(
    coordinator_client, settlement
):
    make_survey(settlement, languages=("he",), title={"he": "סקר צרכים"})
    running = make_survey(settlement, state=Survey.State.RUNNING, title={"en": "Culture poll"})
    make_survey(settlement, state=Survey.State.CLOSED, title={"en": "Old culture poll"})
    url = reverse("surveys:list")

    by_state = coordinator_client.get(url, {"state": "running"})
    assert [row["survey"] for row in by_state.context["rows"]] == [running]

    hebrew = coordinator_client.get(url, {"q": "צרכים"})
    assert [row["title"] for row in hebrew.context["rows"]] == ["סקר צרכים"]

    both = coordinator_client.get(url, {"q": "CULTURE"})
    assert len(both.context["rows"]) == 2

    none = coordinator_client.get(url, {"q": "nothing like it"})
    assert none.context["rows"] == []
    assert "No survey matches this search." in text(none)


def test_list_paginates_and_answers_htmx_with_the_table_only(coordinator_client, settlement):
    for n in range(30):
        make_survey(settlement, title={"en": f"Poll {n}"})
    url = reverse("surveys:list")
    first = coordinator_client.get(url)
    assert len(first.context["rows"]) == 25
    assert first.context["page"].paginator.num_pages == 2
    second = coordinator_client.get(url, {"page": 2})
    assert len(second.context["rows"]) == 5
    partial = coordinator_client.get(url, {"q": "Poll"}, headers={"HX-Request": "true"})
    assert partial.status_code == 200
    assert "<html" not in text(partial)
    assert "Page 1 of 2" in text(partial)


def test_only_the_coordinator_reaches_the_builder(client, settlement, chair):
    client.force_login(chair)
    assert client.get(reverse("surveys:list")).status_code == 404
    assert client.post(reverse("surveys:starter")).status_code == 404
    assert count(settlement, Survey) == 0


# --- creating and the starter -------------------------------------------------------------


def test_create_form_defaults_to_the_settlement_language_and_anonymous(
    coordinator_client, settlement
):
    settlement.language = "sl"
    settlement.save()
    response = coordinator_client.get(reverse("surveys:create"))
    form = response.context["form"]
    assert form.initial["languages"] == ["sl"]
    assert form.initial["anonymous"] is True
    body = text(response)
    assert "results are shown only for groups of five" in body.lower()
    assert 'lang="he" dir="rtl"' in body


def test_create_a_survey(coordinator_client, settlement, coordinator):
    response = coordinator_client.post(
        reverse("surveys:create"),
        {
            "languages": ["en", "he"],
            "title_en": " Needs 2027 ",
            "title_he": "צרכים 2027",
            "title_sl": "ignored: not a chosen language",
            "intro_en": "Ten minutes.",
            "anonymous": "on",
        },
    )
    with scope(settlement=settlement.pk):
        survey = Survey.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:detail", kwargs={"pk": survey.pk})
    assert survey.languages == ["en", "he"]  # the settlement's language first
    assert survey.title == {"en": "Needs 2027", "he": "צרכים 2027"}
    assert survey.intro == {"en": "Ten minutes."}
    assert survey.anonymous is True
    assert survey.state == Survey.State.DRAFT
    assert survey.created_by == coordinator
    assert survey.created_at == factories.FIXED_NOW


def test_create_keeps_the_settlement_language_first(coordinator_client, settlement):
    settlement.language = "sl"
    settlement.save()
    coordinator_client.post(
        reverse("surveys:create"),
        {"languages": ["he", "sl"], "title_he": "סקר", "title_sl": "Anketa"},
    )
    with scope(settlement=settlement.pk):
        survey = Survey.objects.get()
    assert survey.languages == ["sl", "he"]
    assert survey.anonymous is False  # the box was not ticked


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "languages", "Choose at least one language."),
        ({"languages": ["en", "he"], "title_en": "Only English"}, "title_he", "Write the title in"),
        ({"languages": ["xx"], "title_en": "Hm"}, "languages", "Select a valid choice"),
        ({"languages": ["en"], "title_en": "x" * 201}, "title_en", "at most 200"),
    ],
)
def test_create_refuses_bad_input(coordinator_client, settlement, data, field, message):
    response = coordinator_client.post(reverse("surveys:create"), data)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert count(settlement, Survey) == 0


def test_the_starter_is_one_click_from_the_list(coordinator_client, settlement, coordinator):
    response = coordinator_client.post(reverse("surveys:starter"))
    with scope(settlement=settlement.pk):
        survey = Survey.objects.get()
    assert response["Location"] == reverse("surveys:detail", kwargs={"pk": survey.pk})
    assert survey.state == Survey.State.DRAFT
    assert survey.anonymous is True
    assert set(survey.languages) == {"he", "sl", "en"}
    assert survey.created_by == coordinator
    page = coordinator_client.get(response["Location"])
    assert "The ready-made needs survey is ready" in text(page)
    assert "Shown only if" in text(page)
    assert coordinator_client.get(reverse("surveys:starter")).status_code == 405


# --- the builder page --------------------------------------------------------------------


def test_detail_shows_sections_and_questions_in_order_with_conditions(
    coordinator_client, survey, section
):
    later = factories.SectionFactory(survey=survey, position=1, title={"en": "Later", "he": "אח"})
    volunteer = make_question(section, K.YES_NO, position=0)
    volunteer.text = {"en": "Would you volunteer?", "he": "תתנדבו?"}
    volunteer.save()
    areas = make_question(
        later, K.MULTIPLE, options=2, condition_question=volunteer, condition_value="yes"
    )
    chosen = options_of(areas)[1]
    make_question(
        later, K.SHORT_TEXT, position=1, condition_question=areas, condition_value=str(chosen.pk)
    )
    response = coordinator_client.get(reverse("surveys:detail", kwargs={"pk": survey.pk}))
    body = text(response)
    rows = response.context["structure"].questions
    assert [row.number for row in rows] == [1, 2, 3]
    assert body.index("Life") < body.index("Later")
    assert "Shown only if Q1 “Would you volunteer?” is “Yes”" in body
    assert "Shown only if Q2 “Question en multiple” includes “Option 1 en”" in body
    assert "Yes or no" in body and "Multiple choice" in body
    assert reverse("surveys:question_edit", kwargs={"pk": volunteer.pk}) in body
    assert reverse("surveys:section_add", kwargs={"pk": survey.pk}) in body
    # The first question cannot move up, the last cannot move down.
    assert rows[1].first and not rows[1].last
    assert rows[2].last and not rows[2].first
    for step in ("surveys:edit", "surveys:preview", "surveys:audience", "surveys:send"):
        assert reverse(step, kwargs={"pk": survey.pk}) in body


def test_detail_in_the_ui_language_when_the_survey_has_it(coordinator_client, survey, section):
    make_question(section)
    coordinator_client.cookies["django_language"] = "he"
    response = coordinator_client.get(
        reverse("surveys:detail", kwargs={"pk": survey.pk}), headers={"Accept-Language": "he"}
    )
    assert "Question he single" in text(response)
    assert "Survey he" in text(response)


def test_detail_flags_texts_missing_in_a_survey_language(coordinator_client, survey, section):
    factories.QuestionFactory(section=section, text={"en": "Only English"})
    response = coordinator_client.get(reverse("surveys:detail", kwargs={"pk": survey.pk}))
    assert "Text missing in Hebrew." in text(response)


def test_a_sent_survey_shows_no_editing_controls(coordinator_client, settlement):
    running = make_survey(settlement, state=Survey.State.RUNNING)
    section = factories.SectionFactory(survey=running)
    question = make_question(section, options=2)
    response = coordinator_client.get(reverse("surveys:detail", kwargs={"pk": running.pk}))
    body = text(response)
    assert "its questions can no longer change" in body
    assert reverse("surveys:question_edit", kwargs={"pk": question.pk}) not in body
    assert reverse("surveys:section_add", kwargs={"pk": running.pk}) not in body
    assert reverse("surveys:delete", kwargs={"pk": running.pk}) not in body
    for step in ("surveys:close", "surveys:copy", "surveys:results", "surveys:invitations"):
        assert reverse(step, kwargs={"pk": running.pk}) in body


# --- editing a survey's settings ---------------------------------------------------------


def edit_post(**overrides) -> dict:
    data = {
        "languages": ["en", "he"],
        "title_en": "Survey en",
        "title_he": "Survey he",
        "anonymous": "on",
        "closes_on": "",
        "reminder_days": "",
    }
    data.update(overrides)
    return data


def test_edit_a_draft(coordinator_client, survey):
    response = coordinator_client.post(
        reverse("surveys:edit", kwargs={"pk": survey.pk}),
        edit_post(title_en="New title", closes_on="2026-12-31", reminder_days="7, 3 ,3"),
    )
    assert response.status_code == 302
    survey = fresh(survey)
    assert survey.title == {"en": "New title", "he": "Survey he"}
    assert survey.closes_on == dt.date(2026, 12, 31)
    assert survey.reminder_days == [3, 7]
    assert survey.anonymous is True


def test_edit_form_shows_the_current_settings(coordinator_client, survey):
    survey.reminder_days = [3, 7]
    survey.save()
    response = coordinator_client.get(reverse("surveys:edit", kwargs={"pk": survey.pk}))
    assert response.status_code == 200
    assert 'value="3, 7"' in text(response)
    assert response.context["form"].initial["languages"] == ["en", "he"]


def test_removing_a_language_keeps_the_other_texts(coordinator_client, survey, section):
    question = make_question(section, options=2)
    coordinator_client.post(
        reverse("surveys:edit", kwargs={"pk": survey.pk}),
        edit_post(languages=["en"], title_he="dropped"),
    )
    survey = fresh(survey)
    assert survey.languages == ["en"]
    assert survey.title == {"en": "Survey en"}
    question = fresh(question)
    assert question.text["en"] == "Question en single"
    assert [o.label["en"] for o in options_of(question)] == ["Option 0 en", "Option 1 en"]
    assert fresh(section).title["en"] == "Life"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("closes_on", "2026-11-22", "cannot be in the past"),
        ("closes_on", "not a date", "Enter a valid date"),
        ("reminder_days", "3, soon", "Write whole numbers of days"),
        ("reminder_days", "3, -1", "Write whole numbers of days"),
        ("reminder_days", "0, 3", "at least one day"),
        ("reminder_days", "1, 2, 3, 4, 5, 6", "At most 5 reminders"),
        ("reminder_days", "400", "at most 90 days"),
        ("title_he", "", "Write the title in Hebrew"),
    ],
)
def test_edit_refuses_bad_input(coordinator_client, survey, field, value, message):
    response = coordinator_client.post(
        reverse("surveys:edit", kwargs={"pk": survey.pk}), edit_post(**{field: value})
    )
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    unchanged = fresh(survey)
    assert unchanged.reminder_days == [] and unchanged.closes_on is None
    assert unchanged.title == survey.title


def test_today_is_a_valid_closing_date(coordinator_client, survey):
    response = coordinator_client.post(
        reverse("surveys:edit", kwargs={"pk": survey.pk}), edit_post(closes_on=TODAY.isoformat())
    )
    assert response.status_code == 302
    assert fresh(survey).closes_on == TODAY


def test_a_running_survey_changes_only_its_closing_date_and_reminders(
    coordinator_client, settlement
):
    running = make_survey(settlement, state=Survey.State.RUNNING)
    url = reverse("surveys:edit", kwargs={"pk": running.pk})
    page = coordinator_client.get(url)
    assert page.status_code == 200
    assert set(page.context["form"].fields) == {"closes_on", "reminder_days"}
    response = coordinator_client.post(
        url,
        edit_post(
            languages=["sl"], title_sl="Hijack", closes_on="2026-12-10", reminder_days="2, 5"
        ),
    )
    assert response.status_code == 302
    running = fresh(running)
    assert running.closes_on == dt.date(2026, 12, 10)
    assert running.reminder_days == [2, 5]
    assert running.languages == ["en", "he"]
    assert "sl" not in running.title
    bad = coordinator_client.post(url, {"closes_on": "2026-01-01", "reminder_days": ""})
    assert bad.status_code == 400
    assert fresh(running).closes_on == dt.date(2026, 12, 10)


def test_a_closed_survey_cannot_be_edited(coordinator_client, settlement):
    closed = make_survey(settlement, state=Survey.State.CLOSED)
    url = reverse("surveys:edit", kwargs={"pk": closed.pk})
    for response in (coordinator_client.get(url), coordinator_client.post(url, edit_post())):
        assert response.status_code == 302
        assert response["Location"] == reverse("surveys:detail", kwargs={"pk": closed.pk})


# --- sent surveys are protected ----------------------------------------------------------

LOCKED_URLS = [
    ("surveys:section_add", "survey", {"title_en": "New"}),
    ("surveys:section_edit", "section", {"title_en": "Changed"}),
    ("surveys:section_delete", "section", {}),
    ("surveys:question_add", "section", question_post()),
    ("surveys:question_edit", "question", question_post()),
    ("surveys:question_delete", "question", {}),
    ("surveys:question_move", "question", {"direction": "down"}),
]


@pytest.mark.parametrize("state", [Survey.State.RUNNING, Survey.State.CLOSED])
@pytest.mark.parametrize(("name", "obj", "data"), LOCKED_URLS)
def test_a_sent_survey_cannot_change(coordinator_client, settlement, state, name, obj, data):
    sent = make_survey(settlement, state=state)
    section = factories.SectionFactory(survey=sent, title={"en": "Fixed"})
    question = make_question(section, options=2)
    make_question(section, K.NUMBER, position=1)
    objects = {"survey": sent, "section": section, "question": question}
    url = reverse(name, kwargs={"pk": objects[obj].pk})
    before = (
        count(settlement, Section),
        count(settlement, Question),
        count(settlement, Option),
        [q.pk for q in questions_of(section)],
        fresh(section).title,
        fresh(question).text,
    )
    if name != "surveys:question_move":
        get = coordinator_client.get(url)
        assert get.status_code == 302
    response = coordinator_client.post(url, data, follow=True)
    assert response.redirect_chain[0] == (reverse("surveys:detail", kwargs={"pk": sent.pk}), 302)
    assert "This survey has been sent; its questions can no longer change." in text(response)
    after = (
        count(settlement, Section),
        count(settlement, Question),
        count(settlement, Option),
        [q.pk for q in questions_of(section)],
        fresh(section).title,
        fresh(question).text,
    )
    assert after == before


def test_services_refuse_a_sent_survey_too(settlement):
    sent = make_survey(settlement, state=Survey.State.RUNNING)
    section = factories.SectionFactory(survey=sent)
    question = make_question(section)
    with scope(settlement=settlement.pk):
        with pytest.raises(services.SurveyLocked):
            services.section_create(survey=sent, title={"en": "x"})
        with pytest.raises(services.SurveyLocked):
            services.question_update(
                question=question, data=services.QuestionData(kind=K.NUMBER, text={"en": "x"})
            )
        with pytest.raises(services.BuilderError):
            services.survey_delete(survey=sent)
    assert exists(question)


# --- sections ----------------------------------------------------------------------------


def test_add_and_edit_a_section(coordinator_client, survey, section):
    response = coordinator_client.post(
        reverse("surveys:section_add", kwargs={"pk": survey.pk}), {"title_he": " תרבות "}
    )
    assert response.status_code == 302
    with scope(settlement=survey.settlement_id):
        added = Section.objects.filter(survey=survey).order_by("-position").first()
    assert added.title == {"he": "תרבות"}
    assert added.position == 1
    assert response["Location"].endswith(f"#section-{added.pk}")
    edit = coordinator_client.post(
        reverse("surveys:section_edit", kwargs={"pk": added.pk}),
        {"title_he": "תרבות", "title_en": "Culture"},
    )
    assert edit.status_code == 302
    assert fresh(added).title == {"he": "תרבות", "en": "Culture"}


def test_a_section_needs_a_title(coordinator_client, survey, section):
    response = coordinator_client.post(
        reverse("surveys:section_add", kwargs={"pk": survey.pk}), {"title_en": "  "}
    )
    assert response.status_code == 400
    assert "at least one language" in text(response)
    assert count(survey.settlement, Section) == 1
    edit = coordinator_client.post(reverse("surveys:section_edit", kwargs={"pk": section.pk}), {})
    assert edit.status_code == 400
    assert fresh(section).title == {"en": "Life", "he": "חיים"}


def test_delete_a_section_with_its_questions(coordinator_client, survey, section):
    gate = make_question(section, K.YES_NO)
    make_question(section, K.NUMBER, position=1)
    later = factories.SectionFactory(survey=survey, position=1)
    dependent = make_question(later, condition_question=gate, condition_value="yes")
    last = factories.SectionFactory(survey=survey, position=2)
    url = reverse("surveys:section_delete", kwargs={"pk": section.pk})
    page = coordinator_client.get(url)
    assert page.status_code == 200
    assert "Its 2 questions are deleted with it." in text(page)
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert not exists(section) and not exists(gate)
    dependent = fresh(dependent)
    assert dependent.condition_question is None and dependent.condition_value == ""
    assert [fresh(later).position, fresh(last).position] == [0, 1]


# --- questions ---------------------------------------------------------------------------


def add_question(client, section, data):
    return client.post(reverse("surveys:question_add", kwargs={"pk": section.pk}), data)


def test_add_a_choice_question_goes_last(coordinator_client, section):
    first = make_question(section, K.NUMBER)
    response = add_question(coordinator_client, section, question_post(help_en="Pick one"))
    assert response.status_code == 302
    question = questions_of(section)[-1]
    assert question.pk != first.pk and question.position == 1
    assert response["Location"].endswith(f"#question-{question.pk}")
    assert question.kind == K.SINGLE and question.required is True
    assert question.text == {"en": "What en?", "he": "What he?"}
    assert question.help == {"en": "Pick one"}
    labels = [option.label for option in options_of(question)]
    assert labels == [
        {"en": "One en", "he": "One he"},
        {"en": "Two en", "he": "Two he"},
        {"en": "Three en", "he": "Three he"},
    ]


@pytest.mark.parametrize("kind", [K.MULTIPLE, K.RANKING])
def test_other_choice_kinds_have_options(coordinator_client, section, kind):
    assert add_question(coordinator_client, section, question_post(kind=kind)).status_code == 302
    assert len(options_of(questions_of(section)[0])) == 3


def test_add_a_rating_question(coordinator_client, section):
    response = add_question(
        coordinator_client,
        section,
        question_post(
            kind=K.RATING,
            scale_min="0",
            scale_max="10",
            scale_min_label_en="Never",
            scale_max_label_he="תמיד",
        ),
    )
    assert response.status_code == 302
    question = questions_of(section)[0]
    assert (question.scale_min, question.scale_max) == (0, 10)
    assert question.scale_min_label == {"en": "Never"}
    assert question.scale_max_label == {"he": "תמיד"}
    assert options_of(question) == []  # the option lines were for another kind


@pytest.mark.parametrize(
    ("kind", "extra"),
    [
        (K.NUMBER, {"number_min": "0", "number_max": "12"}),
        (K.NUMBER, {"number_min": "", "number_max": ""}),
        (K.SHORT_TEXT, {}),
        (K.LONG_TEXT, {}),
        (K.YES_NO, {}),
    ],
)
def test_add_questions_of_the_other_kinds(coordinator_client, section, kind, extra):
    response = add_question(coordinator_client, section, question_post(kind=kind, **extra))
    assert response.status_code == 302
    question = questions_of(section)[0]
    assert question.kind == kind
    assert options_of(question) == []
    if extra.get("number_max"):
        assert (question.number_min, question.number_max) == (0, 12)
    else:
        assert question.number_min is None and question.number_max is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"kind": ""}, "kind", "This field is required"),
        ({"kind": "essay"}, "kind", "Select a valid choice"),
        ({"text_he": ""}, "text_he", "Write the question in Hebrew."),
        ({"options_he": "One\nTwo"}, "options_he", "Every language needs the same options"),
        ({"options_he": "One\nTwo"}, "options_en", "English: 3"),
        ({"options_en": "Only", "options_he": "Only"}, "options_en", "at least 2 options"),
        (
            {
                "options_en": "\n".join(f"o{n}" for n in range(21)),
                "options_he": "\n".join(f"o{n}" for n in range(21)),
            },
            "options_he",
            "At most 20 options",
        ),
        ({"kind": K.RATING, "scale_min": "5", "scale_max": "5"}, "scale_max", "must be more"),
        ({"kind": K.RATING, "scale_min": "5", "scale_max": "1"}, "scale_max", "must be more"),
        ({"kind": K.RATING, "scale_min": "0", "scale_max": "11"}, "scale_max", "at most 11"),
        ({"kind": K.RATING, "scale_min": "", "scale_max": "5"}, "scale_min", "both ends"),
        ({"kind": K.RATING, "scale_min": "x", "scale_max": "5"}, "scale_min", "whole number"),
        ({"kind": K.NUMBER, "number_min": "9", "number_max": "2"}, "number_max", "cannot be less"),
        ({"condition": "999999:yes"}, "condition", "Choose an answer of an earlier question"),
    ],
)
def test_question_validation(coordinator_client, section, overrides, field, message):
    response = add_question(coordinator_client, section, question_post(**overrides))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert questions_of(section) == []
    assert count(section.settlement, Option) == 0


def test_a_blank_question_form_is_a_400_with_every_error(coordinator_client, section):
    response = add_question(coordinator_client, section, {})
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert {"kind", "text_en", "text_he"} <= set(errors)
    assert "Nothing was saved" in text(response)


def test_condition_on_an_earlier_answer(coordinator_client, survey, section):
    gate = make_question(section, K.YES_NO)
    choice = make_question(section, K.SINGLE, options=2, position=1)
    make_question(section, K.NUMBER, position=2)  # a number cannot be a condition
    option = options_of(choice)[1]
    page = coordinator_client.get(reverse("surveys:question_add", kwargs={"pk": section.pk}))
    values = [value for value, _label in page.context["form"].fields["condition"].choices]
    assert values == [
        "",
        f"{gate.pk}:yes",
        f"{gate.pk}:no",
        f"{choice.pk}:{options_of(choice)[0].pk}",
        f"{choice.pk}:{option.pk}",
    ]
    assert "Q1 “Question en yes_no” is “Yes”" in text(page)

    response = add_question(
        coordinator_client, section, question_post(condition=f"{choice.pk}:{option.pk}")
    )
    assert response.status_code == 302
    added = questions_of(section)[-1]
    assert added.condition_question == choice
    assert added.condition_value == str(option.pk)


def test_a_condition_must_name_an_earlier_question_of_the_same_survey(
    coordinator_client, settlement, survey, section
):
    first = make_question(section, K.SINGLE, options=2)
    later = make_question(section, K.YES_NO, position=1)
    other_survey = make_survey(settlement)
    foreign = make_question(factories.SectionFactory(survey=other_survey), K.YES_NO)
    url = reverse("surveys:question_edit", kwargs={"pk": first.pk})
    for value in (
        f"{later.pk}:yes",  # later, not earlier
        f"{foreign.pk}:yes",  # another survey
        f"{first.pk}:{options_of(first)[0].pk}",  # itself
        f"{first.pk}:yes",
        "garbage",
    ):
        response = coordinator_client.post(url, question_post(condition=value))
        assert response.status_code == 400, value
        assert "condition" in response.context["form"].errors
    assert fresh(first).condition_question is None

    # An option of another question does not belong to this one.
    third = add_question(
        coordinator_client,
        section,
        question_post(condition=f"{later.pk}:{options_of(first)[0].pk}"),
    )
    assert third.status_code == 400


def test_a_condition_in_an_earlier_section_is_offered(coordinator_client, survey, section):
    gate = make_question(section, K.YES_NO)
    later = factories.SectionFactory(survey=survey, position=1)
    question = make_question(later)
    page = coordinator_client.get(reverse("surveys:question_edit", kwargs={"pk": question.pk}))
    values = [value for value, _label in page.context["form"].fields["condition"].choices]
    assert f"{gate.pk}:yes" in values
    # ... but a question of a section further down is not offered to one above it.
    page = coordinator_client.get(reverse("surveys:question_edit", kwargs={"pk": gate.pk}))
    assert [v for v, _l in page.context["form"].fields["condition"].choices] == [""]


def test_edit_a_question_keeps_its_options_by_position(coordinator_client, section):
    question = make_question(section, options=3)
    before = options_of(question)
    url = reverse("surveys:question_edit", kwargs={"pk": question.pk})
    page = coordinator_client.get(url)
    assert page.context["form"].initial["options_en"] == "Option 0 en\nOption 1 en\nOption 2 en"
    response = coordinator_client.post(
        url,
        question_post(
            text_en="Renamed",
            options_en="Zero\nOne\nTwo\nThree",
            options_he="אפס\nאחת\nשתיים\nשלוש",
        ),
    )
    assert response.status_code == 302
    after = options_of(question)
    assert [o.pk for o in after[:3]] == [o.pk for o in before]
    assert [o.label["en"] for o in after] == ["Zero", "One", "Two", "Three"]
    assert fresh(question).text["en"] == "Renamed"
    response = coordinator_client.post(
        url, question_post(options_en="Zero\nOne", options_he="אפס\nאחת")
    )
    assert response.status_code == 302
    assert [o.pk for o in options_of(question)] == [o.pk for o in before[:2]]


def test_removing_an_option_forgets_the_conditions_on_it(coordinator_client, section):
    question = make_question(section, options=3)
    third = options_of(question)[2]
    first_dependent = make_question(
        section, K.NUMBER, position=1, condition_question=question, condition_value=str(third.pk)
    )
    kept = make_question(
        section,
        K.NUMBER,
        position=2,
        condition_question=question,
        condition_value=str(options_of(question)[0].pk),
    )
    response = coordinator_client.post(
        reverse("surveys:question_edit", kwargs={"pk": question.pk}),
        question_post(options_en="A\nB", options_he="א\nב"),
    )
    assert response.status_code == 302
    assert fresh(first_dependent).condition_question is None
    assert fresh(first_dependent).condition_value == ""
    assert fresh(kept).condition_question == question


def test_changing_the_kind_drops_options_and_conditions(coordinator_client, section):
    question = make_question(section, options=2)
    dependent = make_question(
        section,
        K.LONG_TEXT,
        position=1,
        condition_question=question,
        condition_value=str(options_of(question)[0].pk),
    )
    response = coordinator_client.post(
        reverse("surveys:question_edit", kwargs={"pk": question.pk}),
        question_post(kind=K.NUMBER, number_min="1"),
    )
    assert response.status_code == 302
    question = fresh(question)
    assert question.kind == K.NUMBER and question.number_min == 1
    assert options_of(question) == []
    assert fresh(dependent).condition_question is None


def test_delete_a_question_lists_and_frees_its_dependents(coordinator_client, section):
    gate = make_question(section, K.YES_NO)
    middle = make_question(section, K.NUMBER, position=1)
    dependent = make_question(
        section, K.LONG_TEXT, position=2, condition_question=gate, condition_value="no"
    )
    url = reverse("surveys:question_delete", kwargs={"pk": gate.pk})
    page = coordinator_client.get(url)
    assert page.status_code == 200
    assert "Question en long_text" in text(page)
    assert "shown to everyone" in text(page)
    response = coordinator_client.post(url)
    assert response.status_code == 302
    assert not exists(gate)
    dependent = fresh(dependent)
    assert dependent.condition_question is None and dependent.condition_value == ""
    assert [q.pk for q in questions_of(section)] == [middle.pk, dependent.pk]
    assert [q.position for q in questions_of(section)] == [0, 1]


# --- moving ------------------------------------------------------------------------------


def move(client, question, direction):
    return client.post(
        reverse("surveys:question_move", kwargs={"pk": question.pk}), {"direction": direction}
    )


def test_move_questions_within_their_section(coordinator_client, section):
    a, b, c = (make_question(section, K.NUMBER, position=n) for n in (0, 5, 9))
    response = move(coordinator_client, c, "up")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#question-{c.pk}")
    assert questions_of(section) == [a, c, b]
    assert [q.position for q in questions_of(section)] == [0, 1, 2]
    move(coordinator_client, a, "down")
    assert questions_of(section) == [c, a, b]
    assert move(coordinator_client, c, "up").status_code == 302  # already first: nothing
    assert move(coordinator_client, b, "down").status_code == 302
    assert questions_of(section) == [c, a, b]


@pytest.mark.parametrize("data", [{}, {"direction": "sideways"}])
def test_move_needs_a_direction(coordinator_client, section, data):
    a, b = make_question(section, K.NUMBER), make_question(section, K.NUMBER, position=1)
    response = coordinator_client.post(reverse("surveys:question_move", kwargs={"pk": b.pk}), data)
    assert response.status_code == 400
    assert "move the question up or down" in text(response)
    assert questions_of(section) == [a, b]


def test_a_question_never_moves_above_the_one_it_depends_on(coordinator_client, section):
    gate = make_question(section, K.YES_NO)
    dependent = make_question(
        section, K.NUMBER, position=1, condition_question=gate, condition_value="yes"
    )
    for question, direction in ((dependent, "up"), (gate, "down")):
        response = coordinator_client.post(
            reverse("surveys:question_move", kwargs={"pk": question.pk}),
            {"direction": direction},
            follow=True,
        )
        assert "cannot move above the question whose answer it depends on" in text(response)
    assert questions_of(section) == [gate, dependent]
    with pytest.raises(services.BuilderError), scope(settlement=section.settlement_id):
        services.question_move(question=dependent, direction="left")


# --- copying -----------------------------------------------------------------------------


def test_copy_a_running_survey_as_a_new_draft(coordinator_client, settlement, coordinator):
    original = make_survey(
        settlement,
        languages=("he", "sl", "en"),
        state=Survey.State.RUNNING,
        intro={"en": "Hello"},
        anonymous=False,
        reminder_days=[3, 7],
        audience=Survey.Audience.TAG,
        audience_age_groups=["seniors"],
        share_token="secret-share",
        sent_at=factories.FIXED_NOW,
        closes_on=dt.date(2026, 12, 1),
        invitation_count=5,
        answer_count=2,
    )
    tag = factories.TagFactory(settlement=settlement)
    resident = factories.ResidentFactory(settlement=settlement)
    original.audience_tags.add(tag)
    original.audience_residents.add(resident)
    first = factories.SectionFactory(survey=original, position=0, title={"en": "A"})
    second = factories.SectionFactory(survey=original, position=1, title={"en": "B"})
    gate = make_question(first, K.YES_NO)
    choice = make_question(first, K.SINGLE, options=3, position=1)
    chosen = options_of(choice)[2]
    by_yes = make_question(second, K.NUMBER, condition_question=gate, condition_value="yes")
    by_option = make_question(
        second, K.LONG_TEXT, position=1, condition_question=choice, condition_value=str(chosen.pk)
    )
    factories.InvitationFactory(survey=original, resident=resident)
    response_row = factories.ResponseFactory(survey=original)
    factories.AnswerFactory(response=response_row, question=gate, flag=True)
    before = {
        "questions": [
            (q.pk, q.condition_question_id, q.condition_value)
            for s in (first, second)
            for q in questions_of(s)
        ],
        "options": count(settlement, Option),
        "title": fresh(original).title,
    }

    response = coordinator_client.post(reverse("surveys:copy", kwargs={"pk": original.pk}))
    with scope(settlement=settlement.pk):
        copy = Survey.objects.exclude(pk=original.pk).get()
    assert response["Location"] == reverse("surveys:detail", kwargs={"pk": copy.pk})
    assert copy.state == Survey.State.DRAFT
    assert copy.copied_from == original
    assert copy.created_by == coordinator
    assert copy.title == {
        "he": "Survey he (עותק)",
        "sl": "Survey sl (kopija)",
        "en": "Survey en (copy)",
    }
    assert copy.languages == ["he", "sl", "en"]
    assert copy.intro == {"en": "Hello"}
    assert copy.anonymous is False
    assert copy.reminder_days == [3, 7]
    assert copy.audience == Survey.Audience.TAG
    assert copy.audience_age_groups == ["seniors"]
    with scope(settlement=settlement.pk):
        assert list(copy.audience_tags.all()) == [tag]
        assert list(copy.audience_residents.all()) == [resident]
    assert copy.share_token is None and copy.sent_at is None and copy.closes_on is None
    assert (copy.invitation_count, copy.answer_count) == (0, 0)
    assert count(settlement, Invitation, survey=copy) == 0
    assert count(settlement, Response, survey=copy) == 0

    with scope(settlement=settlement.pk):
        sections = list(Section.objects.filter(survey=copy).order_by("position"))
        assert [s.title for s in sections] == [{"en": "A"}, {"en": "B"}]
        copied = {q.text["en"]: q for s in sections for q in questions_of(s)}
        assert len(copied) == 4
        new_gate = copied[gate.text["en"]]
        new_choice = copied[choice.text["en"]]
        new_by_yes = copied[by_yes.text["en"]]
        new_by_option = copied[by_option.text["en"]]
        assert all(q.survey_id == copy.pk for q in copied.values())
        assert new_by_yes.condition_question == new_gate
        assert new_by_yes.condition_value == "yes"
        new_options = options_of(new_choice)
        assert [o.label for o in new_options] == [o.label for o in options_of(choice)]
        assert new_by_option.condition_question == new_choice
        assert new_by_option.condition_value == str(new_options[2].pk)
        assert new_by_option.section == sections[1]

    after = {
        "questions": [
            (q.pk, q.condition_question_id, q.condition_value)
            for s in (first, second)
            for q in questions_of(s)
        ],
        "options": count(settlement, Option) - 3,
        "title": fresh(original).title,
    }
    assert after == before
    assert fresh(original).state == Survey.State.RUNNING
    assert fresh(original).share_token == "secret-share"


def test_copy_is_post_only(coordinator_client, survey):
    assert (
        coordinator_client.get(reverse("surveys:copy", kwargs={"pk": survey.pk})).status_code == 405
    )


# --- deleting ----------------------------------------------------------------------------


def test_delete_a_draft(coordinator_client, survey, section):
    make_question(section, options=2)
    url = reverse("surveys:delete", kwargs={"pk": survey.pk})
    page = coordinator_client.get(url)
    assert page.status_code == 200
    assert "Delete the draft “Survey en”?" in text(page)
    response = coordinator_client.post(url)
    assert response["Location"] == reverse("surveys:list")
    assert not exists(survey)
    assert count(survey.settlement, Question) == 0
    with scope(settlement=survey.settlement_id):
        event = AuditEvent.objects.get(object_type="survey")
    assert event.action == AuditEvent.Action.DELETED and event.object_id == survey.pk


@pytest.mark.parametrize("state", [Survey.State.RUNNING, Survey.State.CLOSED])
def test_a_sent_survey_cannot_be_deleted(coordinator_client, settlement, state):
    sent = make_survey(settlement, state=state)
    url = reverse("surveys:delete", kwargs={"pk": sent.pk})
    assert coordinator_client.get(url).status_code == 302
    response = coordinator_client.post(url, follow=True)
    assert response.redirect_chain[0] == (reverse("surveys:detail", kwargs={"pk": sent.pk}), 302)
    assert "cannot be deleted" in text(response)
    assert exists(sent)


def test_another_settlements_survey_is_not_found(coordinator_client, other_settlement):
    theirs = make_survey(other_settlement)
    section = factories.SectionFactory(survey=theirs)
    question = make_question(section)
    for name, pk in (
        ("surveys:detail", theirs.pk),
        ("surveys:edit", theirs.pk),
        ("surveys:section_edit", section.pk),
        ("surveys:question_edit", question.pk),
    ):
        assert coordinator_client.get(reverse(name, kwargs={"pk": pk})).status_code == 404
    assert (
        coordinator_client.post(reverse("surveys:copy", kwargs={"pk": theirs.pk})).status_code
        == 404
    )
    assert (
        coordinator_client.post(reverse("surveys:delete", kwargs={"pk": theirs.pk})).status_code
        == 404
    )
    assert exists(theirs)
