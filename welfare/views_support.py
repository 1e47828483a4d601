"""Community support: the welfare and chesed committees' programmes (meal trains, rides
rosters), their tasks, the charity fund; and the pages volunteers open without an account:
a programme's shared sign-up link and their own task. A volunteer sees what, when and
where, and nothing of any case."""

import copy
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_POST
from django_scopes import scope

from committees.money import money
from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement
from coordinator.public import asked_language, personal_page, qr_data_uri
from events.selectors_public import settlement_by_slug

from . import selectors_cases, trail
from . import selectors_support as selectors
from . import services_support as services
from .forms_support import (
    DecisionForm,
    FundRequestForm,
    ProgrammeForm,
    SignupForm,
    TaskAddForm,
    TaskForm,
)
from .links import PROGRAMME, TASK, url_of
from .models import CaseAccess
from .models_support import SupportTask
from .rules import FUND, SUPPORT
from .trail import opened_in_session

SUPPORT_TEMPLATES = "welfare/support/"


def _page(request: HttpRequest, rows: Any) -> Any:
    return Paginator(rows, selectors.PAGE_SIZE).get_page(request.GET.get("page"))


# --- programmes ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(SUPPORT)
def programme_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    can_add = selectors.runs_all(request.user, settlement)
    form = ProgrammeForm(settlement=settlement) if can_add else None
    status = 200
    if request.method == "POST":
        if not can_add:
            raise Http404
        form = ProgrammeForm(request.POST, settlement=settlement)
        if form.is_valid():
            programme = services.programme_create(settlement=settlement, data=form.cleaned_data)
            messages.success(request, _("The programme was added. Now add its tasks."))
            return redirect("welfare:programme", programme.pk)
        status = 400
    page = _page(request, selectors.programmes_for(user=request.user, settlement=settlement))
    return render(
        request,
        SUPPORT_TEMPLATES + "programmes.html",
        {"page": page, "form": form, "can_fund": request.user.has_perm(FUND, settlement)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(SUPPORT)
def programme_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for(user=request.user, settlement=settlement, pk=pk)
    form = TaskAddForm(initial={"where": ""})
    status = 200
    if request.method == "POST":
        form = TaskAddForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            tasks = services.tasks_add(
                programme=programme,
                kind=data["kind"],
                what=data["what"],
                on=data["on"],
                at=data["at"],
                where=data["where"],
                repeat=data["repeat"],
                count=data["count"],
            )
            messages.success(
                request,
                translation.ngettext(
                    "%(count)d task was added.", "%(count)d tasks were added.", len(tasks)
                )
                % {"count": len(tasks)},
            )
            return redirect("welfare:programme", programme.pk)
        status = 400
    public_url = url_of(PROGRAMME, settlement.slug, programme.nonce) if programme.nonce else ""
    return render(
        request,
        SUPPORT_TEMPLATES + "programme.html",
        {
            "programme": programme,
            "page": _page(request, selectors.programme_tasks(programme=programme)),
            "form": form,
            "public_url": public_url,
            "qr": qr_data_uri(public_url) if public_url else "",
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(SUPPORT)
def programme_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for(user=request.user, settlement=settlement, pk=pk)
    options: dict[str, Any] = {"settlement": settlement, "active": True}
    if not selectors.runs_all(request.user, settlement):
        options["chaired_by"] = request.user
    form = ProgrammeForm(instance=copy.copy(programme), **options)
    status = 200
    if request.method == "POST":
        form = ProgrammeForm(request.POST, instance=copy.copy(programme), **options)
        if form.is_valid():
            services.programme_update(programme=programme, data=form.cleaned_data)
            messages.success(request, _("The programme was saved."))
            return redirect("welfare:programme", programme.pk)
        status = 400
    return render(
        request,
        SUPPORT_TEMPLATES + "programme_form.html",
        {"programme": programme, "form": form},
        status=status,
    )


@require_POST
@settlement_permission(SUPPORT)
def programme_link(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    programme = selectors.programme_get_for(user=request.user, settlement=settlement, pk=pk)
    renewed = bool(programme.nonce)
    services.programme_link_make(programme=programme)
    if renewed:
        messages.success(request, _("A new link was made. The old link no longer works."))
    else:
        messages.success(request, _("The sign-up link was made. Share it with volunteers."))
    return redirect(reverse("welfare:programme", args=[programme.pk]) + "#link")


# --- a task ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(SUPPORT)
def task_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    task, via_case = selectors.task_get_for(user=request.user, settlement=settlement, pk=pk)
    if via_case and task.case is not None and not opened_in_session(request, task.case):
        return redirect("welfare:case_detail", task.case.pk)
    back = (
        reverse("welfare:case_detail", args=[task.case_id])
        if via_case and not task.programme_id
        else reverse("welfare:programme", args=[task.programme_id])
    )
    form = TaskForm(instance=copy.copy(task), settlement=settlement)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "done":
            services.task_done(task=task, by=request.user)
            messages.success(request, _("The task is marked done."))
            return redirect(back)
        if action == "send":
            if not (task.volunteer_id or task.volunteer_email or task.volunteer_name):
                messages.error(request, _("Give the task a volunteer first."))
                return redirect("welfare:task_edit", task.pk)
            services.task_send_link(task=task, settlement=settlement, by=request.user)
            messages.success(
                request,
                _("The volunteer's link was made: %(url)s")
                % {"url": url_of(TASK, settlement.slug, task.nonce)},
            )
            return redirect("welfare:task_edit", task.pk)
        form = TaskForm(request.POST, instance=copy.copy(task), settlement=settlement)
        if form.is_valid():
            services.task_update(task=task, data=form.cleaned_data, by=request.user)
            messages.success(request, _("The task was saved."))
            return redirect(back)
        status = 400
    return render(
        request,
        SUPPORT_TEMPLATES + "task.html",
        {
            "task": task,
            "form": form,
            "back": back,
            "of_case": task.case_id is not None,
            "to_case": task.programme_id is None,
            "can_send": bool(task.volunteer_id or task.volunteer_email or task.volunteer_name),
            "done": task.status == SupportTask.Status.DONE,
        },
        status=status,
    )


# --- the charity fund ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@settlement_permission(FUND)
def fund_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    funds = selectors.fund_programmes(settlement=settlement)
    cases = selectors_cases.cases_for(
        user=request.user, settlement=settlement, status=selectors_cases.STATUS_ALL
    )
    form = FundRequestForm(settlement=settlement, cases=cases, funds=funds)
    status = 200
    if request.method == "POST":
        form = FundRequestForm(request.POST, settlement=settlement, cases=cases, funds=funds)
        if form.is_valid():
            data = form.cleaned_data
            row = services.fund_request_create(
                programme=data["programme"],
                kind=data["kind"],
                amount=data["amount"],
                purpose=data["purpose"],
                household=data["household"],
                case=data["case"],
                by=request.user,
            )
            messages.success(request, _("The request was added."))
            return redirect("welfare:fund_request", row.pk)
        status = 400
    page = _page(request, selectors.fund_requests(user=request.user, settlement=settlement))
    for row in page:
        row.amount_text = money(row.amount, settlement.currency)
        row.granted_text = (
            money(row.amount_granted, settlement.currency) if row.amount_granted else ""
        )
    totals = selectors.fund_totals(settlement=settlement)
    return render(
        request,
        SUPPORT_TEMPLATES + "fund.html",
        {
            "page": page,
            "form": form,
            "asked": money(totals["asked"], settlement.currency),
            "approved": money(totals["approved"], settlement.currency),
            "year": str(clock.local_today(settlement).year),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(FUND)
def fund_request(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    row = selectors.fund_request_get(user=request.user, settlement=settlement, pk=pk)
    if request.method == "GET" and row.case_id is not None:
        # What the family asked for is part of their case: this is a read of it.
        trail.access_record(
            case=row.case_id,
            settlement_id=settlement.pk,
            user=request.user,
            action=CaseAccess.Action.READ,
            what="fund request",
        )
    form = DecisionForm(
        instance=copy.copy(row),
        initial={"decided_on": row.decided_on or clock.local_today(settlement)},
    )
    status = 200
    if request.method == "POST":
        form = DecisionForm(request.POST, instance=copy.copy(row))
        if form.is_valid():
            services.fund_request_decide(request=row, data=form.service_data(), by=request.user)
            messages.success(request, _("The decision was saved."))
            return redirect("welfare:fund")
        status = 400
    return render(
        request,
        SUPPORT_TEMPLATES + "fund_request.html",
        {
            "row": row,
            "form": form,
            "amount": money(row.amount, settlement.currency),
        },
        status=status,
    )


# --- public pages: a programme's shared link, a volunteer's task -----------------------------


def _public(
    request: HttpRequest,
    settlement: Settlement,
    template: str,
    context: dict[str, Any],
    status: int = 200,
) -> HttpResponse:
    language = translation.get_language() or ""
    response = render(
        request, template, {"settlement": settlement, "lang": language, **context}, status=status
    )
    return personal_page(response, language)


TAKEN_ERROR = _lazy("Someone else has just taken this one. Please choose another.")


def _when(task: SupportTask) -> str:
    text = formats.date_format(task.on, "l, j F Y")
    if task.at:
        text += ", " + formats.time_format(task.at, "H:i")
    return text


@require_http_methods(["GET", "POST"])
def programme_signup(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    settlement = settlement_by_slug(slug=slug)
    language = asked_language(request, settlement)
    with scope(settlement=settlement.pk), translation.override(language):
        programme = selectors.programme_by_token(settlement=settlement, token=token)
        tasks = list(selectors.open_tasks(programme=programme, today=clock.local_today(settlement)))
        choices = [(task.pk, f"{task.what}: {_when(task)}") for task in tasks]
        form = SignupForm(choices=choices)
        error = ""
        status = 200
        if request.method == "POST":
            status = 400
            form = SignupForm(request.POST, choices=choices)
            if form.is_valid() and form.is_robot:
                return _public(
                    request, settlement, "events/public/signup_thanks.html", {}, status=200
                )
            if form.is_valid():
                data = form.cleaned_data
                try:
                    task, token = services.task_take(
                        programme=programme,
                        task_id=data["task"],
                        name=data["name"],
                        email=data["email"],
                        phone=data["phone"],
                    )
                except services.TaskTaken:
                    error = str(TAKEN_ERROR)
                else:
                    url = reverse("help:task", kwargs={"slug": slug, "token": token})
                    return redirect(f"{url}?lang={language}")
            elif request.POST.get("task") and form.has_error("task"):
                error = str(TAKEN_ERROR)
        return _public(
            request,
            settlement,
            "welfare/public/signup.html",
            {"programme": programme, "tasks": tasks, "form": form, "error": error},
            status=status,
        )


@require_http_methods(["GET", "POST"])
def volunteer_task(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    settlement = settlement_by_slug(slug=slug)
    language = asked_language(request, settlement)
    with scope(settlement=settlement.pk), translation.override(language):
        task = selectors.task_by_token(settlement=settlement, token=token)
        status = 200
        if request.method == "POST":
            action = request.POST.get("action", "")
            if action == "done" and task.status in (
                SupportTask.Status.TAKEN,
                SupportTask.Status.DONE,
            ):
                services.task_done(task=task)
                return redirect(f"{request.path}?lang={language}")
            if action == "give_back" and task.status == SupportTask.Status.TAKEN:
                services.task_give_back(task=task)
                return _public(
                    request, settlement, "welfare/public/task.html", {"given_back": True}
                )
            status = 400
        return _public(
            request,
            settlement,
            "welfare/public/task.html",
            {
                "task": task,
                "when": _when(task),
                "title": task.programme.title if task.programme else "",
                "bad_request": status == 400,
                "can_act": task.status == SupportTask.Status.TAKEN,
            },
            status=status,
        )
