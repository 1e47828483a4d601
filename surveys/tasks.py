"""Beat's work for surveys: reminders when they are due, and closing on the closing date."""

from celery import shared_task
from django_scopes import scope, scopes_disabled

from coordinator import clock
from coordinator.models import Settlement

from .models import Survey
from .services.dispatch import reminder_rounds_due, survey_close, survey_closes_at, survey_remind


def _running() -> list[Survey]:
    with scopes_disabled():
        return list(Survey.objects.filter(state=Survey.State.RUNNING).select_related("settlement"))


@shared_task(acks_late=True, reject_on_worker_lost=True)
def surveys_remind_due() -> int:
    """Queue each due reminder round once (see ``survey_remind``)."""
    now = clock.now()
    queued = 0
    for survey in _running():
        if reminder_rounds_due(survey, now) > survey.reminders_done:
            with scope(settlement=survey.settlement_id):
                queued += survey_remind(survey=survey, settlement=survey.settlement)
    return queued


@shared_task(acks_late=True, reject_on_worker_lost=True)
def surveys_close_due() -> int:
    """Close the running surveys whose closing day is over in their settlement."""
    now = clock.now()
    closed = 0
    for survey in _running():
        settlement: Settlement = survey.settlement
        closes_at = survey_closes_at(survey, settlement)
        if closes_at is not None and closes_at <= now:
            with scope(settlement=settlement.pk):
                closed += survey_close(survey=survey, settlement=settlement)
    return closed
