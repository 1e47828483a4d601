"""The directory of partners: council departments, other coordinators, outside
professionals. Read by those who read the committees and by chairs; kept by the
coordinator."""

from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from . import selectors_partners as selectors
from . import services_partners as services
from .forms_partners import PartnerFilterForm, PartnerForm
from .models import Partner

VIEW = "committees.view_partners"
CHANGE = "committees.change_partners"


@require_GET
@settlement_permission(VIEW)
def partner_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = PartnerFilterForm(request.GET or None)
    filters = selectors.PartnerFilter()
    if form.is_bound:
        form.is_valid()  # a bad value drops only its own filter
        filters = selectors.PartnerFilter(
            query=form.cleaned_data.get("q", ""), kind=form.cleaned_data.get("kind", "")
        )
    partners = selectors.partners_for(user=request.user, settlement=settlement, filters=filters)
    page = Paginator(partners, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    rows: list[Any] = list(page.object_list)
    for partner in rows:
        partner.committee_links = selectors.committee_links(user=request.user, partner=partner)
        partner.tel = selectors.tel_uri(partner.phone)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "partners": rows,
        "query": query.urlencode(),
        "filtered": bool(filters.query or filters.kind),
        "can_change": request.user.has_perm(CHANGE, settlement),
    }
    partial = bool(getattr(request, "htmx", False))
    template = "committees/partners/_table.html" if partial else "committees/partners/list.html"
    return render(request, template, context)


def _partner_form(
    request: HttpRequest, settlement: Settlement, partner: Partner | None
) -> HttpResponse:
    """Create (``partner`` None) or edit."""
    if request.method == "POST":
        form = PartnerForm(request.POST, settlement=settlement, partner=partner)
        if form.is_valid():
            committees = list(form.cleaned_data["committees"])
            if partner is None:
                partner = services.partner_create(
                    settlement=settlement, data=form.partner_data(), committees=committees
                )
                messages.success(request, _("The partner was added."))
            else:
                services.partner_update(
                    partner=partner, data=form.partner_data(), committees=committees
                )
                messages.success(request, _("The changes were saved."))
            return redirect("committees:partner_detail", pk=partner.pk)
    else:
        form = PartnerForm(settlement=settlement, partner=partner)
    return render(
        request,
        "committees/partners/form.html",
        {"form": form, "partner": partner},
        status=400 if form.is_bound and form.errors else 200,
    )


@settlement_permission(CHANGE)
def partner_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    return _partner_form(request, settlement, None)


@settlement_permission(CHANGE)
def partner_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    partner = selectors.partner_get_for(
        user=request.user, settlement=settlement, pk=pk, perm=CHANGE
    )
    return _partner_form(request, settlement, partner)


@require_GET
@settlement_permission(VIEW)
def partner_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    partner = selectors.partner_get_for(user=request.user, settlement=settlement, pk=pk, perm=VIEW)
    return render(
        request,
        "committees/partners/detail.html",
        {
            "partner": partner,
            "committee_links": selectors.committee_links(user=request.user, partner=partner),
            "meetings": selectors.partner_meetings_for(
                user=request.user, settlement=settlement, partner=partner
            ),
            "recent_limit": selectors.RECENT_MEETINGS,
            "tel": selectors.tel_uri(partner.phone),
            "time_zone": settlement.time_zone,
            "can_change": request.user.has_perm(CHANGE, settlement),
        },
    )


@settlement_permission(CHANGE)
def partner_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    partner = selectors.partner_get_for(
        user=request.user, settlement=settlement, pk=pk, perm=CHANGE
    )
    if request.method == "POST":
        services.partner_delete(partner=partner)
        messages.success(request, _("The partner “%(name)s” was deleted.") % {"name": partner.name})
        return redirect("committees:partners")
    return render(
        request,
        "committees/partners/delete.html",
        {
            "partner": partner,
            "committee_count": len(partner.committees.all()),
            "meeting_count": selectors.meeting_count(settlement=settlement, partner=partner),
        },
    )
