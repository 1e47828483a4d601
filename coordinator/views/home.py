"""Each role's home page, the council dashboard, and switching settlements."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import registry, selectors, summaries, versions
from ..decorators import login_required_404
from ..forms import SettlementSwitchForm
from ..middleware import SESSION_KEY
from ..models import Role
from ..permissions import councils_staffed_by, roles_in, settlements_of


def bars(rows: list[tuple[str, int]]) -> list[dict[str, Any]]:
    """Rows of a bar chart drawn with CSS: each bar's width rounded to 5 %."""
    largest = max((value for _label, value in rows), default=0) or 1
    return [
        {"label": label, "value": value, "width": f"w-{round(value * 20 / largest) * 5}"}
        for label, value in rows
    ]


@require_GET
@login_required_404
def home(request: HttpRequest) -> HttpResponse:
    """Coordinators see their week; chairs their committees; council staff the council;
    the other roles an overview of their settlement."""
    user: Any = request.user
    settlement = getattr(request, "settlement", None)
    roles = roles_in(user, settlement.pk if settlement else None)
    if settlement is None:
        if councils_staffed_by(user):
            return council_dashboard(request)
        return render(request, "coordinator/home_no_role.html", status=200)
    panels = []
    for panel in registry.home_panels:
        if panel.roles & roles:
            panel_context = panel.context(user, settlement)
            if panel_context is not None:
                panels.append((panel.template, panel_context))
    context: dict[str, Any] = {
        "settlement": settlement,
        "role_labels": [Role(role).label for role in sorted(roles)],
        "panels": panels,
        "is_coordinator": Role.COORDINATOR in roles,
        "has_council": bool(councils_staffed_by(user)),
    }
    if Role.COORDINATOR in roles:
        context["due"] = selectors.due_this_week(settlement=settlement)
        context["counts"] = selectors.home_counts(settlement=settlement)
        template = "coordinator/home_coordinator.html"
    else:
        template = "coordinator/home_member.html"
    context["age_groups"] = bars(selectors.age_group_counts(settlement=settlement))
    return render(request, template, context)


@require_GET
@login_required_404
def council_dashboard(request: HttpRequest) -> HttpResponse:
    """The council's settlements in numbers. The tables are rendered from each
    settlement's summary and kept in the cache, keyed by every summary's version, the
    language and the order: a visit where nothing changed renders none of them."""
    sort = request.GET.get("sort", "name")[:30]
    councils, settlements = selectors.council_settlements_for(request.user)
    templates = [TABLES, *(panel.template for panel in registry.council_panels)]
    key = versions.fragment_key(
        summaries.TOPIC,
        [s.pk for s in settlements],
        get_language() or "",
        sort,
        templates=templates,
    )

    # Read only if the tables are rendered (or a test asks for it).
    board: Any = SimpleLazyObject(
        lambda: selectors.council_dashboard(councils=councils, settlements=settlements, sort=sort)
    )
    tables = versions.fragment(
        key, lambda: render_to_string(TABLES, council_tables(board), request)
    )
    return render(
        request,
        "coordinator/council_dashboard.html",
        {
            "councils": councils,
            "settlement_count": len(settlements),
            "tables": mark_safe(tables),  # noqa: S308  (rendered by our template, escaped there)
            "dashboard": board,
        },
    )


TABLES = "coordinator/_council_tables.html"


def council_tables(dashboard: selectors.CouncilDashboard) -> dict[str, Any]:
    """The context of the dashboard's tables: the settlements' rows, their totals, the
    sortable headings and the modules' panels."""
    keys = [column.key for column in dashboard.columns]
    sizes = bars([(row.settlement.name, row.values.get("residents", 0)) for row in dashboard.rows])
    table = [
        (row.settlement, [row.values[key] for key in keys], size["width"])
        for row, size in zip(dashboard.rows, sizes, strict=True)
    ]
    totals = [sum(row.values[key] for row in dashboard.rows) for key in keys]
    headers = []
    for key, label in [("name", _("Settlement")), *((c.key, c.label) for c in dashboard.columns)]:
        active = key == dashboard.sort
        next_sort = f"-{key}" if active and not dashboard.descending else key
        headers.append(
            {
                "key": key,
                "label": label,
                "url": f"{reverse('council:dashboard')}?sort={next_sort}",
                "aria_sort": ("descending" if dashboard.descending else "ascending")
                if active
                else "none",
                "numeric": key != "name",
            }
        )
    return {"dashboard": dashboard, "headers": headers, "table": table, "totals": totals}


@require_POST
@login_required_404
def switch_settlement(request: HttpRequest) -> HttpResponse:
    form = SettlementSwitchForm(request.POST)
    allowed = {s.pk: s for s in settlements_of(request.user)}
    if not form.is_valid() or form.cleaned_data["settlement"] not in allowed:
        raise Http404
    chosen = allowed[form.cleaned_data["settlement"]]
    request.session[SESSION_KEY] = chosen.pk
    messages.success(request, _("You are now working in %(name)s.") % {"name": chosen.name})
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return HttpResponseRedirect(target)
    return redirect("home")
