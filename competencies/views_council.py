"""The council's competency pages: the model (coordinators read it; staff add their own
competencies as a new version), the table of evidence, the self-assessments a staff
member mentors, and the aggregates across the council's coordinators."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coordinator.decorators import login_required_404
from coordinator.models import Council
from coordinator.permissions import councils_staffed_by

from . import evidence, selectors_council, services_council
from .forms_council import EvidenceRuleForm, OwnCompetencyForm, RemoveRuleForm
from .models import EvidenceRule, Level
from .rules import ASSESS
from .selectors import council_of, current_framework


def _staff_council(request: HttpRequest) -> Council:
    """The council the staff member works for (the first, if several), else 404."""
    councils = councils_staffed_by(request.user)
    if not councils:
        raise Http404
    return councils[0]


def _language() -> str:
    return (get_language() or "en").split("-")[0]


@require_http_methods(["GET", "POST"])
@login_required_404
def framework(request: HttpRequest) -> HttpResponse:
    """The model the council uses, its versions, and for council staff a form to add a
    competency of their own."""
    councils = councils_staffed_by(request.user)
    if councils:
        council: Council | None = councils[0]
    else:
        settlement = getattr(request, "settlement", None)
        if settlement is None or not request.user.has_perm(ASSESS, settlement):
            raise Http404
        if request.method == "POST":
            raise Http404
        council = council_of(settlement)
    language = _language()
    current = current_framework(council)
    areas = selectors_council.framework_areas(current, language)
    form = None
    if councils:
        data = request.POST if request.method == "POST" else None
        form = OwnCompetencyForm(data, areas=areas)
        if form.is_bound and form.is_valid():
            try:
                added = services_council.framework_competency_add(
                    council=councils[0],
                    area_number=form.cleaned_data["area"],
                    texts=form.texts(),
                )
            except services_council.CouncilCompetencyError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    _("Competency %(key)s was added as a new version of the model.")
                    % {"key": added.key},
                )
                return redirect("competencies:framework")
    return render(
        request,
        "competencies/framework.html",
        {
            "council": council,
            "framework": current,
            "areas": areas,
            "versions": selectors_council.versions_of(council),
            "form": form,
            "is_staff": bool(councils),
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@login_required_404
def evidence_rules(request: HttpRequest) -> HttpResponse:
    """The council's table of which recorded work counts for which competency."""
    council = _staff_council(request)
    language = _language()
    current = current_framework(council)
    options: dict[str, Any] = {
        "sources": evidence.source_choices(),
        "competencies": [
            (c.key, f"{c.key} {c.text}")
            for area in selectors_council.framework_areas(current, language)
            for c in area.competencies
        ],
    }
    form = EvidenceRuleForm(**options)
    problems: list[str] = []  # of a removal: the add form is not bound then
    if request.method == "POST":
        if "remove" in request.POST:
            remove = RemoveRuleForm(request.POST)
            if remove.is_valid():
                try:
                    services_council.evidence_rule_remove(
                        council=council, rule_id=remove.cleaned_data["remove"]
                    )
                except EvidenceRule.DoesNotExist as missing:
                    raise Http404 from missing
                except services_council.CouncilCompetencyError as error:
                    problems.append(str(error))
                else:
                    messages.success(request, _("The row was removed from the table."))
                    return redirect("competencies:evidence_rules")
            else:
                problems.append(_("Choose a row of the table to remove."))
        else:
            form = EvidenceRuleForm(request.POST, **options)
            if form.is_valid():
                try:
                    services_council.evidence_rule_add(
                        council=council,
                        source=form.cleaned_data["source"],
                        competency_key=form.cleaned_data["competency_key"],
                    )
                except services_council.CouncilCompetencyError as error:
                    form.add_error(None, str(error))
                else:
                    messages.success(request, _("The row was added to the table."))
                    return redirect("competencies:evidence_rules")
    rules, own = selectors_council.council_rules(council, current, language)
    return render(
        request,
        "competencies/evidence_rules.html",
        {"council": council, "rules": rules, "own": own, "form": form, "problems": problems},
        status=400 if form.errors or problems else 200,
    )


@require_GET
@login_required_404
def mentoring(request: HttpRequest) -> HttpResponse:
    """The self-assessments where the staff member is the coordinator's chosen mentor."""
    _staff_council(request)
    cycles = list(selectors_council.mentored_cycles(request.user))
    return render(request, "competencies/mentoring.html", {"cycles": cycles})


@require_GET
@login_required_404
def council(request: HttpRequest) -> HttpResponse:
    """Across the council's coordinators: the competencies weakest first, and the areas;
    averages over at least three coordinators only, never a name."""
    staffed = _staff_council(request)
    language = _language()
    current = current_framework(staffed)
    competencies, areas = selectors_council.council_aggregates(staffed, current, language)
    return render(
        request,
        "competencies/council.html",
        {
            "council": staffed,
            "framework": current,
            "competencies": competencies,
            "areas": areas,
            "min_group": selectors_council.MIN_GROUP,
            "levels": Level.choices,
            "any_shown": any(a.shown for a in competencies),
        },
    )
