"""The ready-made needs survey: complete in Hebrew, Slovenian and English, every kind of
question, a valid condition, and a draft made from it that a coordinator can send."""

import re

import pytest
from django_scopes import scope

from surveys import starter
from surveys.models import Option, Question, Section
from surveys.services.builder import survey_from_starter
from tests import factories

HEBREW = re.compile(r"[\u0590-\u05FF]")
LATIN = re.compile(r"[A-Za-z]")
K = Question.Kind


def all_questions() -> list[starter.StarterQuestion]:
    return [question for section in starter.SECTIONS for question in section.questions]


def all_texts() -> list[dict[str, str]]:
    texts = [starter.TITLE, starter.INTRO]
    for section in starter.SECTIONS:
        texts.append(section.title)
        for question in section.questions:
            texts += [question.text, *question.options]
            if question.help:
                texts.append(question.help)
            if question.scale_labels:
                texts += list(question.scale_labels)
    return texts


def test_every_text_is_in_all_three_languages():
    for texts in all_texts():
        assert set(texts) == {"he", "sl", "en"}, texts
        assert all(value.strip() for value in texts.values()), texts


def test_hebrew_is_hebrew_and_slovenian_is_not_english():
    for texts in all_texts():
        assert HEBREW.search(texts["he"]), texts["he"]
        assert not LATIN.search(texts["he"].replace("SMS", "")), texts["he"]
        assert not HEBREW.search(texts["sl"]) and not HEBREW.search(texts["en"])
    different = [texts for texts in all_texts() if texts["sl"] != texts["en"]]
    assert len(different) == len(all_texts())


def test_slovenian_reads_as_slovenian():
    words = " ".join(texts["sl"] for texts in all_texts())
    assert re.search(r"[čšž]", words)
    for common in (" in ", " za ", " v ", " bi "):
        assert common in words


def test_six_sections_of_two_to_five_questions():
    assert len(starter.SECTIONS) == 6
    for section in starter.SECTIONS:
        assert 2 <= len(section.questions) <= 5
    titles = [section.title["en"] for section in starter.SECTIONS]
    assert titles == [
        "Community life",
        "Culture and events",
        "Classes for every age",
        "Volunteering",
        "Support and mutual help",
        "Staying informed",
    ]


def test_every_kind_of_question_is_used():
    assert {question.kind for question in all_questions()} == set(K.values)


def test_classes_by_age_group():
    classes = starter.SECTIONS[2].questions
    asked = " ".join(question.text["en"] for question in classes)
    for group in ("children", "young people", "adults", "seniors"):
        assert group in asked


def test_choice_questions_have_the_same_options_in_every_language():
    for question in all_questions():
        if question.kind in Question.CHOICE_KINDS:
            assert 2 <= len(question.options) <= 20, question.key
        else:
            assert question.options == (), question.key
        for option in question.options:
            assert set(option) == {"he", "sl", "en"}


def test_keys_are_unique_and_the_condition_refers_to_an_earlier_question():
    questions = all_questions()
    keys = [question.key for question in questions]
    assert len(set(keys)) == len(keys)
    conditioned = [question for question in questions if question.shown_if]
    assert len(conditioned) == 1
    (question,) = conditioned
    key, value = question.shown_if
    earlier = questions[: questions.index(question)]
    target = next(q for q in earlier if q.key == key)
    assert target.kind == K.YES_NO and value == "yes"
    assert question.text["en"] == "In which areas would you volunteer?"


def test_ratings_and_numbers_are_well_formed():
    for question in all_questions():
        if question.kind == K.RATING:
            low, high = question.scale
            assert low < high and high - low < 11
            assert question.scale_labels is not None
        if question.kind == K.NUMBER:
            low, high = question.number_range
            assert low is not None and high is not None and low <= high


@pytest.mark.parametrize("language", ["he", "sl", "en"])
def test_the_draft_made_from_it(settlement, coordinator, language):
    settlement.language = language
    settlement.save()
    with scope(settlement=settlement.pk):
        survey = survey_from_starter(settlement=settlement, by=coordinator)
        assert survey.languages[0] == language
        assert sorted(survey.languages) == ["en", "he", "sl"]
        assert survey.title == starter.TITLE
        assert survey.intro == starter.INTRO
        assert survey.anonymous is True
        assert survey.created_by == coordinator
        sections = list(Section.objects.filter(survey=survey).order_by("position"))
        assert [s.title for s in sections] == [s.title for s in starter.SECTIONS]
        questions = list(
            Question.objects.filter(survey=survey).order_by("section__position", "position")
        )
        assert [q.text for q in questions] == [q.text for q in all_questions()]
        assert [q.position for q in questions if q.section_id == sections[0].pk] == [0, 1, 2]
        assert Option.objects.filter(question__survey=survey).count() == sum(
            len(q.options) for q in all_questions()
        )
        areas = next(q for q in questions if q.condition_question_id)
        assert areas.condition_question.kind == K.YES_NO
        assert areas.condition_value == "yes"
        assert questions.index(areas.condition_question) < questions.index(areas)
        rating = next(q for q in questions if q.kind == K.RATING)
        assert rating.required and rating.scale_min_label["he"]
        number = next(q for q in questions if q.kind == K.NUMBER)
        assert (number.number_min, number.number_max) == (0, 10)


def test_two_starters_are_two_independent_drafts(settlement, coordinator):
    with scope(settlement=settlement.pk):
        first = survey_from_starter(settlement=settlement, by=coordinator)
        second = survey_from_starter(settlement=settlement, by=coordinator)
        assert first.pk != second.pk
        assert Question.objects.filter(survey=second).count() == len(all_questions())
    other = factories.SettlementFactory()
    with scope(settlement=other.pk):
        assert Question.objects.filter(survey=first).count() == 0
