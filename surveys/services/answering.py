"""Answering a survey, and exporting its answers.

A personal link is claimed before the answers are saved, in a transaction of its own;
the answers follow in a second one. In an anonymous survey nothing else ties the two:
``Response`` and ``Answer`` have no column naming the invitation, the resident, a device
or a time (see ``surveys.models``), and the invitation keeps no time either.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import tablib
from django.db import transaction
from django.db.models import F

from coordinator import clock
from coordinator.models import AuditEvent
from coordinator.services.audit import audit_record
from coordinator.services.transfer import neutralise

from ..models import Answer, Invitation, Response, ResponseAuthor, Survey

EXPORT_FORMATS = ("csv", "xlsx")


class AlreadyAnswered(Exception):
    """The invitation was used already (a second tab, a double click, a replayed form)."""


class SurveyNotRunning(Exception):
    """The survey closed (or was never sent) while the respondent was answering."""


@dataclass(frozen=True)
class AnswerValue:
    """One value to store: becomes one ``Answer`` row."""

    question_id: int
    option_id: int | None = None
    rank: int | None = None
    number: int | None = None
    flag: bool | None = None
    text: str = ""


def invitation_mark_opened(*, invitation: Invitation) -> bool:
    """Note that the link was opened, once. The time only for a named survey: in an
    anonymous one it could be matched to the answers. One conditional UPDATE."""
    survey = invitation.survey
    changes: dict[str, Any] = {"opened": True}
    if not survey.anonymous:
        changes["opened_at"] = clock.now()
    with transaction.atomic():
        updated = Invitation.objects.filter(
            pk=invitation.pk, settlement_id=invitation.settlement_id, opened=False
        ).update(**changes)
    if updated:
        for field, value in changes.items():
            setattr(invitation, field, value)
    return bool(updated)


def _invitation_claim(*, invitation: Invitation, survey: Survey) -> None:
    changes: dict[str, Any] = {"answered": True}
    if not survey.anonymous:
        changes["answered_at"] = clock.now()
    with transaction.atomic():
        claimed = Invitation.objects.filter(
            pk=invitation.pk, settlement_id=invitation.settlement_id, answered=False
        ).update(**changes)
    if not claimed:
        raise AlreadyAnswered


def _invitation_give_back(*, invitation: Invitation) -> None:
    with transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk, settlement_id=invitation.settlement_id).update(
            answered=False, answered_at=None
        )


def response_submit(
    *,
    survey: Survey,
    invitation: Invitation | None,
    language: str,
    via: str,
    cleaned_answers: Iterable[AnswerValue],
) -> Response:
    """Save one respondent's answers.

    A personal link is claimed first (``answered`` False -> True, in one conditional
    UPDATE): if it was used already, ``AlreadyAnswered`` and nothing is written. The
    answers are then written in ONE transaction: the response, its author (named surveys
    only), every answer, and the survey's answer count. If that fails, the invitation is
    given back and the error raised again.

    The claim and the answers are deliberately two transactions, not one: on PostgreSQL
    every row remembers the transaction that wrote it (``xmin``), and a shared one would
    tie an anonymous answer to the invitation row, and so to its resident. Callers must
    not wrap this function in a transaction of their own.
    """
    if invitation is not None:
        _invitation_claim(invitation=invitation, survey=survey)
    try:
        with transaction.atomic():
            counted = Survey.objects.filter(
                pk=survey.pk, settlement_id=survey.settlement_id, state=Survey.State.RUNNING
            ).update(answer_count=F("answer_count") + 1)
            if not counted:
                raise SurveyNotRunning
            response = Response.objects.create(
                settlement_id=survey.settlement_id, survey=survey, language=language, via=via
            )
            if not survey.anonymous and invitation is not None:
                ResponseAuthor.objects.create(
                    settlement_id=survey.settlement_id,
                    response=response,
                    resident_id=invitation.resident_id,
                    submitted_at=clock.now(),
                )
            Answer.objects.bulk_create(
                Answer(
                    settlement_id=survey.settlement_id,
                    response=response,
                    question_id=value.question_id,
                    option_id=value.option_id,
                    rank=value.rank,
                    number=value.number,
                    flag=value.flag,
                    text=value.text,
                )
                for value in cleaned_answers
            )
    except BaseException:
        if invitation is not None:
            _invitation_give_back(invitation=invitation)
        raise
    if invitation is not None:
        invitation.answered = True
    return response


# --- Export of the answers --------------------------------------------------------------


def results_file(
    *, headers: Sequence[str], rows: Iterable[Sequence[str]], file_format: str
) -> bytes:
    """The answers as CSV (UTF-8 with a byte order mark, for Excel) or XLSX; every cell is
    kept from being read as a formula, as the registry export does."""
    dataset = tablib.Dataset(headers=[neutralise(header) for header in headers])
    for row in rows:
        dataset.append([neutralise(cell) for cell in row])
    if file_format == "xlsx":
        exported: bytes = dataset.export("xlsx")
        return exported
    text: str = dataset.export("csv")
    return text.encode("utf-8-sig")


def results_export_record(*, survey: Survey, by: Any, rows: int, file_format: str) -> AuditEvent:
    """Record who exported a survey's answers, in which format and how many rows."""
    return audit_record(
        action=AuditEvent.Action.EXPORTED,
        object_type="survey",
        object_id=survey.pk,
        settlement_id=survey.settlement_id,
        actor=by,
        summary=f"{file_format} export of the answers, {rows} rows",
    )
