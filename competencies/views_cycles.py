"""A self-assessment: the coordinator rates it (half done is fine) and completes it; the
chosen mentor reads it and rates on a page of their own; the history of one competency.

A cycle is fetched together with the person asking (its owner, or its mentor), so anyone
else gets 404 whatever the id."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from coordinator.decorators import login_required_404, settlement_permission
from coordinator.models import Settlement
from coordinator.permissions import councils_staffed_by

from . import evidence, radar, selectors_cycles, services_cycles
from .forms_cycles import RatingsForm, level_descriptions
from .models import LEVEL_DESCRIPTIONS, Cycle, Level, Rating
from .rules import ASSESS
from .selectors import text


def difference(level: int | None, other: int | None, *, mentor_view: bool) -> str:
    """How ``other`` compares with ``level``, in words ("1 level higher than yours")."""
    if level is None or other is None:
        return ""
    gap = other - level
    if gap == 0:
        return _("the same as yours") if not mentor_view else _("the same as your rating")
    if gap > 0:
        return ngettext(
            "%(count)d level higher than yours",
            "%(count)d levels higher than yours",
            gap,
        ) % {"count": gap}
    return ngettext(
        "%(count)d level lower than yours",
        "%(count)d levels lower than yours",
        -gap,
    ) % {"count": -gap}


def level_label(level: int | None) -> str:
    return f"{level} · {Level(level).label}" if level else ""


def _page(
    request: HttpRequest,
    cycle: Cycle,
    *,
    form: RatingsForm | None,
    mentor_view: bool,
    can_edit: bool,
    evidence_by_key: dict[str, list[evidence.EvidenceItem]] | None = None,
    status: int = 200,
) -> HttpResponse:
    areas = selectors_cycles.cycle_areas(cycle, get_language())
    ratings: dict[int, Rating | None] = {
        row["competency"].pk: row["rating"] for area in areas for row in area.rows
    }
    if form is None:
        form = RatingsForm(ratings=ratings, mentor=mentor_view, disabled=not can_edit)
    total = len(ratings)
    descriptions = level_descriptions()
    rated = sum(1 for r in ratings.values() if r is not None and r.level is not None)
    mentor_rated = sum(1 for r in ratings.values() if r is not None and r.mentor_level is not None)
    for area in areas:
        for row in area.rows:
            rating = row["rating"]
            competency_id = row["competency"].pk
            own = rating.level if rating else None
            theirs = rating.mentor_level if rating else None
            if mentor_view:  # the coordinator's rating compared with the mentor's own
                row["other_level"] = level_label(own)
                row["difference"] = difference(theirs, own, mentor_view=True)
            else:
                row["other_level"] = level_label(theirs)
                row["difference"] = difference(own, theirs, mentor_view=False)
            level_field = form.field_of(form.names[0], competency_id)
            row["level_field"] = level_field
            row["options"] = [
                (radio, descriptions.get(str(radio.data["value"]), "")) for radio in level_field
            ]
            row["text_fields"] = [form.field_of(name, competency_id) for name in form.names[1:]]
            row["evidence_items"] = (
                evidence_by_key.get(row["competency"].key, [])
                if evidence_by_key is not None
                else None
            )
    return render(
        request,
        "competencies/cycle_mentor.html" if mentor_view else "competencies/cycle.html",
        {
            "cycle": cycle,
            "owner_name": selectors_cycles.person_name(cycle.owner),
            "mentor_name": selectors_cycles.person_name(cycle.mentor),
            "areas": areas,
            "form": form,
            "scale": [(level.value, level.label, LEVEL_DESCRIPTIONS[level]) for level in Level],
            "can_edit": can_edit,
            "is_mentor": cycle.mentor_id == request.user.pk,
            "rated": rated,
            "mentor_rated": mentor_rated,
            "total": total,
            "show_evidence": evidence_by_key is not None,
        },
        status=status,
    )


def _save(request: HttpRequest, cycle: Cycle, form: RatingsForm, back: str) -> HttpResponse | None:
    """Validate and save the ratings sent; None when the form must be shown again."""
    if not form.is_valid():
        return None
    try:
        changed = services_cycles.ratings_save(
            cycle=cycle, user=request.user, data=form.data_for_service()
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    except services_cycles.CycleCompleted:
        messages.error(request, _("This self-assessment is completed: it can no longer change."))
        return redirect(back)
    if changed:
        messages.success(request, _("Saved."))
    else:
        messages.info(request, _("Nothing was changed."))
    return redirect(back)


def _evidence_settlement(request: HttpRequest) -> Settlement | None:
    """The settlement whose recorded work is the owner's evidence: the active one, where
    they are the coordinator."""
    settlement = getattr(request, "settlement", None)
    if settlement is not None and request.user.has_perm(ASSESS, settlement):
        return settlement
    return None


@require_http_methods(["GET", "POST"])
@login_required_404
def cycle(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    obj = get_object_or_404(
        Cycle.objects.select_related("owner", "mentor"), Q(owner=user) | Q(mentor=user), pk=pk
    )
    is_owner = obj.owner_id == user.pk
    if not is_owner and (request.method == "POST" or not councils_staffed_by(user)):
        raise Http404  # the mentor reads here and rates on their own page
    can_edit = is_owner and obj.status == Cycle.Status.OPEN
    back = request.path
    if request.method == "POST":
        if not can_edit:
            messages.error(
                request, _("This self-assessment is completed: it can no longer change.")
            )
            return redirect(back)
        areas = selectors_cycles.cycle_areas(obj, get_language())
        form = RatingsForm(
            request.POST,
            ratings={row["competency"].pk: row["rating"] for a in areas for row in a.rows},
        )
        response = _save(request, obj, form, back)
        if response is not None:
            return response
        status = 400
    else:
        form, status = None, 200
    # The settlement's recorded work is the coordinator's own portfolio: the mentor, who
    # is council staff, sees the coordinator's ratings and written evidence, not the
    # settlement's records.
    settlement = _evidence_settlement(request) if is_owner else None
    evidence_by_key = (
        evidence.evidence_for_cycle(obj, settlement) if settlement is not None else None
    )
    return _page(
        request,
        obj,
        form=form,
        mentor_view=False,
        can_edit=can_edit,
        evidence_by_key=evidence_by_key,
        status=status,
    )


@require_POST
@login_required_404
def cycle_complete(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(Cycle, pk=pk, owner=request.user)
    try:
        done = services_cycles.cycle_complete(cycle=obj, user=request.user)
    except services_cycles.RatingsMissing as missing:
        messages.error(
            request,
            ngettext(
                "%(count)d competency is not rated yet. Rate it to complete the "
                "self-assessment; your work so far is saved.",
                "%(count)d competencies are not rated yet. Rate them to complete the "
                "self-assessment; your work so far is saved.",
                missing.missing,
            )
            % {"count": missing.missing},
        )
    else:
        if done:
            messages.success(request, _("The self-assessment is completed."))
    return redirect("competencies:cycle", pk=obj.pk)


@require_http_methods(["GET", "POST"])
@login_required_404
def cycle_mentor(request: HttpRequest, pk: int) -> HttpResponse:
    obj = get_object_or_404(
        Cycle.objects.select_related("owner", "mentor"), pk=pk, mentor=request.user
    )
    if not councils_staffed_by(request.user):
        raise Http404
    back = request.path
    status = 200
    form = None
    if request.method == "POST":
        areas = selectors_cycles.cycle_areas(obj, get_language())
        form = RatingsForm(
            request.POST,
            ratings={row["competency"].pk: row["rating"] for a in areas for row in a.rows},
            mentor=True,
        )
        response = _save(request, obj, form, back)
        if response is not None:
            return response
        status = 400
    return _page(request, obj, form=form, mentor_view=True, can_edit=True, status=status)


@require_GET
@settlement_permission(ASSESS)
def history(request: HttpRequest, settlement: Settlement, key: str) -> HttpResponse:
    competency = selectors_cycles.competency_for_key(key, settlement)
    if competency is None:
        raise Http404
    ratings = selectors_cycles.history_of(request.user, key)
    language = get_language()
    chart = (
        radar.steps([r.level for r in ratings], [r.mentor_level for r in ratings])
        if ratings
        else None
    )
    return render(
        request,
        "competencies/history.html",
        {
            "competency": competency,
            "text": text(competency.text, language),
            "area_title": text(competency.area.title, language),
            "ratings": ratings,
            "chart": chart,
            "chart_dates": list(zip(chart.columns, ratings, strict=True)) if chart else [],
            "rated": [r for r in ratings if r.level is not None],
        },
    )
