"""The settlement's audit trail, for its coordinator. Read only: no URL changes the trail."""

from typing import Any

from django.conf import settings as django_settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..decorators import settlement_permission
from ..forms import AuditFilterForm
from ..models import Settlement
from ..selectors import audit as trail


def _filters(request: HttpRequest, settlement: Settlement) -> tuple[AuditFilterForm, Any]:
    form = AuditFilterForm(request.GET or None, settlement=settlement, kinds=trail.trail_kinds())
    filters = trail.TrailFilter()
    if form.is_bound:
        form.is_valid()  # a bad value drops only its own filter
        data = form.cleaned_data
        user = data.get("user")
        filters = trail.TrailFilter(
            kind=data.get("kind") or "",
            user_id=user.pk if user else None,
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
    return form, filters


@require_GET
@settlement_permission("coordinator.view_audit")
def audit_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form, filters = _filters(request, settlement)
    rows = trail.trail_for(user=request.user, settlement=settlement, filters=filters)
    page = Paginator(rows, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "coordinator/audit/list.html",
        {
            "form": form,
            "page": page,
            "entries": trail.trail_entries(page.object_list),
            "query": query.urlencode(),
            "filtered": filters != trail.TrailFilter(),
        },
    )


@require_GET
@settlement_permission("coordinator.view_audit")
def audit_detail(request: HttpRequest, settlement: Settlement, kind: str, pk: int) -> HttpResponse:
    detail = trail.trail_entry_get_for(user=request.user, settlement=settlement, kind=kind, pk=pk)
    return render(request, "coordinator/audit/detail.html", {"detail": detail})
