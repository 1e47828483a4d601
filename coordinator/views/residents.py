"""The resident and household registry: list, search, detail, edit, import and export."""

from dataclasses import asdict
from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from .. import clock, selectors, services
from ..decorators import settlement_permission
from ..forms import HouseholdForm, ImportForm, ResidentBulkForm, ResidentFilterForm, ResidentForm
from ..models import ImportBatch, Settlement
from ..services.transfer import column_labels

RESIDENT_DATA = [
    "first_name",
    "last_name",
    "birth_date",
    "email",
    "phone",
    "household",
    "neighbourhood",
    "arrival_date",
    "preferred_language",
    "consent_to_contact",
]


def _filters(request: HttpRequest, settlement: Settlement) -> tuple[ResidentFilterForm, Any]:
    form = ResidentFilterForm(request.GET or None, settlement=settlement)
    filters = selectors.ResidentFilter()
    if form.is_bound:
        form.is_valid()  # a bad value (a stale tag id) drops only its own filter
        data = form.cleaned_data
        neighbourhood = data.get("neighbourhood")
        tag = data.get("tag")
        filters = selectors.ResidentFilter(
            query=data.get("q", ""),
            age_group=data.get("age_group", ""),
            neighbourhood_id=neighbourhood.pk if neighbourhood else None,
            tag_id=tag.pk if tag else None,
            archived=data.get("archived", False),
        )
    return form, filters


def _with_age_groups(settlement: Settlement, residents: Any) -> list[Any]:
    today = clock.today()
    labels = dict(selectors.AgeGroup.choices)
    rows = list(residents)
    for resident in rows:
        group = settlement.age_group_of(resident.birth_date, today)
        resident.age_group_label = labels[group] if group else ""
    return rows


def _list_context(
    request: HttpRequest, settlement: Settlement, bulk_form: ResidentBulkForm | None = None
) -> dict[str, Any]:
    form, filters = _filters(request, settlement)
    residents = selectors.residents_for(user=request.user, settlement=settlement, filters=filters)
    page = Paginator(residents, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    can_edit = request.user.has_perm("coordinator.change_registry", settlement)
    if can_edit and bulk_form is None:
        bulk_form = ResidentBulkForm(
            settlement=settlement,
            tags=form.tag_options,
            initial={"query": query.urlencode()},
            prefix="bulk",
        )
    return {
        "settlement": settlement,
        "form": form,
        "bulk_form": bulk_form if can_edit else None,
        "page": page,
        "residents": _with_age_groups(settlement, page.object_list),
        "query": query.urlencode(),
        "can_edit": can_edit,
        "filtered": any(
            [filters.query, filters.age_group, filters.neighbourhood_id, filters.tag_id]
        ),
        "archived": filters.archived,
    }


@require_GET
@settlement_permission("coordinator.view_registry")
def resident_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    context = _list_context(request, settlement)
    partial = bool(getattr(request, "htmx", False))  # django-htmx: swap the table only
    template = "coordinator/residents/_table.html" if partial else "coordinator/residents/list.html"
    return render(request, template, context)


@require_POST
@settlement_permission("coordinator.change_registry")
def resident_bulk(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    """Archive the ticked residents, or add a tag to them. Ids of other settlements are
    ignored; if none of the ids is the settlement's, 404."""
    form = ResidentBulkForm(request.POST, settlement=settlement, prefix="bulk")
    if not form.is_valid():
        return render(
            request,
            "coordinator/residents/list.html",
            _list_context(request, settlement, bulk_form=form),
            status=400,
        )
    ids = selectors.resident_ids_for(
        user=request.user,
        settlement=settlement,
        ids=form.cleaned_data["ids"],
        perm="coordinator.change_registry",
    )
    if form.cleaned_data["action"] == ResidentBulkForm.ARCHIVE:
        count = services.residents_bulk_archive(settlement=settlement, ids=ids, by=request.user)
        messages.success(
            request,
            ngettext(
                "%(count)d resident was archived.", "%(count)d residents were archived.", count
            )
            % {"count": count},
        )
    else:
        tag = form.cleaned_data["tag"]
        count = services.residents_bulk_tag(
            settlement=settlement, ids=ids, tag=tag, by=request.user
        )
        messages.success(
            request,
            ngettext(
                "The tag “%(tag)s” was added to %(count)d resident.",
                "The tag “%(tag)s” was added to %(count)d residents.",
                count,
            )
            % {"tag": tag.name, "count": count},
        )
    query = form.cleaned_data["query"]
    return redirect(reverse("residents:list") + (f"?{query}" if query else ""))


@require_GET
@settlement_permission("coordinator.view_registry")
def resident_export(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    file_format = request.GET.get("format", "csv")
    if file_format not in ("csv", "xlsx"):
        raise Http404
    _form, filters = _filters(request, settlement)
    residents = list(
        selectors.residents_for(user=request.user, settlement=settlement, filters=filters)
    )
    content = services.residents_export(residents=residents, file_format=file_format)
    services.residents_export_record(
        settlement=settlement,
        by=request.user,
        filters=asdict(filters),
        rows=len(residents),
        file_format=file_format,
    )
    content_type = (
        "text/csv; charset=utf-8"
        if file_format == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    stamp = clock.today().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="residents-{settlement.slug}-{stamp}.{file_format}"'
    )
    return response


@require_GET
@settlement_permission("coordinator.view_registry")
def resident_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    resident = selectors.resident_get_for(
        user=request.user, settlement=settlement, pk=pk, perm="coordinator.view_registry"
    )
    _with_age_groups(settlement, [resident])
    return render(
        request,
        "coordinator/residents/detail.html",
        {
            "resident": resident,
            "can_edit": request.user.has_perm("coordinator.change_registry", resident),
            "can_export_data": request.user.has_perm("coordinator.export_personal_data", resident),
            "can_erase": request.user.has_perm("coordinator.erase_personal_data", resident),
        },
    )


@settlement_permission("coordinator.change_registry")
def resident_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = ResidentForm(request.POST if request.method == "POST" else None, settlement=settlement)
    if request.method == "POST" and form.is_valid():
        try:
            resident = services.resident_create(
                settlement=settlement,
                data={k: form.cleaned_data[k] for k in RESIDENT_DATA},
                tags=form.cleaned_data["tags"],
                new_tags=form.cleaned_data["new_tags"],
            )
        except services.DuplicateResident as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("%(name)s was added.") % {"name": resident.full_name})
            return redirect("residents:detail", pk=resident.pk)
    return render(
        request,
        "coordinator/residents/form.html",
        {"form": form, "resident": None},
        status=400 if form.errors else 200,
    )


@settlement_permission("coordinator.change_registry")
def resident_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    resident = selectors.resident_get_for(
        user=request.user, settlement=settlement, pk=pk, perm="coordinator.change_registry"
    )
    form = ResidentForm(
        request.POST if request.method == "POST" else None, instance=resident, settlement=settlement
    )
    if request.method == "POST" and form.is_valid():
        try:
            # The form has already written the new values onto its instance; the service
            # compares against the row as stored.
            services.resident_update(
                resident=selectors.resident_get_for(
                    user=request.user,
                    settlement=settlement,
                    pk=pk,
                    perm="coordinator.change_registry",
                ),
                data={k: form.cleaned_data[k] for k in RESIDENT_DATA},
                tags=form.cleaned_data["tags"],
                new_tags=form.cleaned_data["new_tags"],
            )
        except services.DuplicateResident as error:
            form.add_error(None, str(error.message))
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("residents:detail", pk=pk)
    return render(
        request,
        "coordinator/residents/form.html",
        {"form": form, "resident": resident},
        status=400 if form.errors else 200,
    )


@settlement_permission("coordinator.change_registry")
def resident_archive(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    resident = selectors.resident_get_for(
        user=request.user, settlement=settlement, pk=pk, perm="coordinator.change_registry"
    )
    if request.method == "POST":
        services.resident_archive(resident=resident)
        messages.success(
            request,
            _("%(name)s was archived. Archived residents stay in the registry and can be restored.")
            % {"name": resident.full_name},
        )
        return redirect("residents:list")
    return render(request, "coordinator/residents/archive.html", {"resident": resident})


@require_POST
@settlement_permission("coordinator.change_registry")
def resident_restore(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    resident = selectors.resident_get_for(
        user=request.user, settlement=settlement, pk=pk, perm="coordinator.change_registry"
    )
    try:
        services.resident_restore(resident=resident)
    except services.DuplicateResident as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("%(name)s was restored.") % {"name": resident.full_name})
    return redirect("residents:detail", pk=pk)


@settlement_permission("coordinator.change_registry")
def resident_import(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    """Upload a file and see every row it would import, with every error."""
    form = ImportForm(*((request.POST, request.FILES) if request.method == "POST" else ()))
    preview = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = services.residents_import_preview(
                settlement=settlement,
                user=request.user,
                filename=upload.name,
                content=upload.read(),
            )
        except services.ImportRejected as error:
            form.add_error("file", str(error))
    return render(
        request,
        "coordinator/residents/import.html",
        {
            "form": form,
            "preview": preview,
            "columns": list(column_labels().items()),
        },
        status=400 if form.errors or (preview and not preview.is_valid) else 200,
    )


@require_POST
@settlement_permission("coordinator.change_registry")
def resident_import_confirm(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    batch = ImportBatch.objects.filter(
        settlement=settlement, pk=pk, created_by_id=request.user.pk, applied_at__isnull=True
    ).first()
    if batch is None:
        raise Http404
    try:
        preview = services.residents_import_apply(batch=batch)
    except services.ImportRejected as error:
        messages.error(request, str(error))
        return redirect("residents:import")
    if not preview.is_valid:
        messages.error(
            request,
            _("The registry changed since the upload; nothing was imported. See the errors below."),
        )
        return render(
            request,
            "coordinator/residents/import.html",
            {"form": ImportForm(), "preview": preview, "columns": list(column_labels().items())},
            status=400,
        )
    messages.success(
        request,
        _("Import done. New residents: %(creates)d. Updated: %(updates)d.")
        % {"creates": preview.creates, "updates": preview.updates},
    )
    return redirect("residents:list")


@require_GET
@settlement_permission("coordinator.change_registry")
def resident_import_template(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    content = services.residents_export(residents=[], file_format="csv")
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="residents-template.csv"'
    return response


@require_GET
@settlement_permission("coordinator.view_registry")
def household_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    query = request.GET.get("q", "")[:100]
    households = selectors.households_for(user=request.user, settlement=settlement, query=query)
    page = Paginator(households, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "coordinator/households/list.html",
        {
            "page": page,
            "q": query,
            "query": urlencode({"q": query}) if query else "",
            "can_edit": request.user.has_perm("coordinator.change_registry", settlement),
        },
    )


@require_GET
@settlement_permission("coordinator.view_registry")
def household_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    household = selectors.household_get_for(
        user=request.user, settlement=settlement, pk=pk, perm="coordinator.view_registry"
    )
    members = _with_age_groups(settlement, household.residents.all())
    return render(
        request,
        "coordinator/households/detail.html",
        {
            "household": household,
            "members": members,
            "can_edit": request.user.has_perm("coordinator.change_registry", household),
        },
    )


@settlement_permission("coordinator.change_registry")
def household_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = HouseholdForm(request.POST if request.method == "POST" else None, settlement=settlement)
    if request.method == "POST" and form.is_valid():
        household = services.household_create(settlement=settlement, data=form.cleaned_data)
        messages.success(request, _("The household was added."))
        return redirect("households:detail", pk=household.pk)
    return render(
        request,
        "coordinator/households/form.html",
        {"form": form, "household": None},
        status=400 if form.errors else 200,
    )


@settlement_permission("coordinator.change_registry")
def household_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    household = selectors.household_get_for(
        user=request.user, settlement=settlement, pk=pk, perm="coordinator.change_registry"
    )
    form = HouseholdForm(
        request.POST if request.method == "POST" else None,
        instance=household,
        settlement=settlement,
    )
    if request.method == "POST" and form.is_valid():
        # The form has already written the new values onto its instance; the service
        # compares against the row as stored.
        services.household_update(
            household=selectors.household_get_for(
                user=request.user, settlement=settlement, pk=pk, perm="coordinator.change_registry"
            ),
            data=form.cleaned_data,
        )
        messages.success(request, _("The changes were saved."))
        return redirect("households:detail", pk=pk)
    return render(
        request,
        "coordinator/households/form.html",
        {"form": form, "household": household},
        status=400 if form.errors else 200,
    )
