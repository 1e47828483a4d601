"""The council's welfare policy: how long a closed case is kept before it is purged."""

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from coordinator.models import AuditEvent, Council
from coordinator.services.audit import audit_record

from .models import WelfarePolicy


def policies_for(*, councils: Sequence[Council]) -> dict[int, WelfarePolicy]:
    """Each council's policy by council id, made with the default where a council has
    none yet (one query, and two more the first time; a race is harmless: the rows are
    made with ``ignore_conflicts`` and read again)."""
    policies = {p.council_id: p for p in WelfarePolicy.objects.filter(council__in=councils)}
    missing = [WelfarePolicy(council=c) for c in councils if c.pk not in policies]
    if missing:
        WelfarePolicy.objects.bulk_create(missing, ignore_conflicts=True)
        policies = {p.council_id: p for p in WelfarePolicy.objects.filter(council__in=councils)}
    return policies


@transaction.atomic
def policy_set(*, council: Council, closed_case_days: int, by: Any) -> WelfarePolicy:
    """Set how many days ``council``'s settlements keep a closed case (30 at least; the
    database refuses less). Nothing happens when nothing changes."""
    policy, _created = WelfarePolicy.objects.select_for_update().get_or_create(council=council)
    if policy.closed_case_days == closed_case_days:
        return policy
    before = policy.closed_case_days
    policy.closed_case_days = closed_case_days
    policy.save(update_fields=["closed_case_days"])
    audit_record(
        action=AuditEvent.Action.CHANGED,
        object_type="welfarepolicy",
        actor=by,
        object_id=policy.pk,
        summary=f"closed_case_days {before} -> {closed_case_days}",
    )
    return policy
