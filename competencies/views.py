"""The coordinator's self-assessments: the list with a form to start one and the radar of
the latest two; and the panel of the coordinator's home page (loaded on its own)."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import selectors_cycles, services_cycles
from .forms_cycles import CycleForm
from .rules import ASSESS
from .selectors import council_of, current_framework


@require_http_methods(["GET", "POST"])
@settlement_permission(ASSESS)
def home(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = CycleForm(
        request.POST if request.method == "POST" else None,
        settlement=settlement,
        today=clock.local_today(settlement),
    )
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services_cycles.cycle_create(
                owner=request.user,
                framework=current_framework(council_of(settlement)),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("“%(title)s” is started. Rate what you can now: you can come back any time.")
                % {"title": cycle.title},
            )
            return redirect("competencies:cycle", pk=cycle.pk)
    cycles = selectors_cycles.cycles_of(request.user)
    context: dict[str, Any] = {
        "form": form,
        "cycles": cycles,
        "radar": selectors_cycles.radar_for(cycles, get_language(), get_language_bidi()),
        "latest": cycles[0] if cycles else None,
        "previous": cycles[1] if len(cycles) > 1 else None,
    }
    return render(
        request,
        "competencies/home.html",
        context,
        status=400 if form.is_bound and form.errors else 200,
    )


@require_GET
@settlement_permission(ASSESS)
def home_panel(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    """The open self-assessment's progress and the next step of the development plan, for
    the coordinator's home page (two queries of its own)."""
    cycle = selectors_cycles.open_cycle_of(request.user)
    counts: Any = cycle
    percent = round(100 * counts.rated / counts.total) if cycle is not None and counts.total else 0
    return render(
        request,
        "competencies/_home_panel.html",
        {
            "cycle": cycle,
            "percent": percent,
            "activity": selectors_cycles.next_activity_of(request.user),
        },
    )
