"""Community services run by volunteers (a library, a toy library, an after-school club):
read by all who read the committees and by chairs; kept by the coordinator and by the
chair of the committee that runs one."""

from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import selectors_community as selectors
from . import services_community as services
from .forms_community import ServiceFilterForm, ServiceForm
from .models_community import CommunityService

LIST = "committees.list_services"
VIEW = "committees.view_service"
ADD = "committees.add_service"
CHANGE = "committees.change_service"
DELETE = "committees.delete_service"
SEE = "coordinator.view_settlement"  # the object's own permission is asked by the selector


def _name_taken_message() -> str:
    return _("The settlement already has a service of this name. Choose another name.")


@require_GET
@settlement_permission(LIST)
def service_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = ServiceFilterForm(request.GET or None)
    filters = selectors.ServiceFilter()
    if form.is_bound:
        form.is_valid()  # a bad value drops only its own filter
        filters = selectors.ServiceFilter(
            query=form.cleaned_data.get("q", ""),
            status=form.cleaned_data.get("status", ""),
            kind=form.cleaned_data.get("kind", ""),
        )
    services_qs = selectors.services_for(user=request.user, settlement=settlement, filters=filters)
    page = Paginator(services_qs, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    rows: list[Any] = list(page.object_list)
    selectors.pass_flags(rows)
    for service in rows:
        service.can_change = request.user.has_perm(CHANGE, service)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "services": rows,
        "query": query.urlencode(),
        "filtered": bool(filters.query or filters.status or filters.kind),
        "can_add": request.user.has_perm(ADD, settlement),
        "can_delete": request.user.has_perm(DELETE, settlement),
    }
    partial = bool(getattr(request, "htmx", False))
    template = "committees/services/_table.html" if partial else "committees/services/list.html"
    return render(request, template, context)


def _service_form(
    request: HttpRequest, settlement: Settlement, service: CommunityService | None
) -> HttpResponse:
    """Create (``service`` None) or edit."""
    form = ServiceForm(
        request.POST if request.method == "POST" else None,
        settlement=settlement,
        user=request.user,
        service=service,
    )
    if request.method == "POST" and form.is_valid():
        runners = list(form.cleaned_data["runners"])
        try:
            if service is None:
                service = services.service_create(
                    settlement=settlement, data=form.service_data(), runners=runners
                )
                messages.success(request, _("The service was added."))
            else:
                services.service_update(service=service, data=form.service_data(), runners=runners)
                messages.success(request, _("The changes were saved."))
        except services.NameTaken:
            form.add_error("name", _name_taken_message())
        else:
            return redirect("committees:service_detail", pk=service.pk)
    return render(
        request,
        "committees/services/form.html",
        {"form": form, "service": service},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(ADD)
def service_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    return _service_form(request, settlement, None)


@require_http_methods(["GET", "POST"])
@settlement_permission(SEE)
def service_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    service = selectors.service_get_for(
        user=request.user, settlement=settlement, pk=pk, perm=CHANGE
    )
    return _service_form(request, settlement, service)


@require_GET
@settlement_permission(LIST)
def service_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    service = selectors.service_get_for(user=request.user, settlement=settlement, pk=pk, perm=VIEW)
    committee = service.committee
    return render(
        request,
        "committees/services/detail.html",
        {
            "service": service,
            "runners": list(service.runners.all()),
            "committee_link": committee is not None
            and request.user.has_perm("committees.view_committee", committee),
            "can_change": request.user.has_perm(CHANGE, service),
            "can_delete": request.user.has_perm(DELETE, service),
        },
    )


@require_http_methods(["GET", "POST"])
@settlement_permission(DELETE)
def service_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    service = selectors.service_get_for(
        user=request.user, settlement=settlement, pk=pk, perm=DELETE
    )
    if request.method == "POST":
        services.service_delete(service=service)
        messages.success(request, _("The service “%(name)s” was deleted.") % {"name": service.name})
        return redirect("committees:services")
    return render(request, "committees/services/delete.html", {"service": service})
