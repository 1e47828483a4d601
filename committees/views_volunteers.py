"""Volunteer profiles: skills, interests, availability, languages and background check. The
coordinator's alone; openings and invitations are in ``views_openings``."""

from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import selectors_volunteers as selectors
from . import services_volunteers as services
from .forms_volunteers import (
    VolunteerFilterForm,
    VolunteerForm,
)
from .models import Committee
from .models_volunteers import Slot, SpokenLanguage

MANAGE = "committees.manage_volunteers"
LIST_OPENINGS = "committees.list_openings"
ADD_OPENING = "committees.add_opening"
CHANGE_OPENING = "committees.change_opening"


def query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# --- Volunteer profiles ---------------------------------------------------------------------


def labels(codes: Any, choices: Any) -> list[str]:
    """The labels of ``codes`` (a list stored on a row), in the order of ``choices``."""
    wanted = set(codes or ())
    return [str(label) for code, label in choices if code in wanted]


def _describe(profile: Any, today: Any) -> None:
    profile.check_expired = selectors.check_expired(profile, today)
    profile.slot_labels = labels(profile.availability, Slot.choices)
    profile.language_labels = labels(profile.languages, SpokenLanguage.choices)
    profile.interest_labels = labels(profile.interests, Committee.Kind.choices)


@require_GET
@settlement_permission(MANAGE)
def volunteer_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    skills = selectors.skills_of(settlement=settlement)
    form = VolunteerFilterForm(request.GET or None, skills=skills)
    filters = selectors.VolunteerFilter()
    if form.is_bound:
        form.is_valid()  # a bad value drops only its own filter
        skill = form.cleaned_data.get("skill")
        filters = selectors.VolunteerFilter(
            query=form.cleaned_data.get("q", ""),
            skill=skill.pk if skill is not None else None,
            slot=form.cleaned_data.get("slot", ""),
            language=form.cleaned_data.get("language", ""),
            active=form.cleaned_data.get("active", ""),
        )
    profiles = selectors.volunteers_for(user=request.user, settlement=settlement, filters=filters)
    page = Paginator(profiles, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    rows: list[Any] = list(page.object_list)
    today = clock.today()
    for profile in rows:
        _describe(profile, today)
    resident_q = request.GET.get("resident_q", "")[:100].strip()
    context = {
        "resident_q": resident_q,
        "resident_matches": selectors.residents_without_profile(
            settlement=settlement, query=resident_q
        ),
        "resident_limit": selectors.RESIDENT_CHOICES,
        "form": form,
        "page": page,
        "volunteers": rows,
        "query": query_without_page(request),
        "filtered": bool(
            filters.query or filters.skill or filters.slot or filters.language or filters.active
        ),
    }
    partial = bool(getattr(request, "htmx", False))
    template = "committees/volunteers/_table.html" if partial else "committees/volunteers/list.html"
    return render(request, template, context)


@require_GET
@settlement_permission(MANAGE)
def volunteer_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    profile = selectors.volunteer_get_for(user=request.user, settlement=settlement, pk=pk)
    today = clock.today()
    _describe(profile, today)
    return render(
        request,
        "committees/volunteers/detail.html",
        {
            "profile": profile,
            "resident": profile.resident,
            "record": selectors.volunteer_record(profile=profile, today=today),
            "year": today.year,
        },
    )


@settlement_permission(MANAGE)
def volunteer_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """Give a resident a volunteer profile, or edit theirs (``pk`` is the resident's)."""
    resident = selectors.resident_get_for(user=request.user, settlement=settlement, pk=pk)
    profile = resident.profile  # type: ignore[attr-defined]
    skills = selectors.skills_of(settlement=settlement)
    if request.method == "POST":
        form = VolunteerForm(request.POST, skills=skills, profile=profile)
        if form.is_valid():
            profile, created = services.volunteer_save(
                settlement=settlement,
                resident=resident,
                data=form.profile_data(),
                skills=list(form.cleaned_data["skills"]),
                new_skills=form.cleaned_data["new_skills"],
            )
            if created:
                messages.success(request, _("The volunteer profile was added."))
            else:
                messages.success(request, _("The changes were saved."))
            return redirect("committees:volunteer_detail", pk=profile.pk)
    else:
        form = VolunteerForm(skills=skills, profile=profile)
    return render(
        request,
        "committees/volunteers/form.html",
        {"form": form, "resident": resident, "profile": profile},
        status=400 if form.is_bound and form.errors else 200,
    )
