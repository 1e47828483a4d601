"""How a change of the plan is told and written: the revision's summary line (the fields'
labels, before → after; a many-to-many link by its field's name), and the steps every
write of ``services_content`` shares (check, allow, save, audit)."""

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar

from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from coordinator.models import AgeGroup, AuditEvent
from coordinator.services.audit import audit_record
from coordinator.services.changes import check_same_settlement, links_replace

from .models import Plan
from .services import describe, plan_change, plan_locked

M = TypeVar("M", bound=models.Model)


def _label(model: type[models.Model], name: str) -> str:
    field: Any = model._meta.get_field(name)
    return str(field.verbose_name)


def _shown(obj: models.Model, name: str, value: Any) -> str:
    """``value`` of field ``name`` as a reader sees it (a choice's label, a name)."""
    field: Any = obj._meta.get_field(name)
    if value is None or value == "":
        return ""
    if name == "age_groups":
        labels = dict(AgeGroup.choices)
        return ", ".join(str(labels.get(code, code)) for code in value) if value else ""
    if getattr(field, "choices", None):
        return str(dict(field.choices).get(value, value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _what(obj: models.Model) -> str:
    return str(capfirst(obj._meta.verbose_name))


def _diff(obj: models.Model, data: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    """The fields of ``fields`` whose value in ``data`` differs from ``obj``'s."""
    return {key: data[key] for key in fields if key in data and getattr(obj, key) != data[key]}


def _links_changed(obj: models.Model, data: Mapping[str, Any], links: Sequence[str]) -> list[str]:
    """The many-to-many fields of ``links`` whose rows in ``data`` differ from ``obj``'s."""
    if obj.pk is None:
        return [name for name in links if data.get(name)]
    changed = []
    for name in links:
        if name not in data:
            continue
        wanted = {item.pk for item in data[name]}
        if wanted != set(getattr(obj, name).values_list("pk", flat=True)):
            changed.append(name)
    return changed


def _summary(obj: models.Model, name: str, changed: Mapping[str, Any], links: Iterable[str]) -> str:
    changes = {
        _label(type(obj), key): (_shown(obj, key, getattr(obj, key)), _shown(obj, key, value))
        for key, value in changed.items()
    }
    line = describe(_what(obj), name, changes)
    named = [_label(type(obj), link) for link in links]
    if named:
        line += ("; " if changes else ": ") + _("changed: %(fields)s") % {
            "fields": ", ".join(named)
        }
    return line


def _added(obj: models.Model, name: str) -> str:
    return describe(_what(obj), name) + ": " + _("added")


def _deleted(obj: models.Model, name: str, extra: str = "") -> str:
    line = describe(_what(obj), name) + ": " + _("deleted")
    return f"{line} ({extra})" if extra else line


def _allow(plan: Plan, *, user: Any, reason: str, summary: str, changed: bool) -> None:
    """``plan_change`` when something changes; when nothing does, only the refusal of a
    submitted plan (nothing is written, so an approved plan records nothing)."""
    if changed:
        plan_change(plan, user=user, reason=reason, summary=summary)
    elif plan_locked(plan.pk).status == Plan.Status.SUBMITTED:
        plan_change(plan, user=user, reason=reason, summary=summary)  # raises


def _check(plan: Plan, data: Mapping[str, Any], links: Sequence[str], fks: Sequence[str]) -> None:
    for name in links:
        if name in data:
            check_same_settlement(plan.settlement_id, data[name], name)
    for name in fks:
        if data.get(name) is not None:
            check_same_settlement(plan.settlement_id, [data[name]], name)


def _save(
    obj: models.Model,
    data: Mapping[str, Any],
    fields: Sequence[str],
    links: Sequence[str],
    **extra: Any,
) -> None:
    for key in fields:
        if key in data:
            setattr(obj, key, data[key])
    for key, value in extra.items():
        setattr(obj, key, value)
    obj.save()
    for name in links:
        if name in data:
            links_replace(obj, name, list(data[name]))


def _audit(plan: Plan, user: Any, action: str, object_type: str, pk: int, fields: str) -> None:
    """One entry of the audit trail; its summary names fields only, never content."""
    audit_record(
        action=action,
        object_type=object_type,
        settlement_id=plan.settlement_id,
        actor=user,
        object_id=pk,
        summary=fields[:300],
    )


def _write(
    *,
    plan: Plan,
    obj: models.Model,
    name: str,
    data: Mapping[str, Any],
    fields: Sequence[str],
    links: Sequence[str],
    user: Any,
    reason: str,
    object_type: str,
    **extra: Any,
) -> bool:
    """Create or update ``obj`` under the plan's rule; whether anything was written."""
    creating = obj.pk is None
    changed = _diff(obj, data, fields)
    linked = _links_changed(obj, data, links)
    if creating:
        summary = _added(obj, name)
    else:
        summary = _summary(obj, str(obj), changed, linked)
    something = creating or bool(changed) or bool(linked)
    _allow(plan, user=user, reason=reason, summary=summary, changed=something)
    if not something:
        return False
    _save(obj, data, fields, links, **(extra if creating else {}))
    _audit(
        plan,
        user,
        AuditEvent.Action.CREATED if creating else AuditEvent.Action.CHANGED,
        object_type,
        obj.pk,
        ", ".join([*changed, *linked]) if not creating else "",
    )
    return True


def _remove(
    *, plan: Plan, obj: models.Model, name: str, user: Any, reason: str, object_type: str, extra=""
) -> None:
    summary = _deleted(obj, name, extra)
    plan_change(plan, user=user, reason=reason, summary=summary)
    pk = obj.pk
    obj.delete()
    _audit(plan, user, AuditEvent.Action.DELETED, object_type, pk, "")


def _fresh(obj: M) -> M:
    """``obj`` as the database has it, its row locked (a form may have changed ``obj``)."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)  # type: ignore[attr-defined]
