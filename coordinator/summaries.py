"""Each settlement's numbers on the council dashboard, kept in the cache instead of
aggregated live on every visit (issue 10: the dashboard of 50 settlements must cost about
what the dashboard of 5 does).

A settlement's summary holds its council columns and its council panels' numbers. It is
kept under a key made of the settlement's id, its *version* and the day (the numbers that
depend on the date, such as arrivals in the last 12 months or the plan's year gone, are
then computed again each day). The version is a random token; a change to any row a
column or panel counts (``depends_on`` in the registry) replaces it once the transaction
commits, so the next visit reads that settlement afresh and the others from the cache. A
reader that computed old numbers while a change was committing stores them under the old
version, which nobody reads again.

The cache is Redis in production (shared by every web process and worker) and a folder in
the embedded default. Changes that skip Django's signals (``QuerySet.update``,
``bulk_create``) must call ``summaries_touch`` themselves; the seeders do. An hour's expiry
bounds what a missed change can leave stale. With the cache down, the dashboard computes
everything live.
"""

import functools
import hashlib
import logging
import uuid
from collections.abc import Iterable, Sequence
from functools import partial
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.template.loader import get_template
from django_scopes import scope

from . import clock

logger = logging.getLogger(__name__)

TIMEOUT = 60 * 60  # seconds a summary is kept at most
PREFIX = "council-summary"
# A settlement's name and age-group boundaries are on the dashboard too.
ALWAYS_WATCHED = ("coordinator.Settlement",)
_watched: set[str] = set()  # the labels of the models connected below


def _version_key(settlement_id: int) -> str:
    return f"{PREFIX}:version:{settlement_id}"


def _versions(ids: Sequence[int]) -> dict[int, str]:
    keys = {settlement_id: _version_key(settlement_id) for settlement_id in ids}
    found = cache.get_many(list(keys.values()))
    missing = [settlement_id for settlement_id in ids if keys[settlement_id] not in found]
    if missing:
        # add() keeps a version another process set at the same moment: read back after.
        for settlement_id in missing:
            cache.add(keys[settlement_id], uuid.uuid4().hex, timeout=None)
        found.update(cache.get_many([keys[settlement_id] for settlement_id in missing]))
    return {settlement_id: found[keys[settlement_id]] for settlement_id in ids}


def _compute(ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The summaries of ``ids`` from the database: a fixed number of queries for any
    number of settlements (each column and panel reads them all at once)."""
    from . import registry  # not at the top: the models import this module (history)

    with scope(settlement=list(ids)):
        columns = {column.key: column.values(ids) for column in registry.council_columns}
        panels = {panel.template: panel.summary(ids) for panel in registry.council_panels}
    return {
        settlement_id: {
            "columns": {key: values.get(settlement_id, 0) for key, values in columns.items()},
            "panels": {template: rows.get(settlement_id) for template, rows in panels.items()},
        }
        for settlement_id in ids
    }


def summaries_for(ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """Each settlement's summary, ``{"columns": {key: number}, "panels": {template:
    summary}}``, by id: from the cache where it is current, else computed (and kept)."""
    if not ids:
        return {}
    day = clock.today().isoformat()
    try:
        versions = _versions(ids)
        keys = {
            settlement_id: f"{PREFIX}:{settlement_id}:{versions[settlement_id]}:{day}"
            for settlement_id in ids
        }
        found = cache.get_many(list(keys.values()))
    except Exception as error:  # a cache that is down only makes the page slower
        logger.warning("Council summaries read live: the cache failed (%s).", error)
        return _compute(ids)
    summaries = {
        settlement_id: found[keys[settlement_id]]
        for settlement_id in ids
        if keys[settlement_id] in found
    }
    missing = [settlement_id for settlement_id in ids if settlement_id not in summaries]
    if missing:
        computed = _compute(missing)
        summaries.update(computed)
        try:
            cache.set_many(
                {keys[settlement_id]: computed[settlement_id] for settlement_id in missing},
                timeout=TIMEOUT,
            )
        except Exception as error:
            logger.warning("Council summaries not kept: the cache failed (%s).", error)
    return summaries


@functools.cache
def _templates_fingerprint(names: tuple[str, ...]) -> str:
    """What the templates say, once per process: a deployment that changes them does not
    serve the fragments the old ones rendered."""
    sources = [getattr(get_template(name), "template", None) for name in names]
    return hashlib.sha256(
        "\0".join(getattr(source, "source", "") for source in sources).encode()
    ).hexdigest()


def fragment_key(
    name: str, ids: Sequence[int], *parts: str, templates: Sequence[str] = ()
) -> str | None:
    """The cache key of a page fragment rendered from the summaries of ``ids``: it changes
    with any of their versions, the day, ``parts`` (the language, the order) and what the
    ``templates`` say. None when the cache is down (render without keeping it)."""
    try:
        versions = _versions(ids)
    except Exception as error:
        logger.warning("Page fragment not cached: the cache failed (%s).", error)
        return None
    described = [
        name,
        clock.today().isoformat(),
        _templates_fingerprint(tuple(templates)),
        *parts,
        *(f"{settlement_id}={versions[settlement_id]}" for settlement_id in ids),
    ]
    return f"{PREFIX}:fragment:{hashlib.sha256(chr(31).join(described).encode()).hexdigest()}"


def fragment_get(key: str | None) -> str | None:
    if key is None:
        return None
    try:
        return cache.get(key)
    except Exception as error:
        logger.warning("Page fragment read live: the cache failed (%s).", error)
        return None


def fragment_set(key: str | None, html: str) -> None:
    if key is None:
        return
    try:
        cache.set(key, html, timeout=TIMEOUT)
    except Exception as error:
        logger.warning("Page fragment not kept: the cache failed (%s).", error)


def _forget(settlement_ids: Iterable[int]) -> None:
    try:
        cache.set_many(
            {_version_key(settlement_id): uuid.uuid4().hex for settlement_id in settlement_ids},
            timeout=None,
        )
    except Exception as error:  # the hour's expiry then bounds how stale they get
        logger.warning("Council summaries not marked stale: the cache failed (%s).", error)


def summaries_touch(*settlement_ids: int | None) -> None:
    """Mark these settlements' summaries stale once the current transaction commits (at
    once outside a transaction; never if it rolls back)."""
    ids = {settlement_id for settlement_id in settlement_ids if settlement_id is not None}
    if ids:
        transaction.on_commit(partial(_forget, sorted(ids)))


def summaries_rows_changed(model: type[Model], objs: Iterable[Model]) -> None:
    """For writes that send no signals (``bulk_update``, ``bulk_create``): mark stale the
    summaries of the settlements of ``objs`` if the dashboard counts ``model``'s rows."""
    if model._meta.label in _watched:
        summaries_touch(*{getattr(obj, "settlement_id", None) for obj in objs})


def _changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    if sender._meta.label == "coordinator.Settlement":
        summaries_touch(instance.pk)
    else:
        summaries_touch(getattr(instance, "settlement_id", None))


def summaries_watch(labels: Iterable[str]) -> None:
    """Mark a settlement's summary stale whenever a row of these models ("app.Model") is
    saved or deleted. Called by the registry as columns and panels register (in the apps'
    ``ready()``, when every model is loaded); connecting twice is harmless."""
    for label in (*ALWAYS_WATCHED, *labels):
        model = apps.get_model(label)
        _watched.add(model._meta.label)
        uid = f"{PREFIX}:{label}"
        post_save.connect(_changed, sender=model, dispatch_uid=uid, weak=False)
        post_delete.connect(_changed, sender=model, dispatch_uid=uid, weak=False)
