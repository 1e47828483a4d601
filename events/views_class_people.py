"""The people of the classes programme: registering a household for a class, one
registration (payments, cancelling), seasons and instructors."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from committees.money import money
from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.ids import as_id
from coordinator.models import Household, Resident, Settlement

from . import selectors_classes as selectors
from . import services_class_people as services
from .forms_classes import InstructorForm, PaymentsForm, RegisterForm, SeasonForm
from .models_classes import Course, Instructor, Season
from .selectors_classes import MANAGE, VIEW
from .services_classes import (
    ContactData,
    ParticipantData,
    class_link,
    class_register,
    class_registration_cancel,
)
from .views_classes import label


def _household(settlement: Settlement, value: Any) -> Household | None:
    pk = as_id(value)
    if pk is None:
        return None
    return selectors.households_for(settlement=settlement).filter(pk=pk).first()


def _contact(form: RegisterForm, residents: list[Resident], settlement: Settlement) -> ContactData:
    """The typed contact, else the household's first resident with an address."""
    data = form.cleaned_data
    name = " ".join(data.get("name", "").split())
    if name:
        return ContactData(
            name=name,
            email=data.get("email", ""),
            phone=data.get("phone", ""),
            language=data["language"],
        )
    reachable = [r for r in residents if r.email or r.phone] or residents
    household = data.get("household")
    first = reachable[0] if reachable else None
    return ContactData(
        name=first.full_name if first else str(household),
        email=data.get("email") or (first.email if first else ""),
        phone=data.get("phone") or (first.phone if first else ""),
        language=data["language"],
    )


def _participants(
    form: RegisterForm, residents: list[Resident], settlement: Settlement, course: Course
) -> list[ParticipantData]:
    chosen = set(form.cleaned_data.get("residents") or [])
    today = clock.today()
    people = [
        ParticipantData(
            name=resident.full_name,
            age_group=settlement.age_group_of(resident.birth_date, today)
            or course.age_group
            or "adults",
            resident=resident,
        )
        for resident in residents
        if resident.pk in chosen
    ]
    people += [ParticipantData(name=name, age_group=age) for name, age in form.typed_people()]
    return people


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def register(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    course = selectors.course_get_for(user=request.user, settlement=settlement, pk=pk)
    source = request.POST if request.method == "POST" else request.GET
    household = _household(settlement, source.get("household"))
    residents = list(selectors.household_residents(household)) if household else []
    options: dict[str, Any] = {
        "households": selectors.households_for(settlement=settlement),
        "residents": residents,
    }
    if request.method == "POST":
        form = RegisterForm(request.POST, **options)
        if form.is_valid():
            try:
                registration, _token = class_register(
                    course=course,
                    contact=_contact(form, residents, settlement),
                    participants=_participants(form, residents, settlement, course),
                    household=form.cleaned_data.get("household"),
                )
            except ValidationError as error:
                for text in error.messages:
                    form.add_error(None, text)
            else:
                if registration.status == "confirmed":
                    messages.success(request, _("The registration was taken: they have a place."))
                else:
                    messages.warning(
                        request, _("The class is full: the registration is on the waiting list.")
                    )
                return redirect("classes:registration", pk=registration.pk)
    else:
        form = RegisterForm(
            initial={
                "household": household.pk if household else None,
                "language": settlement.language,
            },
            **options,
        )
    return render(
        request,
        "events/classes/register.html",
        {"form": form, "course": label(course, settlement), "household": household},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(VIEW)
def registration(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    row = selectors.registration_get_for(user=request.user, settlement=settlement, pk=pk)
    participants = list(row.participants.all())
    if request.method == "POST":
        form = PaymentsForm(request.POST, participants=participants)
        if form.is_valid():
            changed = services.payments_save(registration=row, payments=form.payments())
            if changed:
                messages.success(request, _("The payments were saved."))
            else:
                messages.info(request, _("Nothing changed."))
            return redirect("classes:registration", pk=row.pk)
    else:
        form = PaymentsForm(participants=participants)
    row.settlement = settlement
    return render(
        request,
        "events/classes/registration.html",
        {
            "registration": row,
            "course": label(row.course, settlement),
            "form": form,
            "link": class_link(row),
            "fee": money(row.course.fee, settlement.currency),
            "cancelled": row.status == "cancelled",
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@settlement_permission(VIEW)
def registration_cancel(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    row = selectors.registration_get_for(user=request.user, settlement=settlement, pk=pk)
    promoted = class_registration_cancel(registration=row)
    messages.success(request, _("The registration of %(name)s was cancelled.") % {"name": row.name})
    if promoted:
        messages.info(
            request,
            _("Moved up from the waiting list (they get a message): %(names)s.")
            % {"names": ", ".join(r.name for r in promoted)},
        )
    return redirect("classes:detail", pk=row.course_id)


# Seasons


def _season_page(
    request: HttpRequest, settlement: Settlement, form: SeasonForm, season: Season | None
) -> HttpResponse:
    template = "events/classes/seasons.html" if season is None else "events/classes/season.html"
    context: dict[str, Any] = {"form": form, "season": season}
    if season is None:
        context["seasons"] = selectors.seasons_with_counts(user=request.user, settlement=settlement)
        context["today"] = clock.today()
    return render(request, template, context, status=400 if form.is_bound and form.errors else 200)


@require_http_methods(["GET", "POST"])
@settlement_permission(MANAGE)
def seasons(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = SeasonForm(request.POST if request.method == "POST" else None, settlement=settlement)
    if request.method == "POST" and form.is_valid():
        season = services.season_create(settlement=settlement, data=form.cleaned_data)
        messages.success(request, _("The season %(name)s was added.") % {"name": season.name})
        return redirect("classes:seasons")
    return _season_page(request, settlement, form, None)


@require_http_methods(["GET", "POST"])
@settlement_permission(MANAGE)
def season_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    season = selectors.season_get_for(user=request.user, settlement=settlement, pk=pk)
    form = SeasonForm(
        request.POST if request.method == "POST" else None, instance=season, settlement=settlement
    )
    if request.method == "POST" and form.is_valid():
        services.season_update(season=season, data=form.cleaned_data)
        messages.success(request, _("The changes were saved."))
        return redirect("classes:seasons")
    return _season_page(request, settlement, form, season)


# Instructors


@require_GET
@settlement_permission(MANAGE)
def instructors(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    rows = list(selectors.instructors_for(user=request.user, settlement=settlement))
    today = clock.today()
    for row in rows:
        row.warning = selectors.contract_warning(row, today)  # type: ignore[attr-defined]
        row.rate_text = money(row.rate, settlement.currency)  # type: ignore[attr-defined]
    return render(request, "events/classes/instructors.html", {"instructors": rows})


def _instructor_form(
    request: HttpRequest, settlement: Settlement, instructor: Instructor | None
) -> HttpResponse:
    form = InstructorForm(request.POST if request.method == "POST" else None, instance=instructor)
    if request.method == "POST" and form.is_valid():
        if instructor is None:
            instructor = services.instructor_create(settlement=settlement, data=form.cleaned_data)
            messages.success(request, _("The instructor was added."))
        else:
            services.instructor_update(instructor=instructor, data=form.cleaned_data)
            messages.success(request, _("The changes were saved."))
        return redirect("classes:instructors")
    return render(
        request,
        "events/classes/instructor_form.html",
        {"form": form, "instructor": instructor},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(MANAGE)
def instructor_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    return _instructor_form(request, settlement, None)


@require_http_methods(["GET", "POST"])
@settlement_permission(MANAGE)
def instructor_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    instructor = selectors.instructor_get_for(user=request.user, settlement=settlement, pk=pk)
    return _instructor_form(request, settlement, instructor)


@require_http_methods(["GET", "POST"])
@settlement_permission(MANAGE)
def instructor_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    instructor = selectors.instructor_get_for(user=request.user, settlement=settlement, pk=pk)
    if request.method == "POST":
        try:
            services.instructor_delete(instructor=instructor)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("classes:instructors")
        messages.success(
            request, _("The instructor %(name)s was deleted.") % {"name": instructor.name}
        )
        return redirect("classes:instructors")
    return render(request, "events/classes/instructor_delete.html", {"instructor": instructor})
