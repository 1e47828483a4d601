"""Conflicts in the community and their mediation: what happened, who is involved
(without names where possible), the steps taken and the outcome. The coordinator's alone;
every page that shows what happened records the reading in the audit trail."""

from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement
from coordinator.services.audit import record_read

from . import selectors_conflicts as selectors
from . import services_conflicts as services
from .forms_conflicts import ConflictFilterForm, ConflictForm, StepForm
from .models_community import Conflict, MediationStep

PERM = selectors.PERM


def _badge(conflict: Conflict) -> None:
    conflict.badge = selectors.STATUS_BADGES[Conflict.Status(conflict.status)]  # type: ignore[attr-defined]


# --- list --------------------------------------------------------------------------------


@require_GET
@settlement_permission(PERM)
def conflict_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = ConflictFilterForm(request.GET or None)
    filters = selectors.ConflictFilter()
    if form.is_bound:
        form.is_valid()  # a bad value drops only its own filter
        data = form.cleaned_data
        filters = selectors.ConflictFilter(
            query=data.get("q", ""),
            status=data.get("status") or selectors.ACTIVE,
            kind=data.get("kind", ""),
        )
    conflicts = selectors.conflicts_for(user=request.user, settlement=settlement, filters=filters)
    page = Paginator(conflicts, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    rows: list[Any] = list(page.object_list)
    for conflict in rows:
        _badge(conflict)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "conflicts": rows,
        "query": query.urlencode(),
        "filtered": bool(filters.query or filters.kind or filters.status != selectors.ACTIVE),
    }
    partial = bool(getattr(request, "htmx", False))
    template = "committees/conflicts/_table.html" if partial else "committees/conflicts/list.html"
    return render(request, template, context)


# --- create and edit ---------------------------------------------------------------------


def _form_page(request: HttpRequest, form: ConflictForm, conflict: Conflict | None) -> HttpResponse:
    return render(
        request,
        "committees/conflicts/form.html",
        {"form": form, "conflict": conflict},
        status=400 if form.is_bound and form.errors else 200,
    )


@settlement_permission(PERM)
def conflict_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = ConflictForm(request.POST if request.method == "POST" else None, today=clock.today())
    if request.method == "POST" and form.is_valid():
        conflict = services.conflict_create(
            settlement=settlement, data=form.conflict_data(), by=request.user
        )
        messages.success(request, _("The conflict was recorded."))
        return redirect("committees:conflict_detail", pk=conflict.pk)
    return _form_page(request, form, None)


@settlement_permission(PERM)
def conflict_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    posted = request.method == "POST"
    # The form shows what happened: a reading, unless it is the save itself.
    conflict = selectors.conflict_get_for(
        user=request.user, settlement=settlement, pk=pk, record=not posted
    )
    form = ConflictForm(
        request.POST if posted else None,
        today=clock.today(),
        conflict=conflict,
        first_step_on=selectors.first_step_on(conflict=conflict),
    )
    if posted and form.is_valid():
        services.conflict_update(conflict=conflict, data=form.conflict_data(), by=request.user)
        messages.success(request, _("The changes were saved."))
        return redirect("committees:conflict_detail", pk=conflict.pk)
    return _form_page(request, form, conflict)


# --- the conflict's page -----------------------------------------------------------------


def _detail_page(
    request: HttpRequest, conflict: Conflict, step_form: StepForm, status: int = 200
) -> HttpResponse:
    _badge(conflict)
    return render(
        request,
        "committees/conflicts/detail.html",
        {
            "conflict": conflict,
            "steps": selectors.conflict_steps(conflict=conflict),
            "step_form": step_form,
        },
        status=status,
    )


@require_GET
@settlement_permission(PERM)
def conflict_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    conflict = selectors.conflict_get_for(
        user=request.user, settlement=settlement, pk=pk, record=True
    )
    return _detail_page(request, conflict, StepForm(conflict=conflict, today=clock.today()))


@settlement_permission(PERM)
def conflict_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    conflict = selectors.conflict_get_for(user=request.user, settlement=settlement, pk=pk)
    if request.method == "POST":
        services.conflict_delete(conflict=conflict, by=request.user)
        messages.success(
            request, _("The conflict “%(title)s” was deleted.") % {"title": conflict.title}
        )
        return redirect("committees:conflicts")
    return render(
        request,
        "committees/conflicts/delete.html",
        {"conflict": conflict, "step_count": selectors.step_count(conflict=conflict)},
    )


# --- mediation steps ---------------------------------------------------------------------


@settlement_permission(PERM)
def step_add(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """The form sits on the conflict's page; a GET shows it alone, and a bad POST shows
    the whole page again with the errors (a 400)."""
    posted = request.method == "POST"
    conflict = selectors.conflict_get_for(user=request.user, settlement=settlement, pk=pk)
    form = StepForm(request.POST if posted else None, conflict=conflict, today=clock.today())
    if not posted:
        return render(
            request, "committees/conflicts/step_form.html", {"form": form, "conflict": conflict}
        )
    if form.is_valid():
        _step, moved = services.step_add(conflict=conflict, data=form.step_data(), by=request.user)
        if moved:
            messages.success(request, _("The step was added. The conflict is now in mediation."))
        else:
            messages.success(request, _("The step was added."))
        return redirect(reverse("committees:conflict_detail", args=[conflict.pk]) + "#steps")
    record_read(user=request.user, obj=conflict)  # the page shows the conflict again
    return _detail_page(request, conflict, form, status=400)


def _step_page(request: HttpRequest, form: StepForm, step: MediationStep) -> HttpResponse:
    return render(
        request,
        "committees/conflicts/step_form.html",
        {"form": form, "conflict": step.conflict, "step": step},
        status=400 if form.is_bound and form.errors else 200,
    )


@settlement_permission(PERM)
def step_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    posted = request.method == "POST"
    step = selectors.step_get_for(
        user=request.user, settlement=settlement, pk=pk, record=not posted
    )
    form = StepForm(
        request.POST if posted else None, conflict=step.conflict, today=clock.today(), step=step
    )
    if posted and form.is_valid():
        services.step_update(step=step, data=form.step_data(), by=request.user)
        messages.success(request, _("The changes were saved."))
        return redirect(reverse("committees:conflict_detail", args=[step.conflict_id]) + "#steps")
    return _step_page(request, form, step)


@settlement_permission(PERM)
def step_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    step = selectors.step_get_for(user=request.user, settlement=settlement, pk=pk)
    if request.method == "POST":
        services.step_delete(step=step, by=request.user)
        messages.success(request, _("The step was deleted."))
        return redirect(reverse("committees:conflict_detail", args=[step.conflict_id]) + "#steps")
    return render(
        request, "committees/conflicts/step_delete.html", {"step": step, "conflict": step.conflict}
    )
