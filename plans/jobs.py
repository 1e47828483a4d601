"""Background jobs of the yearly plans, run through the outbox (``coordinator.services.outbox``)."""

from coordinator.models import Settlement
from coordinator.services.outbox import job

from .models import BudgetLine
from .services_warnings import budget_warnings_queue


@job("plans.budget_check", repeatable=True)
def budget_check(*, line_id: int) -> None:
    """Warn of one line's budget right after money was recorded against it. Repeatable:
    the warnings' claims and their e-mails are written in the outbox's transaction, and a
    second run finds the claims taken. A line deleted meanwhile needs nothing."""
    line = BudgetLine.objects.filter(pk=line_id).first()
    if line is not None:
        settlement = Settlement.objects.get(pk=line.settlement_id)
        budget_warnings_queue(settlement=settlement, line_id=line.pk)
