"""Each settlement's numbers on the council dashboard, kept in the cache instead of
aggregated live on every visit (issue 10: the dashboard of 50 settlements must cost about
what the dashboard of 5 does).

A settlement's summary holds its council columns and its council panels' numbers. It is
kept under a key made of the settlement's id, its version token of the "council" topic
(``coordinator.versions``: replaced when a row a column or panel counts changes, as named
by ``depends_on`` in the registry) and the day (the numbers that depend on the date, such
as arrivals in the last 12 months or the plan's year gone, are computed again each day).
The next visit after a change reads that settlement afresh and the others from the cache.
An hour's expiry bounds what a missed change can leave stale. With the cache down, the
dashboard computes everything live.
"""

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from django.core.cache import cache
from django_scopes import scope

from . import clock
from .versions import versions_of, versions_watch

logger = logging.getLogger(__name__)

TOPIC = "council"
TIMEOUT = 60 * 60  # seconds a summary is kept at most
# A settlement's name and age-group boundaries are on the dashboard too.
ALWAYS_WATCHED = ("coordinator.Settlement",)


def summaries_watch(labels: Iterable[str]) -> None:
    """The dashboard counts these models' rows (called as columns and panels register)."""
    versions_watch(TOPIC, (*ALWAYS_WATCHED, *labels))


def _compute(ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The summaries of ``ids`` from the database: a fixed number of queries for any
    number of settlements (each column and panel reads them all at once)."""
    from . import registry  # not at the top: registry imports the models

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
        versions = versions_of(TOPIC, ids)
        keys = {
            settlement_id: f"summary:{settlement_id}:{versions[settlement_id]}:{day}"
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
