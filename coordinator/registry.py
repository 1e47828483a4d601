"""Extension points through which the domain apps add to pages the core owns.

The core never imports a domain app. Each app registers, in its ``AppConfig.ready()``, what
it contributes to the role home pages and the council dashboard. Every provider runs a
fixed number of queries whatever the size of the data, so the pages' query counts stay
constant.
"""

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from .models import Settlement

if TYPE_CHECKING:
    from .scale import ScaleContext


@dataclass(frozen=True)
class DueItem:
    """Something on the coordinator's plate this week."""

    day: dt.date
    title: str
    url: str = ""
    kind: str = ""


@dataclass(frozen=True)
class Count:
    """A number shown as a tile on a home page."""

    label: str | Promise
    value: int
    url: str = ""


@dataclass(frozen=True)
class CouncilColumn:
    """A column of the council dashboard: one number per settlement.

    ``depends_on`` names the models ("app_label.Model") whose rows the number counts: a
    change to one of them marks its settlement's summary stale (``coordinator.summaries``).
    """

    key: str
    label: str | Promise
    values: Callable[[Sequence[int]], dict[int, int]]
    depends_on: tuple[str, ...] = ()


@dataclass(frozen=True)
class Panel:
    """A block of a home page, rendered from its own template."""

    template: str
    context: Callable[[Any, Settlement], dict[str, Any] | None]
    roles: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class CouncilPanel:
    """A block under the council dashboard's table, rendered from its own template.

    ``summary`` reads each settlement's numbers from the ids of the council's settlements
    (numbers only, never a person; a fixed number of queries for any number of
    settlements). What it returns per settlement is kept in the cache, so it must pickle and
    hold nothing in the reader's language. ``context`` makes the template's context from
    those summaries, in the order of the settlements' names; labels are translated there.
    ``depends_on`` as for ``CouncilColumn``.
    """

    template: str
    summary: Callable[[Sequence[int]], dict[int, Any]]
    context: Callable[[list[Any]], dict[str, Any]]
    depends_on: tuple[str, ...] = ()


due_providers: list[Callable[[Settlement, dt.date, dt.date], list[DueItem]]] = []
count_providers: list[Callable[[Settlement], list[Count]]] = []
council_columns: list[CouncilColumn] = []
home_panels: list[Panel] = []
council_panels: list[CouncilPanel] = []


def register_due(provider: Callable[[Settlement, dt.date, dt.date], list[DueItem]]) -> None:
    if provider not in due_providers:
        due_providers.append(provider)


def register_counts(provider: Callable[[Settlement], list[Count]]) -> None:
    if provider not in count_providers:
        count_providers.append(provider)


def register_council_column(column: CouncilColumn) -> None:
    if column.key not in {c.key for c in council_columns}:
        council_columns.append(column)
        _watch(column.depends_on)


def register_home_panel(panel: Panel) -> None:
    if panel.template not in {p.template for p in home_panels}:
        home_panels.append(panel)


def register_council_panel(panel: CouncilPanel) -> None:
    if panel.template not in {p.template for p in council_panels}:
        council_panels.append(panel)
        _watch(panel.depends_on)


def _watch(labels: Sequence[str]) -> None:
    from .summaries import summaries_watch

    summaries_watch(labels)


@dataclass(frozen=True)
class NavItem:
    """A link in the main navigation, shown when ``perm`` holds on the active settlement
    (or, for council items, on nothing: ``perm`` is then checked without an object)."""

    label: str | Promise
    url_name: str
    perm: str
    order: int = 100
    council: bool = False
    group: str = ""  # a key of NAV_GROUPS: items of a group share one menu in the bar


# Menus of the bar, so that it fits a desktop in every language as modules add pages: a
# group shown to someone with one item of it is a plain link.
NAV_GROUPS: dict[str, str | Promise] = {
    "people": gettext_lazy("People"),
    "mapping": gettext_lazy("Needs mapping"),
    "community": gettext_lazy("Community"),
    "events": gettext_lazy("Events and classes"),
    "welfare": gettext_lazy("Welfare"),
}

nav_items: list[NavItem] = []


def register_nav(item: NavItem) -> None:
    if item.url_name not in {i.url_name for i in nav_items}:
        nav_items.append(item)
        nav_items.sort(key=lambda i: i.order)


def _join(first: str, second: str) -> str:
    return f"{first}, {second}" if first and second else first or second


@dataclass(frozen=True)
class TrailSource:
    """An audited model whose history rows appear in the settlement's audit trail.

    ``model`` declares ``history = AuditedHistory(...)`` and has a ``settlement`` field;
    ``title_fields`` are two columns of its history table (``"user__username"`` follows a
    link; ``""`` is none) that ``title`` turns into the name shown for a row."""

    kind: str
    label: str | Promise
    model: type[models.Model]
    title_fields: tuple[str, str]
    title: Callable[[str, str], str] = _join


trail_sources: list[TrailSource] = []


def register_trail(source: TrailSource) -> None:
    if source.kind not in {s.kind for s in trail_sources}:
        trail_sources.append(source)


def trail_source(kind: str) -> TrailSource | None:
    return next((s for s in trail_sources if s.kind == kind), None)


@dataclass(frozen=True)
class PersonalData:
    """What an app holds about a resident, for the personal-data export and for erasure.

    ``export`` returns plain JSON data; ``erase`` removes what deleting the resident row
    would not (rows that would only lose their link, such as a named survey's answers)."""

    key: str
    export: Callable[[Any], Any]
    erase: Callable[[Any], None] | None = None


personal_data: list[PersonalData] = []


def register_personal_data(item: PersonalData) -> None:
    if item.key not in {p.key for p in personal_data}:
        personal_data.append(item)


# The demo (manage.py seed_demo): each app adds its own demo data to a settlement whose
# residents exist. Called outside any transaction, inside the settlement's scope; must be
# idempotent (run again, it adds nothing).
demo_seeders: list[Callable[[Settlement], None]] = []


def register_demo(seeder: Callable[[Settlement], None]) -> None:
    if seeder not in demo_seeders:
        demo_seeders.append(seeder)


# The scale data set (manage.py seed_scale, coordinator.scale): each app adds its rows to a
# settlement whose residents and accounts exist, with bulk inserts. Called once per
# settlement, in the order the apps are installed, inside a transaction with scopes off.
scale_builders: list[Callable[["ScaleContext"], None]] = []


def register_scale(builder: Callable[["ScaleContext"], None]) -> None:
    if builder not in scale_builders:
        scale_builders.append(builder)
