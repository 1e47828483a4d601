"""The demo's needs mapping (``manage.py seed_demo``): in each settlement the ready-made
needs survey, sent five days ago and answered by about four residents in ten; a draft copy;
three meetings; needs drawn from them. In the settlement's language. Idempotent: a
settlement that has a survey is left as it is."""

import datetime as dt
import random

from django.db import transaction

from coordinator import clock
from coordinator.models import AgeGroup, Settlement, User
from messaging.models import Message

from .models import Invitation, MappingRecord, Need, Question, Survey
from .services import dispatch
from .services.answering import AnswerValue, response_submit
from .services.builder import survey_copy, survey_from_starter

RECORDS = {
    "en": [
        (
            "house_meeting",
            "House meeting on Oak Street",
            "Parents of young children want a playgroup on weekday mornings; "
            "older neighbours feel lonely in winter.",
        ),
        (
            "focus_group",
            "Focus group with teenagers",
            "No place to meet in the evening; "
            "interest in a music room and a summer volunteering programme.",
        ),
        (
            "steering_team",
            "Steering team: first session",
            "Agreed to map needs by survey in November and to hold two more house meetings.",
        ),
    ],
    "he": [
        (
            "house_meeting",
            "חוג בית ברחוב האלון",
            "הורים לילדים צעירים מבקשים משחקייה בבקרים; ותיקים מרגישים בודדים בחורף.",
        ),
        (
            "focus_group",
            "קבוצת מיקוד עם בני נוער",
            "אין מקום מפגש בערבים; עניין בחדר מוזיקה ובתוכנית התנדבות בקיץ.",
        ),
        (
            "steering_team",
            "צוות היגוי: מפגש ראשון",
            "הוחלט למפות צרכים בסקר בנובמבר ולקיים עוד שני חוגי בית.",
        ),
    ],
    "sl": [
        (
            "house_meeting",
            "Srečanje na domu v Lipovi ulici",
            "Starši majhnih otrok si želijo dopoldansko igralnico; "
            "starejši sosedje so pozimi osamljeni.",
        ),
        (
            "focus_group",
            "Fokusna skupina z mladimi",
            "Zvečer nimajo prostora za druženje; "
            "zanimata jih glasbena soba in poletno prostovoljstvo.",
        ),
        (
            "steering_team",
            "Usmerjevalna skupina: prvo srečanje",
            "Dogovorili smo se za anketo novembra in še dve srečanji na domu.",
        ),
    ],
}
NEEDS = {
    "en": [
        ("A morning playgroup for toddlers", ["children"], 4, 3),
        ("An evening meeting place for teenagers", ["youth"], 4, 4),
        ("Company and visits for seniors living alone", ["seniors"], 5, 4),
        ("Better information about what is on", [], 3, 2),
        ("Welcome programme for new families", ["adults"], 3, 3),
    ],
    "he": [
        ("משחקייה בבוקר לפעוטות", ["children"], 4, 3),
        ("מקום מפגש לבני נוער בערבים", ["youth"], 4, 4),
        ("ביקורים וחברה לוותיקים הגרים לבד", ["seniors"], 5, 4),
        ("מידע טוב יותר על מה שקורה ביישוב", [], 3, 2),
        ("תוכנית קליטה למשפחות חדשות", ["adults"], 3, 3),
    ],
    "sl": [
        ("Dopoldanska igralnica za malčke", ["children"], 4, 3),
        ("Večerni prostor za druženje mladih", ["youth"], 4, 4),
        ("Obiski in družba za starejše, ki živijo sami", ["seniors"], 5, 4),
        ("Boljše obveščanje o dogajanju", [], 3, 2),
        ("Program dobrodošlice za nove družine", ["adults"], 3, 3),
    ],
}
TEXTS = {
    "en": ["More evening events please", "A bench by the playground", "Thank you for asking!"],
    "he": ["יותר אירועים בערב", "ספסל ליד גן המשחקים", "תודה ששאלתם!"],
    "sl": ["Več večernih dogodkov", "Klop ob igrišču", "Hvala, da sprašujete!"],
}


def _answers(
    question_options: list[tuple[Question, list[int]]], rng: random.Random, language: str
) -> list[AnswerValue]:
    values: list[AnswerValue] = []
    for question, options in question_options:
        if question.condition_question_id and rng.random() < 0.5:
            continue
        kind = question.kind
        if kind == Question.Kind.SINGLE and options:
            values.append(AnswerValue(question.pk, option_id=rng.choice(options)))
        elif kind == Question.Kind.MULTIPLE and options:
            for option in rng.sample(options, k=rng.randint(1, min(3, len(options)))):
                values.append(AnswerValue(question.pk, option_id=option))
        elif kind == Question.Kind.RANKING and options:
            order = rng.sample(options, k=len(options))
            values += [
                AnswerValue(question.pk, option_id=o, rank=n + 1) for n, o in enumerate(order)
            ]
        elif kind == Question.Kind.RATING:
            values.append(
                AnswerValue(question.pk, number=rng.randint(question.scale_min, question.scale_max))
            )
        elif kind == Question.Kind.NUMBER:
            low = question.number_min or 0
            values.append(
                AnswerValue(
                    question.pk,
                    number=rng.randint(low, max(low, min(question.number_max or 10, 10))),
                )
            )
        elif kind == Question.Kind.YES_NO:
            values.append(AnswerValue(question.pk, flag=rng.random() < 0.6))
        elif rng.random() < 0.3:
            values.append(AnswerValue(question.pk, text=rng.choice(TEXTS[language])))
    return values


def seed(settlement: Settlement) -> None:
    if Survey.objects.filter(settlement=settlement).exists():
        return
    rng = random.Random(settlement.pk)  # noqa: S311  (the same demo every time)
    language = settlement.language if settlement.language in RECORDS else "en"
    coordinator = User.objects.filter(
        memberships__settlement=settlement, memberships__role="coordinator"
    ).first()
    now = clock.now()
    with transaction.atomic():
        survey = survey_from_starter(settlement=settlement, by=coordinator)
        survey.reminder_days = [3, 7]
        survey.closes_on = now.date() + dt.timedelta(days=14)
        survey.save(update_fields=["reminder_days", "closes_on"])
        survey_copy(survey=survey, by=coordinator)
        dispatch.survey_send(survey=survey, settlement=settlement, by=coordinator)
        survey.refresh_from_db()
        dispatch.survey_invite(survey=survey, settlement=settlement)
        sent_at = now - dt.timedelta(days=5)
        Survey.objects.filter(pk=survey.pk).update(sent_at=sent_at, reminders_done=1)
        # The demo's invitations went out five days ago: no flood of e-mail at start-up.
        Message.objects.filter(settlement=settlement).update(
            state=Message.State.SENT, sent_at=sent_at, created_at=sent_at, not_before=sent_at
        )
        records = [
            MappingRecord.objects.create(
                settlement=settlement,
                kind=kind,
                title=title,
                held_on=now.date() - dt.timedelta(days=30 - 10 * n),
                participant_count=[12, 8, 6][n],
                age_groups=[[AgeGroup.ADULTS, AgeGroup.SENIORS], [AgeGroup.YOUTH], []][n],
                findings=findings,
                created_by=coordinator,
                created_at=now,
            )
            for n, (kind, title, findings) in enumerate(RECORDS[language])
        ]
        questions = list(Question.objects.filter(settlement=settlement, survey=survey))
        for n, (title, groups, impact, urgency) in enumerate(NEEDS[language]):
            need = Need.objects.create(
                settlement=settlement,
                title=title,
                age_groups=groups,
                impact=impact,
                urgency=urgency,
                owner=coordinator,
                status=[Need.Status.OPEN, Need.Status.PLANNED, Need.Status.IN_PROGRESS][n % 3],
                created_at=now,
                updated_at=now,
            )
            need.evidence_records.add(records[n % len(records)])
            need.evidence_questions.add(questions[(n * 3) % len(questions)])
    question_options = [
        (question, list(question.options.values_list("pk", flat=True)))
        for question in Question.objects.filter(settlement=settlement, survey=survey)
    ]
    invitations = list(Invitation.objects.filter(settlement=settlement, survey=survey))
    for invitation in rng.sample(invitations, k=int(len(invitations) * 0.4)):
        response_submit(
            survey=survey,
            invitation=invitation,
            language=invitation.language,
            via="personal",
            cleaned_answers=_answers(question_options, rng, invitation.language),
        )
