"""The case pages: the list, a new case, the case's page (the reason asked once per
session), its changes (a note, a referral, a support action, the case itself), its trail
and the page of who opened each case.

Only the settlement's coordinator and the social worker assigned to a case reach it
(``trail.case_for``: 404 for anyone else). Every view of a case and every change goes to
its trail; the trail pages themselves are not a read of a case."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from committees.money import money
from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.forms import form_status
from coordinator.models import Role, Settlement
from coordinator.permissions import roles_in

from . import selectors_cases as selectors
from . import services_cases as services
from . import trail
from .forms_cases import (
    CaseEditForm,
    CaseForm,
    NoteForm,
    ReasonForm,
    ReferralForm,
    ReferralOutcomeForm,
    SupportActionForm,
    add_errors,
)
from .models import NeedCategory, WelfareCase
from .models_support import Referral
from .rules import CASES, may_open_case

CASES_PER_PAGE = 25
NOTES_PER_PAGE = 20
TRAIL_PER_PAGE = 25
STATUSES = [*WelfareCase.Status.values, selectors.STATUS_ALL]
CATEGORY_LABELS = dict(NeedCategory.choices)


def _who(case: WelfareCase) -> str:
    if case.household is not None:
        return case.household.name
    if case.resident is not None:
        return f"{case.resident.first_name} {case.resident.last_name}"
    return str(case)


def _needs(case: WelfareCase) -> str:
    return ", ".join(str(CATEGORY_LABELS.get(c, c)) for c in case.categories)


def _to_case(case: WelfareCase) -> HttpResponse:
    return redirect("welfare:case_detail", pk=case.pk)


# --- the list and a new case ---------------------------------------------------------------


@require_GET
@settlement_permission(CASES)
def case_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    status = request.GET.get("status", WelfareCase.Status.OPEN)
    if status not in STATUSES:
        status = WelfareCase.Status.OPEN
    q = request.GET.get("q", "").strip()[:100]
    cases = selectors.cases_for(user=request.user, settlement=settlement, status=status, q=q)
    page = Paginator(cases, CASES_PER_PAGE).get_page(request.GET.get("page"))
    today = clock.local_today(settlement)
    for case in page.object_list:
        case.who = _who(case)
        case.needs = _needs(case)
        case.overdue = (
            case.review_on is not None
            and case.review_on < today
            and case.status != WelfareCase.Status.CLOSED
        )
    return render(
        request,
        "welfare/cases/list.html",
        {
            "page": page,
            "status": status,
            "q": q,
            "statuses": [*WelfareCase.Status.choices, (selectors.STATUS_ALL, _("All"))],
            "query": urlencode({"status": status, "q": q}),
        },
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(CASES)
def case_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    initial = {}
    if Role.SOCIAL_WORKER in roles_in(request.user, settlement.pk):
        initial["social_worker"] = request.user.pk
    form = CaseForm(
        request.POST if request.method == "POST" else None,
        settlement=settlement,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_create(
                settlement=settlement, user=request.user, data=form.case_data()
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if not may_open_case(request.user, case):  # assigned to another social worker
                messages.success(request, _("The case was created and given to its social worker."))
                return redirect("welfare:cases")
            trail.case_open(request, case, _("Created the case"))
            messages.success(request, _("The case was created."))
            return _to_case(case)
    return render(
        request,
        "welfare/cases/form.html",
        {
            "form": form,
            "heading": _("New case"),
            "back": reverse("welfare:cases"),
            "submit": _("Create the case"),
        },
        status=form_status(form),
    )


# --- the case's page and the reason --------------------------------------------------------


def _reason_page(
    request: HttpRequest, case: WelfareCase, form: ReasonForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "welfare/cases/reason.html",
        {"case": case, "who": _who(case), "form": form},
        status=status,
    )


@require_GET
@settlement_permission(CASES)
def case_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    case = trail.case_for(request, settlement, pk)
    if not trail.opened_in_session(request, case):
        return _reason_page(request, case, ReasonForm())
    trail.case_read(request, case)
    notes = Paginator(
        case.notes.select_related("written_by").order_by("-written_at", "-id"), NOTES_PER_PAGE
    ).get_page(request.GET.get("page"))
    referrals = list(case.referrals.order_by("-referred_on", "-id"))
    actions = [
        {
            "task": task,
            "amount": money(task.amount, settlement.currency) if task.amount else "",
            "done_by": (
                f"{task.volunteer.first_name} {task.volunteer.last_name}"
                if task.volunteer
                else task.volunteer_name
            ),
        }
        for task in case.support_tasks.select_related("volunteer").order_by("-on", "-id")
    ]
    today = clock.local_today(settlement)
    return render(
        request,
        "welfare/cases/detail.html",
        {
            "case": case,
            "who": _who(case),
            "needs": _needs(case),
            "overdue": case.review_on is not None
            and case.review_on < today
            and case.status != WelfareCase.Status.CLOSED,
            "page": notes,
            "query": "",
            "referrals": referrals,
            "actions": actions,
            "note_form": NoteForm(),
        },
    )


@require_POST
@settlement_permission(CASES)
def case_open(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    case = trail.case_for(request, settlement, pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        return _reason_page(request, case, form, status=400)
    trail.case_open(request, case, form.cleaned_data["reason"])
    return _to_case(case)


# --- changes of the case (the reason given first) ------------------------------------------


def _form_page(
    request: HttpRequest,
    case: WelfareCase,
    form: BaseForm,
    *,
    heading: str,
    submit: str,
) -> HttpResponse:
    return render(
        request,
        "welfare/cases/form.html",
        {
            "form": form,
            "case": case,
            "who": _who(case),
            "heading": heading,
            "back": reverse("welfare:case_detail", args=[case.pk]),
            "submit": submit,
        },
        status=form_status(form),
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(CASES)
def case_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    case = trail.case_for(request, settlement, pk)
    if not trail.opened_in_session(request, case):
        return _to_case(case)
    form = CaseEditForm(
        request.POST if request.method == "POST" else None,
        settlement=settlement,
        initial=CaseForm.initial_of(case),
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.case_update(case=case, user=request.user, data=form.case_data())
        except ValidationError as error:
            add_errors(form, error)
        else:
            if changed:
                messages.success(request, _("The case was saved."))
            if not may_open_case(request.user, case):  # given to another social worker
                return redirect("welfare:cases")
            return _to_case(case)
    trail.case_read(request, case, what="details")  # the form shows the details
    return _form_page(request, case, form, heading=_("Edit the case"), submit=_("Save"))


@require_POST
@settlement_permission(CASES)
def note_add(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    case = trail.case_for(request, settlement, pk)
    if not trail.opened_in_session(request, case):
        return _to_case(case)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.note_add(case=case, user=request.user, text=form.cleaned_data["text"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The note was added."))
            return redirect(reverse("welfare:case_detail", args=[case.pk]) + "#notes")
    return _form_page(request, case, form, heading=_("Add a note"), submit=_("Add the note"))


@require_http_methods(["GET", "POST"])
@settlement_permission(CASES)
def referral_create(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    case = trail.case_for(request, settlement, pk)
    if not trail.opened_in_session(request, case):
        return _to_case(case)
    form = ReferralForm(
        request.POST if request.method == "POST" else None,
        initial={"referred_on": clock.local_today(settlement)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_create(case=case, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The referral was added."))
            return redirect(reverse("welfare:case_detail", args=[case.pk]) + "#referrals")
    return _form_page(request, case, form, heading=_("New referral"), submit=_("Add the referral"))


@require_http_methods(["GET", "POST"])
@settlement_permission(CASES)
def referral_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    referral = get_object_or_404(Referral, pk=pk, settlement=settlement)
    case = trail.case_for(request, settlement, referral.case_id)
    if not trail.opened_in_session(request, case):
        return _to_case(case)
    form = ReferralOutcomeForm(
        request.POST if request.method == "POST" else None,
        initial={
            "outcome": referral.outcome,
            "outcome_on": referral.outcome_on,
            "note": referral.note,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_update(referral=referral, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The referral was saved."))
            return redirect(reverse("welfare:case_detail", args=[case.pk]) + "#referrals")
    trail.case_read(request, case, what="referral")  # the form shows the referral's note
    return _form_page(
        request,
        case,
        form,
        heading=_("The referral to %(service)s") % {"service": referral.get_service_display()},
        submit=_("Save"),
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(CASES)
def case_task_create(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    case = trail.case_for(request, settlement, pk)
    if not trail.opened_in_session(request, case):
        return _to_case(case)
    form = SupportActionForm(
        request.POST if request.method == "POST" else None,
        settlement=settlement,
        initial={"on": clock.local_today(settlement)},
    )
    if request.method == "POST" and form.is_valid():
        case.settlement = settlement
        try:
            _task, token = services.support_action_create(
                case=case,
                user=request.user,
                data=form.action_data(),
                send_link=form.cleaned_data["send_link"],
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            if token:
                messages.success(
                    request, _("The support action was added and its link sent to the volunteer.")
                )
            else:
                messages.success(request, _("The support action was added."))
            return redirect(reverse("welfare:case_detail", args=[case.pk]) + "#support")
    return _form_page(
        request, case, form, heading=_("New support action"), submit=_("Add the support action")
    )


# --- the trails ----------------------------------------------------------------------------


@require_GET
@settlement_permission(CASES)
def case_access(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    case = trail.case_for(request, settlement, pk)
    page = Paginator(selectors.case_trail(case), TRAIL_PER_PAGE).get_page(request.GET.get("page"))
    for entry in page.object_list:
        entry.part = selectors.part_label(entry.what)
    return render(
        request,
        "welfare/cases/access.html",
        {"case": case, "who": _who(case), "page": page, "query": ""},
    )


@require_GET
@settlement_permission(CASES)
def access_log(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    raw = request.GET.get("case", "").strip().lstrip("#")
    case_number = int(raw) if raw.isdigit() and len(raw) < 15 else None
    entries = selectors.openings_for(
        user=request.user, settlement=settlement, case_number=case_number
    )
    page = Paginator(entries, TRAIL_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "welfare/cases/access_log.html",
        {
            "page": page,
            "case_number": case_number,
            "query": urlencode({"case": case_number}) if case_number else "",
        },
    )
