"""Background jobs of the surveys, run through the outbox (``coordinator.services.outbox``)."""

from coordinator.models import Settlement
from coordinator.services.outbox import job

from .models import Survey
from .services.dispatch import survey_invite


@job("surveys.invite", repeatable=True)
def invite(*, survey_id: int) -> None:
    """Create a running survey's invitations and queue their e-mails. Repeatable: all of it
    is in the outbox's transaction, and a second run adds only what is missing."""
    survey = Survey.objects.filter(pk=survey_id).first()
    if survey is not None:
        survey_invite(survey=survey, settlement=Settlement.objects.get(pk=survey.settlement_id))
