"""The needs register: what the yearly plan is built from. The coordinator keeps it; the
secretary and the board read it."""

from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from ..forms_mapping import NeedFilterForm, NeedForm, need_initial
from ..i18n import text_in
from ..models import Need
from ..selectors import mapping as selectors
from ..selectors import need_get
from ..services import needs as services
from .mapping import age_group_labels

VIEW = "surveys.view_needs"
CHANGE = "surveys.change_needs"

# Each level's badge: colour and words, so the colour is never the only sign.
BADGES = {
    selectors.HIGH: ("text-bg-danger", gettext_lazy("High")),
    selectors.MEDIUM: ("text-bg-warning", gettext_lazy("Medium")),
    selectors.LOW: ("text-bg-secondary", gettext_lazy("Low")),
}
MATRIX_CELLS = {
    selectors.HIGH: "bg-danger-subtle",
    selectors.MEDIUM: "bg-warning-subtle",
    selectors.LOW: "bg-body-tertiary",
}
SCALE = range(1, 6)


def _with_priority(need: Need) -> Any:
    """``need`` with what pages show of it: its priority level, badge and age groups."""
    row: Any = need
    level = selectors.priority_level(need.priority)
    row.level = level
    row.badge_class, row.level_label = BADGES[level]
    row.age_group_labels = age_group_labels(need.age_groups)
    return row


def _matrix(counts: dict[tuple[int, int], int]) -> list[dict[str, Any]]:
    """Rows of impact 5 to 1, each with a cell per urgency 1 to 5."""
    rows = []
    for impact in reversed(SCALE):
        cells = []
        for urgency in SCALE:
            level = selectors.priority_level(impact * urgency)
            cells.append(
                {
                    "urgency": urgency,
                    "count": counts.get((impact, urgency), 0),
                    "class": MATRIX_CELLS[level],
                    "level_label": BADGES[level][1],
                    "priority": impact * urgency,
                }
            )
        rows.append({"impact": impact, "cells": cells})
    return rows


# --- list --------------------------------------------------------------------------------


@require_GET
@settlement_permission(VIEW)
def need_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = NeedFilterForm(request.GET or None, settlement=settlement)
    filters = form.filters()
    needs = selectors.needs_for(settlement=settlement, filters=filters)
    page = Paginator(needs, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [_with_priority(need) for need in page.object_list]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "needs": rows,
        "matrix": _matrix(selectors.need_matrix(settlement=settlement, filters=filters)),
        "scale": SCALE,
        "query": query.urlencode(),
        "filtered": any(
            [
                filters.query,
                filters.status,
                filters.age_group,
                filters.neighbourhood_id,
                filters.level,
            ]
        ),
        "can_edit": request.user.has_perm(CHANGE, settlement),
    }
    partial = bool(getattr(request, "htmx", False))
    template = "surveys/needs/_register.html" if partial else "surveys/needs/list.html"
    return render(request, template, context)


# --- detail ------------------------------------------------------------------------------


@require_GET
@settlement_permission(VIEW)
def need_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    need = _with_priority(selectors.need_detail_get(settlement=settlement, pk=pk))
    can_see_results = request.user.has_perm("surveys.view_results", settlement)
    language = get_language() or ""
    questions = []
    for question in need.evidence_questions.all():
        survey = question.survey
        questions.append(
            {
                "text": text_in(question.text, survey.languages, language),
                "survey": text_in(survey.title, survey.languages, language),
                "url": reverse("surveys:results", args=[survey.pk]) + f"#question-{question.pk}"
                if can_see_results
                else "",
            }
        )
    return render(
        request,
        "surveys/needs/detail.html",
        {
            "need": need,
            "questions": questions,
            "records": list(need.evidence_records.all()),
            "can_see_records": request.user.has_perm("surveys.manage_mapping", settlement),
            "can_edit": request.user.has_perm(CHANGE, settlement),
        },
    )


# --- create and edit ---------------------------------------------------------------------


def _prefill(request: HttpRequest, settlement: Settlement) -> dict[str, Any]:
    """``?question=`` and ``?record=``: start a need from a survey question or a meeting.
    Ids that are not the settlement's (or not ids at all) are ignored."""
    initial: dict[str, Any] = {}
    question = selectors.evidence_question_find(
        settlement=settlement, pk=request.GET.get("question")
    )
    if question is not None:
        initial["evidence_questions"] = [question.pk]
        text = text_in(question.text, question.survey.languages, get_language() or "")
        initial["title"] = " ".join(text.split())[:200]
    record = selectors.record_find(settlement=settlement, pk=request.GET.get("record"))
    if record is not None:
        initial["evidence_records"] = [record.pk]
        initial["age_groups"] = list(record.age_groups)
    return initial


def _need_form(request: HttpRequest, settlement: Settlement, need: Need | None) -> HttpResponse:
    if request.method == "POST":
        form = NeedForm(request.POST, settlement=settlement, need=need)
        if form.is_valid():
            if need is None:
                need = services.need_create(
                    settlement=settlement, data=form.need_data(), links=form.need_links()
                )
                messages.success(request, _("The need was added to the register."))
            else:
                services.need_update(need=need, data=form.need_data(), links=form.need_links())
                messages.success(request, _("The changes were saved."))
            return redirect("surveys:need_detail", pk=need.pk)
    else:
        initial = need_initial(need) if need is not None else _prefill(request, settlement)
        form = NeedForm(initial=initial, settlement=settlement, need=need)
    return render(
        request,
        "surveys/needs/form.html",
        {"form": form, "need": need},
        status=400 if form.is_bound and form.errors else 200,
    )


@settlement_permission(CHANGE)
def need_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    return _need_form(request, settlement, None)


@settlement_permission(CHANGE)
def need_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    return _need_form(request, settlement, need_get(settlement=settlement, pk=pk))


@settlement_permission(CHANGE)
def need_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    need = need_get(settlement=settlement, pk=pk)
    if request.method == "POST":
        services.need_delete(need=need)
        messages.success(request, _("The need “%(title)s” was deleted.") % {"title": need.title})
        return redirect("surveys:needs")
    return render(request, "surveys/needs/delete.html", {"need": need})
