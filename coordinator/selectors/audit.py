"""Reads of the audit trail: the settlement's history rows and audit events, merged.

The history tables of simple-history are plain tables, outside the tenancy guard: every
read here filters on ``settlement_id`` explicitly, and nothing else reads them. The list
is one UNION of the history tables registered as trail sources and the audit events, so
a page costs the same two queries (count and rows) whatever the size of the trail.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.db.models import CharField, F, Q, QuerySet, Value
from django.http import Http404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from .. import registry
from ..history import history_model
from ..models import AuditEvent, Settlement

EVENT = "event"
HISTORY_ACTIONS = {
    "+": AuditEvent.Action.CREATED,
    "~": AuditEvent.Action.CHANGED,
    "-": AuditEvent.Action.DELETED,
}
# Fields that say nothing a reader of the trail needs (or never change).
HIDDEN_FIELDS = frozenset({"id", "settlement", "created_at", "updated_at"})
COLUMNS = (
    "row_kind",
    "row_id",
    "row_record",
    "row_at",
    "row_user",
    "row_action",
    "row_title",
    "row_detail",
    "row_summary",
)


@dataclass(frozen=True)
class TrailFilter:
    kind: str = ""
    user_id: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None


@dataclass(frozen=True)
class TrailEntry:
    """One row of the trail, ready to show."""

    kind: str
    kind_label: str
    entry_id: int
    record_id: int | None
    at: dt.datetime
    user_name: str
    action: str
    action_label: str
    title: str
    summary: str

    @property
    def url(self) -> str:
        return reverse("audit:detail", kwargs={"kind": self.kind, "pk": self.entry_id})


@dataclass(frozen=True)
class FieldChange:
    name: str
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class TrailDetail:
    entry: TrailEntry
    changes: list[FieldChange]


def _require_audit(user: Any, settlement: Settlement) -> None:
    if not user.has_perm("coordinator.view_audit", settlement):
        raise Http404


def _text(value: str) -> Value:
    return Value(value, output_field=CharField())


def _column(path: str) -> F | Value:
    return F(path) if path else _text("")


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


def _in_dates(rows: QuerySet[Any], column: str, filters: TrailFilter) -> QuerySet[Any]:
    if filters.date_from:
        rows = rows.filter(**{f"{column}__gte": _day_start(filters.date_from)})
    if filters.date_to:
        rows = rows.filter(**{f"{column}__lt": _day_start(filters.date_to + dt.timedelta(1))})
    return rows


def _history_rows(
    source: registry.TrailSource, settlement: Settlement, filters: TrailFilter
) -> QuerySet[Any]:
    table = history_model(source.model)
    rows = table.objects.filter(settlement_id=settlement.pk)
    if filters.user_id:
        rows = rows.filter(history_user_id=filters.user_id)
    rows = _in_dates(rows, "history_date", filters)
    title, detail = source.title_fields
    return (
        rows.order_by()
        .annotate(
            row_kind=_text(source.kind),
            row_id=F("history_id"),
            row_record=F(source.model._meta.pk.attname),
            row_at=F("history_date"),
            row_user=F("history_user__username"),
            row_action=F("history_type"),
            row_title=_column(title),
            row_detail=_column(detail),
            row_summary=_text(""),
        )
        .values(*COLUMNS)
    )


def _event_rows(settlement: Settlement, filters: TrailFilter) -> QuerySet[Any]:
    rows: QuerySet[Any] = AuditEvent.objects.filter(settlement_id=settlement.pk)
    if filters.user_id:
        rows = rows.filter(actor_id=filters.user_id)
    rows = _in_dates(rows, "created_at", filters)
    return (
        rows.order_by()
        .annotate(
            row_kind=_text(EVENT),
            row_id=F("pk"),
            row_record=F("object_id"),
            row_at=F("created_at"),
            row_user=F("actor__username"),
            row_action=F("action"),
            row_title=F("object_type"),
            row_detail=_text(""),
            row_summary=F("summary"),
        )
        .values(*COLUMNS)
    )


def trail_kinds() -> list[tuple[str, str]]:
    """The kinds of rows the trail holds, for its filter."""
    kinds = [(source.kind, str(source.label)) for source in registry.trail_sources]
    return [*kinds, (EVENT, _("Export, import, read or erasure"))]


def trail_for(
    *, user: Any, settlement: Settlement, filters: TrailFilter | None = None
) -> QuerySet[Any]:
    """The settlement's trail, newest first, as rows of ``COLUMNS`` (see ``trail_entries``).

    Only the coordinator reads it. One query for a page of rows, one for the count."""
    _require_audit(user, settlement)
    filters = filters or TrailFilter()
    parts = [
        _history_rows(source, settlement, filters)
        for source in registry.trail_sources
        if filters.kind in ("", source.kind)
    ]
    if filters.kind in ("", EVENT):
        parts.append(_event_rows(settlement, filters))
    if not parts:
        parts.append(_event_rows(settlement, filters).none())
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return rows.order_by("-row_at", "-row_id", "row_kind")


def _kind_label(kind: str) -> str:
    source = registry.trail_source(kind)
    return str(source.label) if source else kind


def _entry(row: dict[str, Any]) -> TrailEntry:
    kind = row["row_kind"]
    if kind == EVENT:
        action = row["row_action"]
        labels = dict(AuditEvent.Action.choices)
        return TrailEntry(
            kind=kind,
            kind_label=_kind_label(row["row_title"]),
            entry_id=row["row_id"],
            record_id=row["row_record"],
            at=row["row_at"],
            user_name=row["row_user"] or "",
            action=action,
            action_label=str(labels.get(action, action)),
            title="",
            summary=row["row_summary"] or "",
        )
    source = registry.trail_source(kind)
    action = HISTORY_ACTIONS.get(row["row_action"], AuditEvent.Action.CHANGED)
    title = (
        source.title(str(row["row_title"] or ""), str(row["row_detail"] or "")) if source else ""
    )
    return TrailEntry(
        kind=kind,
        kind_label=_kind_label(kind),
        entry_id=row["row_id"],
        record_id=row["row_record"],
        at=row["row_at"],
        user_name=row["row_user"] or "",
        action=action.value,
        action_label=str(action.label),
        title=title,
        summary="",
    )


def trail_entries(rows: Iterable[dict[str, Any]]) -> list[TrailEntry]:
    """Rows of ``trail_for`` as entries to show (no queries)."""
    return [_entry(row) for row in rows]


# --- one change, field by field -------------------------------------------------------------


def _names(model: type[models.Model], ids: Sequence[Any]) -> list[str]:
    found = {obj.pk: str(obj) for obj in model._default_manager.filter(pk__in=list(ids))}
    return [found.get(pk, _("(removed, #%(id)s)") % {"id": pk}) for pk in ids]


def display_value(model: type[models.Model], name: str, value: Any) -> str:
    """A value of a history row as a reader would write it."""
    field: Any = model._meta.get_field(name)
    if field.many_to_many:
        other = field.m2m_reverse_field_name()
        ids = sorted(link[other] for link in value or [])
        return ", ".join(sorted(_names(field.related_model, ids)))
    if value is None or value == "":
        return ""
    if field.is_relation:
        return _names(field.related_model, [value])[0]
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def _label(model: type[models.Model], name: str) -> str:
    field: Any = model._meta.get_field(name)
    return str(field.verbose_name)


def previous_record(row: Any) -> Any:
    """The history row of the same object just before ``row`` (none for the first)."""
    table = type(row)
    key = table.instance_type._meta.pk.attname
    same_moment_earlier = Q(history_date=row.history_date, history_id__lt=row.history_id)
    return (
        table.objects.filter(**{key: getattr(row, key)}, settlement_id=row.settlement_id)
        .filter(Q(history_date__lt=row.history_date) | same_moment_earlier)
        .order_by("-history_date", "-history_id")
        .first()
    )


def record_changes(model: type[models.Model], row: Any, previous: Any) -> list[FieldChange]:
    """What ``row`` changed, field by field. A creation (or the oldest row kept) shows every
    value it set; a deletion, every value the object had."""
    if row.history_type == "~" and previous is not None:
        delta = row.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
        return [
            FieldChange(
                change.field,
                _label(model, change.field),
                display_value(model, change.field, change.old),
                display_value(model, change.field, change.new),
            )
            for change in delta.changes
        ]
    table = type(row)
    values: dict[str, Any] = {
        field.name: getattr(row, field.attname)
        for field in table.tracked_fields
        if field.editable and field.name not in HIDDEN_FIELDS
    }
    for m2m_field in table._history_m2m_fields:
        other = m2m_field.m2m_reverse_field_name()
        values[m2m_field.name] = list(getattr(row, m2m_field.name).values(other))
    changes = []
    for name, value in values.items():
        shown = display_value(model, name, value)
        if shown:
            before, after = (shown, "") if row.history_type == "-" else ("", shown)
            changes.append(FieldChange(name, _label(model, name), before, after))
    return changes


def history_rows_for(*, settlement: Settlement, model: type[models.Model], pk: int) -> list[Any]:
    """Every history row of one object of ``settlement``, oldest first, with its author."""
    table = history_model(model)
    return list(
        table.objects.filter(settlement_id=settlement.pk, **{model._meta.pk.attname: pk})
        .select_related("history_user")
        .order_by("history_date", "history_id")
    )


def trail_entry_get_for(*, user: Any, settlement: Settlement, kind: str, pk: int) -> TrailDetail:
    """One row of the settlement's trail with its changes; 404 if it is not theirs."""
    _require_audit(user, settlement)
    if kind == EVENT:
        event = (
            AuditEvent.objects.filter(settlement_id=settlement.pk, pk=pk)
            .select_related("actor")
            .first()
        )
        if event is None:
            raise Http404
        row = {
            "row_kind": EVENT,
            "row_id": event.pk,
            "row_record": event.object_id,
            "row_at": event.created_at,
            "row_user": event.actor.username if event.actor else "",
            "row_action": event.action,
            "row_title": event.object_type,
            "row_detail": "",
            "row_summary": event.summary,
        }
        return TrailDetail(entry=_entry(row), changes=[])
    source = registry.trail_source(kind)
    if source is None:
        raise Http404
    table = history_model(source.model)
    record = (
        table.objects.filter(settlement_id=settlement.pk, history_id=pk)
        .select_related("history_user")
        .first()
    )
    if record is None:
        raise Http404
    title, detail = source.title_fields
    row = {
        "row_kind": kind,
        "row_id": record.history_id,
        "row_record": getattr(record, source.model._meta.pk.attname),
        "row_at": record.history_date,
        "row_user": record.history_user.username if record.history_user else "",
        "row_action": record.history_type,
        "row_title": _attribute(record, title),
        "row_detail": _attribute(record, detail),
        "row_summary": "",
    }
    changes = record_changes(source.model, record, previous_record(record))
    return TrailDetail(entry=_entry(row), changes=changes)


def _attribute(record: Any, path: str) -> str:
    """The value at ``path`` ("user__username") of a history row, for its title."""
    value = record
    for part in path.split("__") if path else []:
        try:
            value = getattr(value, part)
        except models.ObjectDoesNotExist:
            return ""
        if value is None:
            return ""
    return "" if value is record else str(value)
