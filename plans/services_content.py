"""Writing the plan's content: its title, goals, targets, programmes, budget lines and
funding sources.

Every write passes ``services.plan_change`` inside its transaction, before it writes: a
submitted plan refuses, an approved one needs a reason and records one revision that
names what changed (the fields' labels, before → after; a many-to-many link by its
field's name). A write that changes nothing writes nothing and records nothing.

Moving a funding source along its way (requested, approved, received) is not a change of
the plan: ``funding_status_set`` needs no reason and records no revision."""

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from coordinator.models import AgeGroup, AuditEvent
from coordinator.services.audit import audit_record
from coordinator.services.changes import ForeignObject

from .models import BudgetLine, FundingSource, Goal, Plan, Programme, Target
from .revising import (
    _allow,
    _audit,
    _check,
    _diff,
    _fresh,
    _label,
    _remove,
    _write,
)
from .services import describe, plan_locked

GOAL_FIELDS = ("title", "description", "age_groups")
GOAL_LINKS = ("needs", "neighbourhoods", "tags")
TARGET_FIELDS = ("indicator", "baseline", "target_value", "unit", "how_measured")
PROGRAMME_FIELDS = ("title", "description", "owner", "starts_on", "ends_on")
PROGRAMME_LINKS = ("partners", "committees", "events", "courses")
LINE_FIELDS = ("category", "description", "planned_expense", "planned_income", "funding")
FUNDING_FIELDS = ("kind", "name", "amount", "status", "requested_on", "decided_on", "received_on")
STATUS_DATE = {
    FundingSource.Status.REQUESTED: "requested_on",
    FundingSource.Status.APPROVED: "decided_on",
    FundingSource.Status.RECEIVED: "received_on",
}


# --- the plan's title ------------------------------------------------------------------------


@transaction.atomic
def plan_title_save(*, plan: Plan, user: Any, title: str, reason: str = "") -> Plan:
    title = " ".join((title or "").split())
    current = plan_locked(plan.pk)
    changed = current.title != title
    summary = describe(
        capfirst(str(Plan._meta.verbose_name)),
        str(current.year),
        {_label(Plan, "title"): (current.title, title)},
    )
    _allow(current, user=user, reason=reason, summary=summary, changed=changed)
    if changed:
        current.title = title
        current.save(update_fields=["title"])
        _audit(current, user, AuditEvent.Action.CHANGED, "plan", current.pk, "title")
    return current


# --- goals -----------------------------------------------------------------------------------


@transaction.atomic
def goal_save(
    *, plan: Plan, user: Any, data: Mapping[str, Any], goal: Goal | None = None, reason: str = ""
) -> Goal:
    """Add a goal to ``plan`` (last in its order) or change ``goal``. ``data``: title,
    description, age_groups (codes of AgeGroup), needs, neighbourhoods, tags."""
    _check(plan, data, GOAL_LINKS, ())
    if "age_groups" in data:
        unknown = set(data["age_groups"]) - set(AgeGroup.values)
        if unknown:
            raise ValidationError(_("Choose the age groups from the list."), code="age_groups")
    if goal is None:
        obj = Goal(plan=plan, settlement_id=plan.settlement_id)
        extra: dict[str, Any] = {}
    else:
        if goal.plan_id != plan.pk:
            raise ForeignObject("The goal belongs to another plan.")
        obj = _fresh(goal)
        extra = {}
    if obj.pk is None:
        last = Goal.objects.filter(plan=plan).aggregate(last=Max("position"))["last"]
        extra["position"] = 0 if last is None else last + 1
    _write(
        plan=plan,
        obj=obj,
        name=data.get("title") or obj.title,
        data=data,
        fields=GOAL_FIELDS,
        links=GOAL_LINKS,
        user=user,
        reason=reason,
        object_type="plan_goal",
        **extra,
    )
    return obj


def goal_contents(goal: Goal) -> dict[str, int]:
    """What goes with a goal when it is deleted: its targets, programmes and their lines."""
    return {
        "targets": Target.objects.filter(goal=goal).count(),
        "programmes": Programme.objects.filter(goal=goal).count(),
        "lines": BudgetLine.objects.filter(programme__goal=goal).count(),
    }


@transaction.atomic
def goal_delete(*, goal: Goal, user: Any, reason: str = "") -> None:
    contents = goal_contents(goal)
    extra = (
        _("with %(targets)d targets, %(programmes)d programmes and %(lines)d budget lines")
        % contents
    )
    _remove(
        plan=goal.plan,
        obj=goal,
        name=goal.title,
        user=user,
        reason=reason,
        object_type="plan_goal",
        extra=extra,
    )


# --- targets ---------------------------------------------------------------------------------


@transaction.atomic
def target_save(
    *,
    goal: Goal,
    user: Any,
    data: Mapping[str, Any],
    target: Target | None = None,
    reason: str = "",
) -> Target:
    """Add a target to ``goal`` or change ``target``. ``data``: indicator, baseline,
    target_value, unit, how_measured."""
    if target is None:
        obj = Target(goal=goal, settlement_id=goal.settlement_id)
    else:
        if target.goal_id != goal.pk:
            raise ForeignObject("The target belongs to another goal.")
        obj = _fresh(target)
    _write(
        plan=goal.plan,
        obj=obj,
        name=data.get("indicator") or obj.indicator,
        data=data,
        fields=TARGET_FIELDS,
        links=(),
        user=user,
        reason=reason,
        object_type="plan_target",
    )
    return obj


@transaction.atomic
def target_delete(*, target: Target, user: Any, reason: str = "") -> None:
    _remove(
        plan=target.goal.plan,
        obj=target,
        name=target.indicator,
        user=user,
        reason=reason,
        object_type="plan_target",
    )


# --- programmes ------------------------------------------------------------------------------


@transaction.atomic
def programme_save(
    *,
    goal: Goal,
    user: Any,
    data: Mapping[str, Any],
    programme: Programme | None = None,
    reason: str = "",
) -> Programme:
    """Add a programme under ``goal`` or change ``programme``. ``data``: title,
    description, owner (a committee or None: the coordinator), starts_on, ends_on,
    partners, committees, events, courses."""
    plan = goal.plan
    _check(plan, data, PROGRAMME_LINKS, ("owner",))
    starts, ends = data.get("starts_on"), data.get("ends_on")
    if starts and ends and ends < starts:
        raise ValidationError(_("The programme cannot end before it starts."), code="dates")
    if programme is None:
        obj = Programme(goal=goal, settlement_id=goal.settlement_id)
    else:
        if programme.goal_id != goal.pk:
            raise ForeignObject("The programme belongs to another goal.")
        obj = _fresh(programme)
    _write(
        plan=plan,
        obj=obj,
        name=data.get("title") or obj.title,
        data=data,
        fields=PROGRAMME_FIELDS,
        links=PROGRAMME_LINKS,
        user=user,
        reason=reason,
        object_type="plan_programme",
    )
    return obj


@transaction.atomic
def programme_delete(*, programme: Programme, user: Any, reason: str = "") -> None:
    lines = BudgetLine.objects.filter(programme=programme).count()
    _remove(
        plan=programme.goal.plan,
        obj=programme,
        name=programme.title,
        user=user,
        reason=reason,
        object_type="plan_programme",
        extra=_("with %(lines)d budget lines") % {"lines": lines},
    )


# --- budget lines ----------------------------------------------------------------------------


def _money(data: Mapping[str, Any], names: Iterable[str]) -> None:
    for name in names:
        value = data.get(name)
        if value is not None and Decimal(value) < 0:
            raise ValidationError(_("Amounts cannot be negative."), code="negative")


@transaction.atomic
def line_save(
    *,
    programme: Programme,
    user: Any,
    data: Mapping[str, Any],
    line: BudgetLine | None = None,
    reason: str = "",
) -> BudgetLine:
    """Add a budget line to ``programme`` or change ``line``. ``data``: category,
    description, planned_expense, planned_income, funding (a source of the same plan)."""
    plan = programme.goal.plan
    _check(plan, data, (), ("funding",))
    funding = data.get("funding")
    if funding is not None and funding.plan_id != plan.pk:
        raise ForeignObject("The funding source belongs to another plan.")
    _money(data, ("planned_expense", "planned_income"))
    if line is None:
        obj = BudgetLine(programme=programme, settlement_id=programme.settlement_id)
    else:
        if line.programme_id != programme.pk:
            raise ForeignObject("The line belongs to another programme.")
        obj = _fresh(line)
    _write(
        plan=plan,
        obj=obj,
        name=_line_name({"category": obj.category, "description": obj.description, **data}),
        data=data,
        fields=LINE_FIELDS,
        links=(),
        user=user,
        reason=reason,
        object_type="plan_line",
    )
    return obj


def _line_name(data: Mapping[str, Any]) -> str:
    if data.get("description"):
        return str(data["description"])
    category = data.get("category") or BudgetLine.Category.ACTIVITIES
    return str(BudgetLine.Category(category).label)


@transaction.atomic
def line_delete(*, line: BudgetLine, user: Any, reason: str = "") -> None:
    _remove(
        plan=line.programme.goal.plan,
        obj=line,
        name=str(line),
        user=user,
        reason=reason,
        object_type="plan_line",
    )


# --- funding ---------------------------------------------------------------------------------


@transaction.atomic
def funding_save(
    *,
    plan: Plan,
    user: Any,
    data: Mapping[str, Any],
    source: FundingSource | None = None,
    reason: str = "",
) -> FundingSource:
    """Add a funding source to ``plan`` or change ``source``. ``data``: kind, name,
    amount, status, requested_on, decided_on, received_on."""
    _money(data, ("amount",))
    if source is None:
        obj = FundingSource(plan=plan, settlement_id=plan.settlement_id)
    else:
        if source.plan_id != plan.pk:
            raise ForeignObject("The funding source belongs to another plan.")
        obj = _fresh(source)
    _write(
        plan=plan,
        obj=obj,
        name=data.get("name") or obj.name,
        data=data,
        fields=FUNDING_FIELDS,
        links=(),
        user=user,
        reason=reason,
        object_type="plan_funding",
    )
    return obj


@transaction.atomic
def funding_delete(*, source: FundingSource, user: Any, reason: str = "") -> None:
    """Delete a funding source; the lines it paid for are left without a source."""
    lines = BudgetLine.objects.filter(funding=source).count()
    _remove(
        plan=source.plan,
        obj=source,
        name=source.name,
        user=user,
        reason=reason,
        object_type="plan_funding",
        extra=_("%(lines)d budget lines left without a source") % {"lines": lines} if lines else "",
    )


@transaction.atomic
def funding_status_set(
    *, source: FundingSource, user: Any, status: str, on: dt.date | None
) -> FundingSource:
    """Move a source along its way (asked for, approved, received) with the day it did.
    Not a change of the plan: no reason, no revision, allowed whatever the plan's state."""
    if status not in FundingSource.Status.values:
        raise ValidationError(_("Choose the status from the list."), code="status")
    obj = _fresh(source)
    data: dict[str, Any] = {"status": status}
    date_field = STATUS_DATE.get(FundingSource.Status(status))
    if date_field:
        if on is None:
            raise ValidationError(_("Give the date."), code="date")
        data[date_field] = on
    changed = _diff(obj, data, list(data))
    if not changed:
        return obj
    for key, value in changed.items():
        setattr(obj, key, value)
    obj.save(update_fields=list(changed))
    audit_record(
        action=AuditEvent.Action.CHANGED,
        object_type="plan_funding",
        settlement_id=obj.settlement_id,
        actor=user,
        object_id=obj.pk,
        summary=", ".join(changed),
    )
    return obj
