"""Per-settlement version tokens, by topic, for what is kept in the cache.

A *topic* (the council dashboard's summaries, a plan's page) watches the models whose rows
it reads. Each settlement has a token per topic, a random string in the cache; a save or
delete of a watched row (or a change to a watched many-to-many link) replaces the token of
the row's settlement once the transaction commits, never if it rolls back. Whatever was
kept under the old token is then never read again. A reader that computed old data while
a change was committing keeps it under the old token too, so it cannot outlive the change.

Writes that send no signals (``QuerySet.update``, ``bulk_create``, ``bulk_update``) must
call ``versions_touch`` themselves: ``coordinator.history.bulk_update_recorded`` and the
seeders do. The cache is Redis in production, shared by every web process and worker, and
a folder in the embedded default.
"""

import functools
import hashlib
import logging
import uuid
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

from django.apps import apps
from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.loader import get_template

from . import clock

logger = logging.getLogger(__name__)

PREFIX = "version"
_topics: dict[str, set[str]] = {}  # a watched model's label -> the topics that read it


def _key(topic: str, settlement_id: int) -> str:
    return f"{PREFIX}:{topic}:{settlement_id}"


def versions_of(topic: str, ids: Sequence[int]) -> dict[int, str]:
    """The current token of each settlement for ``topic`` (made on first use). Raises
    what the cache raises when it is down: the caller then reads live."""
    keys = {settlement_id: _key(topic, settlement_id) for settlement_id in ids}
    found = cache.get_many(list(keys.values()))
    missing = [settlement_id for settlement_id in ids if keys[settlement_id] not in found]
    if missing:
        # add() keeps a token another process set at the same moment: read back after.
        for settlement_id in missing:
            cache.add(keys[settlement_id], uuid.uuid4().hex, timeout=None)
        found.update(cache.get_many([keys[settlement_id] for settlement_id in missing]))
    return {settlement_id: found[keys[settlement_id]] for settlement_id in ids}


def _replace(topics: Sequence[str], settlement_ids: Sequence[int]) -> None:
    try:
        cache.set_many(
            {
                _key(topic, settlement_id): uuid.uuid4().hex
                for topic in topics
                for settlement_id in settlement_ids
            },
            timeout=None,
        )
    except Exception as error:  # what was kept expires on its own
        logger.warning("Cached data not marked stale: the cache failed (%s).", error)


def versions_touch(*settlement_ids: int | None, topics: Iterable[str] | None = None) -> None:
    """Replace these settlements' tokens of ``topics`` (every topic if None) once the
    current transaction commits (at once outside one)."""
    ids = sorted({settlement_id for settlement_id in settlement_ids if settlement_id is not None})
    chosen = sorted(set(topics) if topics is not None else set().union(*_topics.values()))
    if ids and chosen:
        transaction.on_commit(partial(_replace, chosen, ids))


def versions_rows_changed(model: type[Model], objs: Iterable[Model]) -> None:
    """For writes that send no signals: the topics that read ``model`` go stale for the
    settlements of ``objs``."""
    topics = _topics.get(model._meta.label)
    if topics:
        versions_touch(*{getattr(obj, "settlement_id", None) for obj in objs}, topics=topics)


def _settlement_of(sender: type[Model], instance: Model) -> int | None:
    if sender._meta.label == "coordinator.Settlement":
        return instance.pk
    return getattr(instance, "settlement_id", None)


def _changed(sender: type[Model], instance: Model, **kwargs: Any) -> None:
    versions_touch(_settlement_of(sender, instance), topics=_topics[sender._meta.label])


def _links_changed(sender: type[Model], instance: Model, action: str, **kwargs: Any) -> None:
    # ``instance`` is the object whose links changed, from either side; both sides belong
    # to the same settlement.
    if action in ("post_add", "post_remove", "post_clear"):
        versions_touch(_settlement_of(type(instance), instance), topics=_topics[sender._meta.label])


def versions_watch(topic: str, labels: Iterable[str]) -> None:
    """``topic`` reads the rows of these models ("app_label.Model"; an automatic
    many-to-many table by its label, e.g. "plans.Goal_needs"). Call from an app's
    ``ready()``, when every model is loaded; watching twice is harmless."""
    for label in labels:
        model = apps.get_model(label)
        _topics.setdefault(model._meta.label, set()).add(topic)
        uid = f"{PREFIX}:{model._meta.label}"
        if model._meta.auto_created:  # a many-to-many table: its rows come and go as links
            m2m_changed.connect(_links_changed, sender=model, dispatch_uid=uid, weak=False)
        else:
            post_save.connect(_changed, sender=model, dispatch_uid=uid, weak=False)
            post_delete.connect(_changed, sender=model, dispatch_uid=uid, weak=False)


# Page fragments kept by version


FRAGMENT_TIMEOUT = 60 * 60  # seconds a fragment is kept at most


@functools.cache
def _templates_fingerprint(names: tuple[str, ...]) -> str:
    """What the templates say, once per process: a deployment that changes them does not
    serve the fragments the old ones rendered."""
    sources = [getattr(get_template(name), "template", None) for name in names]
    return hashlib.sha256(
        "\0".join(getattr(source, "source", "") for source in sources).encode()
    ).hexdigest()


def fragment_key(
    topic: str, ids: Sequence[int], *parts: str, templates: Sequence[str] = ()
) -> str | None:
    """The cache key of a page fragment rendered from what ``topic`` reads of the
    settlements ``ids``: it changes with any of their tokens, the day, ``parts`` (the
    object, the language, the order, what the reader may do) and what the ``templates``
    say. None when the cache is down (render without keeping)."""
    try:
        versions = versions_of(topic, ids)
    except Exception as error:
        logger.warning("Page fragment not cached: the cache failed (%s).", error)
        return None
    described = [
        topic,
        clock.today().isoformat(),
        _templates_fingerprint(tuple(templates)),
        *parts,
        *(f"{settlement_id}={versions[settlement_id]}" for settlement_id in ids),
    ]
    digest = hashlib.sha256(chr(31).join(described).encode()).hexdigest()
    return f"{PREFIX}:fragment:{digest}"


def fragment(key: str | None, render: Callable[[], str]) -> str:
    """The fragment kept under ``key``, or ``render()`` kept there now (rendered without
    keeping when the cache is down)."""
    if key is None:
        return render()
    try:
        html = cache.get(key)
    except Exception as error:
        logger.warning("Page fragment rendered live: the cache failed (%s).", error)
        return render()
    if html is None:
        html = render()
        try:
            cache.set(key, html, timeout=FRAGMENT_TIMEOUT)
        except Exception as error:
            logger.warning("Page fragment not kept: the cache failed (%s).", error)
    return html
