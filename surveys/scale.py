"""Surveys for the scale data set: a couple a year, sent to the residents who agreed to be
contacted, with invitations, answers (anonymous and named) and a few needs found.

Every settlement, the small one too, has a named survey (the second) and every survey
enough answers to be shown (``MIN_GROUP``, when so many were invited): the results page
then does the same work at 1 % of the data as at 100 %, rather than showing "too few
answered"."""

import datetime as dt

from coordinator.scale import ScaleContext

from .models import (
    Answer,
    Invitation,
    Need,
    Option,
    Question,
    Response,
    ResponseAuthor,
    Section,
    Survey,
)
from .selectors.results import MIN_GROUP

TOPICS = ["Community life", "Youth and children", "Culture and events", "Services and needs"]
OPTIONS = ["Concerts", "Sport", "Classes", "Trips"]
NEEDS = ["A youth club", "Transport for seniors", "A playground", "Evening classes"]


def build(ctx: ScaleContext) -> None:
    rng = ctx.rng("surveys")
    s = ctx.settlement

    reachable = [r for r in ctx.residents if r.consent and r.email]
    surveys = []
    for number in range(ctx.n(2 * ctx.years, minimum=2)):
        sent = ctx.at(ctx.start + dt.timedelta(days=rng.randint(0, 365 * ctx.years)), 9)
        closes = sent.date() + dt.timedelta(days=21)
        closed = closes < ctx.today
        surveys.append(
            Survey(
                settlement=s,
                title=ctx.text(f"{TOPICS[number % len(TOPICS)]} {sent:%Y}"),
                languages=[s.language],
                anonymous=number % 3 != 1,
                state=Survey.State.CLOSED if closed else Survey.State.RUNNING,
                closes_on=closes,
                created_by=ctx.coordinator,
                created_at=sent - dt.timedelta(days=7),
                sent_at=sent,
                closed_at=ctx.at(closes, 23) if closed else None,
            )
        )
    ctx.bulk(surveys)
    sections = ctx.bulk(
        Section(settlement=s, survey=survey, position=0, title=ctx.text("Questions"))
        for survey in surveys
    )
    questions: dict[int, list[Question]] = {}
    rows = []
    for survey, section in zip(surveys, sections, strict=True):
        kinds = [Question.Kind.SINGLE, Question.Kind.RATING, Question.Kind.YES_NO]
        kinds.append(Question.Kind.SHORT_TEXT)
        for position, kind in enumerate(kinds):
            question = Question(
                settlement=s,
                survey=survey,
                section=section,
                position=position,
                kind=kind,
                text=ctx.text(f"Question {position + 1}"),
            )
            rows.append(question)
            questions.setdefault(survey.pk, []).append(question)
    ctx.bulk(rows)
    options: dict[int, list[Option]] = {}
    rows_o = []
    for question in rows:
        if question.kind == Question.Kind.SINGLE:
            for position, label in enumerate(OPTIONS):
                option = Option(
                    settlement=s, question=question, position=position, label=ctx.text(label)
                )
                rows_o.append(option)
                options.setdefault(question.pk, []).append(option)
    ctx.bulk(rows_o)

    invitations = []
    responses = []
    authors = []
    answers = []
    for survey in surveys:
        sent = survey.sent_at or ctx.now
        invited = rng.sample(reachable, min(len(reachable), max(1, round(len(reachable) * 0.9))))
        answered_count = 0
        for position, resident in enumerate(invited):
            answered = position < MIN_GROUP or rng.random() < 0.35
            answered_at = sent + dt.timedelta(hours=rng.randint(1, 400))
            invitations.append(
                Invitation(
                    settlement=s,
                    survey=survey,
                    resident_id=resident.pk,
                    language=resident.language,
                    channel=Invitation.Channel.EMAIL,
                    opened=answered or rng.random() < 0.3,
                    answered=answered,
                    answered_at=answered_at if answered and not survey.anonymous else None,
                    created_at=sent,
                )
            )
            if not answered:
                continue
            answered_count += 1
            response = Response(
                settlement=s,
                survey=survey,
                language=resident.language,
                via=Response.Via.PERSONAL,
            )
            responses.append(response)
            if not survey.anonymous:
                authors.append(
                    ResponseAuthor(
                        settlement=s,
                        response=response,
                        resident_id=resident.pk,
                        submitted_at=answered_at,
                    )
                )
            for question in questions[survey.pk]:
                answer = Answer(settlement=s, response=response, question=question)
                if question.kind == Question.Kind.SINGLE:
                    answer.option = rng.choice(options[question.pk])
                elif question.kind == Question.Kind.RATING:
                    answer.number = rng.randint(1, 5)
                elif question.kind == Question.Kind.YES_NO:
                    answer.flag = rng.random() < 0.6
                else:
                    answer.text = rng.choice(["More for youth", "Fine", "Better buses", ""])
                answers.append(answer)
        survey.invitation_count = len(invited)
        survey.answer_count = answered_count
    Survey.objects.bulk_update(surveys, ["invitation_count", "answer_count"], batch_size=500)
    ctx.bulk(invitations)
    ctx.bulk(responses)
    ctx.bulk(authors)
    ctx.bulk(answers)

    ctx.bulk(
        Need(
            settlement=s,
            title=title,
            impact=rng.randint(1, 5),
            urgency=rng.randint(1, 5),
            owner=ctx.coordinator,
            created_at=ctx.now - dt.timedelta(days=rng.randint(1, 365 * ctx.years)),
            updated_at=ctx.now,
        )
        for title in NEEDS
    )
