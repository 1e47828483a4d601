"""Numbers only: the coordinator's home panel (open cases by need and their trend, loaded
on its own by HTMX) and the council's welfare policy (how long a closed case is kept,
what the retention job leaves)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods
from django_scopes import scope

from coordinator import clock
from coordinator.decorators import login_required_404, settlement_permission
from coordinator.models import Council, Settlement
from coordinator.permissions import councils_staffed_by

from . import selectors_counts, services_policy
from .rules import COUNTS
from .services_retention import ACCESS_LOG_YEARS

MIN_DAYS = 30
MAX_DAYS = 10 * 366

BAR_WIDTH = 100  # the SVG bars' full width (a viewBox unit per percent)
TREND_HEIGHT = 60


def _bars(counts: selectors_counts.SettlementCounts) -> list[dict[str, Any]]:
    """The needs with open cases, each with its bar's width in percent of the largest."""
    rows = [c for c in counts.categories if c.count.value != 0]
    top = max((c.count.height for c in rows), default=1)
    bars = []
    for row in rows:
        width = max(2, round(BAR_WIDTH * row.count.height / top))
        bars.append({"need": row, "width": width, "rest": BAR_WIDTH - width})
    return bars


def _trend(counts: selectors_counts.SettlementCounts) -> list[dict[str, Any]]:
    """The trend's bars: x, y and height in the SVG's units (a hidden count drawn as 5)."""
    top = max((p.count.height for p in counts.trend), default=1) or 1
    points = []
    for index, point in enumerate(counts.trend):
        height = round(TREND_HEIGHT * point.count.height / top)
        points.append(
            {
                "point": point,
                "x": 4 + index * 32,
                "y": 4 + TREND_HEIGHT - height,
                "height": height,
            }
        )
    return points


@require_GET
@settlement_permission(COUNTS)
def home_panel(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    """Open cases by need and the six months' trend, numbers under five hidden (one
    query of its own)."""
    counts = selectors_counts.open_case_counts(
        settlement_ids=[settlement.pk], zone=clock.settlement_zone(settlement)
    )[settlement.pk]
    return render(
        request,
        "welfare/dashboard/_home_panel.html",
        {"counts": counts, "bars": _bars(counts), "trend": _trend(counts)},
    )


class PolicyForm(forms.Form):
    council = forms.IntegerField(widget=forms.HiddenInput)
    closed_case_days = forms.IntegerField(
        label=gettext_lazy("Days a closed case is kept"),
        min_value=MIN_DAYS,
        max_value=MAX_DAYS,
        help_text=gettext_lazy(
            "At least 30. After this many days a closed case is deleted for good."
        ),
        error_messages={
            "required": gettext_lazy("Enter a number of days."),
            "invalid": gettext_lazy("Enter a whole number of days."),
            "min_value": gettext_lazy("Keep closed cases for at least 30 days."),
            "max_value": gettext_lazy("Keep closed cases for ten years at most."),
        },
    )

    def __init__(self, *args: Any, councils: list[Council], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.councils = {c.pk: c for c in councils}

    def clean_council(self) -> Council:
        council = self.councils.get(self.cleaned_data["council"])
        if council is None:
            raise forms.ValidationError(_("Choose one of your councils."))
        return council


@require_http_methods(["GET", "POST"])
@login_required_404
def policy(request: HttpRequest) -> HttpResponse:
    """For each council the user staffs: how long a closed case is kept, what the
    retention job does, and the anonymous counts it left."""
    councils = councils_staffed_by(request.user)
    if not councils:
        raise Http404
    bound: PolicyForm | None = None
    if request.method == "POST":
        bound = PolicyForm(request.POST, councils=councils)
        if bound.is_valid():
            council = bound.cleaned_data["council"]
            services_policy.policy_set(
                council=council,
                closed_case_days=bound.cleaned_data["closed_case_days"],
                by=request.user,
            )
            days = bound.cleaned_data["closed_case_days"]
            messages.success(
                request,
                ngettext(
                    "%(council)s now keeps closed cases for %(days)s day.",
                    "%(council)s now keeps closed cases for %(days)s days.",
                    days,
                )
                % {"council": council.name, "days": days},
            )
            return redirect("welfare:policy")
    policies = services_policy.policies_for(councils=councils)
    settlements = list(
        Settlement.objects.filter(council__in=councils)
        .order_by("name", "pk")
        .values_list("pk", "council_id")
    )
    ids = [pk for pk, _council in settlements]
    with scope(settlement=ids or [-1]):
        purged = selectors_counts.purged_counts(settlement_ids=ids)
    council_of = dict(settlements)
    purged_by_council: dict[int, list[selectors_counts.PurgedRow]] = {c.pk: [] for c in councils}
    for row in purged:
        purged_by_council[council_of[row.settlement_id]].append(row)
    sections = []
    bound_council = bound.data.get("council") if bound is not None else None
    for council in councils:
        policy_row = policies[council.pk]
        if bound is not None and bound_council == str(council.pk):
            form = bound
        else:
            form = PolicyForm(
                initial={"council": council.pk, "closed_case_days": policy_row.closed_case_days},
                councils=councils,
                auto_id=f"id_c{council.pk}_%s",
            )
        sections.append(
            {
                "council": council,
                "policy": policy_row,
                "form": form,
                "purged": purged_by_council[council.pk],
            }
        )
    errors = bound is not None and bool(bound.errors)
    # A form whose council is not one of the user's shows its errors above the sections.
    stray = (
        bound
        if errors and bound is not None and bound not in [s["form"] for s in sections]
        else None
    )
    return render(
        request,
        "welfare/dashboard/policy.html",
        {"sections": sections, "stray": stray, "access_log_years": ACCESS_LOG_YEARS},
        status=400 if errors else 200,
    )
