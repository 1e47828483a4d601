"""The audit trail's plumbing around django-simple-history.

Every model that holds personal data declares ``history = AuditedHistory(...)``; each save
and delete then writes a row to its history table: who (the request's user, through
``simple_history.middleware.HistoryRequestMiddleware``, or ``acting_user`` in tasks and
commands), when (from ``coordinator.clock``) and every tracked field as it was.

simple-history sees ``save()``, ``delete()`` and changes of the many-to-many fields named
in ``m2m_fields``; it does not see ``QuerySet.update()``, ``bulk_create()`` or
``bulk_update()``. Writes of many rows therefore go through ``bulk_update_recorded``, and
nothing in the product calls ``update()`` on an audited model.
"""

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from types import SimpleNamespace
from typing import Any

from django.db import models, transaction
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_update_with_history

from . import clock
from .versions import versions_rows_changed

M2M_ACTIONS = ("post_add", "post_remove", "post_clear")


class AuditedHistory(HistoricalRecords):
    """simple-history as the product uses it.

    - ``history_date`` comes from the product's clock (tests freeze it);
    - a save that writes only excluded fields (``last_login`` at each login) records
      nothing: such a row would show no change;
    - a many-to-many addition or removal made from the other side
      (``tag.residents.add(...)``) is recorded on each object it changed, instead of
      failing (simple-history expects the owning side).
    """

    def create_historical_record(
        self, instance: models.Model, history_type: str, using: str | None = None
    ) -> None:
        if hasattr(instance, "_history_date"):
            super().create_historical_record(instance, history_type, using=using)
            return
        instance._history_date = clock.now()  # type: ignore[attr-defined]
        try:
            super().create_historical_record(instance, history_type, using=using)
        finally:
            del instance._history_date  # type: ignore[attr-defined]

    def post_save(
        self, instance: models.Model, created: bool, using: str | None = None, **kwargs: Any
    ) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields and set(update_fields) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def m2m_changed(
        self,
        instance: models.Model,
        action: str,
        attr: str,
        pk_set: set[Any] | None,
        reverse: bool,
        **kwargs: Any,
    ) -> None:
        if not reverse:
            super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
            return
        if action in M2M_ACTIONS and pk_set:
            for changed in self.cls._default_manager.filter(pk__in=pk_set):
                super().m2m_changed(changed, action, attr, pk_set, False, **kwargs)


@contextmanager
def acting_user(user: Any) -> Iterator[None]:
    """Record ``user`` as the author of every history row written in the block.

    Requests get their user from simple-history's middleware; a task or a management
    command that changes audited rows on someone's behalf wraps its work in this."""
    context = HistoricalRecords.context
    previous = getattr(context, "request", None)
    context.request = SimpleNamespace(user=user)
    try:
        yield
    finally:
        if previous is None:
            del context.request
        else:
            context.request = previous


@contextmanager
def m2m_unrecorded(instance: models.Model) -> Iterator[None]:
    """Change many-to-many links of ``instance`` without a history row for each step; the
    caller saves the instance afterwards, and that one row holds the new links."""
    instance.skip_history_when_saving = True  # type: ignore[attr-defined]
    try:
        yield
    finally:
        del instance.skip_history_when_saving  # type: ignore[attr-defined]


def history_model(model: type[models.Model]) -> Any:
    """The history table of an audited model."""
    return model.history.model  # type: ignore[attr-defined]


def m2m_history_models(model: type[models.Model]) -> list[Any]:
    """The tables that keep, for each history row, the many-to-many links of that moment."""
    table = history_model(model)
    return [getattr(table, field.name).model for field in table._history_m2m_fields]


def _snapshot_m2m(model: type[models.Model], rows: Sequence[Any]) -> None:
    """Write the many-to-many links of each object as they are now, for its history row.

    simple-history's bulk helpers write the history rows only; without the links a bulk
    row would read as "every tag removed"."""
    table = history_model(model)
    ids = [getattr(row, model._meta.pk.attname) for row in rows]
    for field in table._history_m2m_fields:
        m2m_table = getattr(table, field.name).model
        through = field.remote_field.through
        own = field.m2m_field_name()
        other = field.m2m_reverse_field_name()
        links: dict[Any, list[tuple[Any, Any]]] = {}
        for link_id, owner_id, other_id in through.objects.filter(
            **{f"{own}_id__in": ids}
        ).values_list("pk", f"{own}_id", f"{other}_id"):
            links.setdefault(owner_id, []).append((link_id, other_id))
        m2m_table.objects.bulk_create(
            m2m_table(history=row, id=link_id, **{f"{own}_id": owner_id, f"{other}_id": other_id})
            for row, owner_id in zip(rows, ids, strict=True)
            for link_id, other_id in links.get(owner_id, [])
        )


def bulk_update_recorded(
    objs: Iterable[models.Model], *, model: type[models.Model], fields: list[str], user: Any
) -> int:
    """``bulk_update`` of ``fields`` on ``objs`` with one history row each, by ``user``.

    It is simple-history's ``bulk_update_with_history``; for models whose history keeps
    many-to-many links, each new row then gets its links. The new rows are found as the
    newest row of each object written by this call (same moment, same user): the update
    has locked the objects' rows, so no other write can slip in between."""
    objs = list(objs)
    if not objs:
        return 0
    when = clock.now()
    table = history_model(model)
    if user is None:  # the request's user (simple-history's middleware), if any
        user = table.get_default_history_user(objs[0])
    with transaction.atomic():
        updated = bulk_update_with_history(
            objs, model, fields, default_user=user, default_date=when
        )
        if table._history_m2m_fields:
            key = model._meta.pk.attname
            newest: dict[Any, Any] = {}
            for row in table.objects.filter(
                **{f"{key}__in": [obj.pk for obj in objs]},
                history_date=when,
                history_type="~",
                history_user_id=getattr(user, "pk", None),
            ).order_by(key, "-history_id"):
                newest.setdefault(getattr(row, key), row)
            _snapshot_m2m(model, list(newest.values()))
        # bulk_update sends no signals: what is cached of these rows goes stale here.
        versions_rows_changed(model, objs)
    return int(updated)


def purge_history(model: type[models.Model], pk: Any) -> int:
    """Delete every history row of one object, with its many-to-many snapshots (erasure)."""
    table = history_model(model)
    key = model._meta.pk.attname
    deleted = 0
    rows = table.objects.filter(**{key: pk})
    for m2m_table in m2m_history_models(model):
        deleted += m2m_table.objects.filter(history__in=rows).delete()[0]
    deleted += table.objects.filter(**{key: pk}).delete()[0]
    return deleted
