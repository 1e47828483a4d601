"""Records of the other mapping methods: house meetings, focus groups, steering-team
sessions and interviews. The coordinator's alone."""

from typing import Any

from django.conf import settings as django_settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coordinator.decorators import settlement_permission
from coordinator.models import AgeGroup, Settlement

from ..forms_mapping import RecordFilterForm, RecordForm
from ..models import MappingRecord
from ..selectors import mapping as selectors
from ..selectors import record_get
from ..services import mapping as services

PERM = "surveys.manage_mapping"
PICKER_QUERY = "participant_q"


def age_group_labels(values: Any) -> list[str]:
    """The labels of stored age-group values, in the groups' order; unknown values skipped."""
    chosen = set(values or [])
    return [str(AgeGroup(value).label) for value in AgeGroup.values if value in chosen]


# --- list --------------------------------------------------------------------------------


@require_GET
@settlement_permission(PERM)
def record_list(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    form = RecordFilterForm(request.GET or None)
    filters = selectors.RecordFilter()
    if form.is_bound:
        form.is_valid()  # a bad value drops only its own filter
        filters = selectors.RecordFilter(
            query=form.cleaned_data.get("q", ""), kind=form.cleaned_data.get("kind", "")
        )
    records = selectors.records_for(settlement=settlement, filters=filters)
    page = Paginator(records, django_settings.PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    for record in rows:
        record.age_group_labels = age_group_labels(record.age_groups)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "records": rows,
        "query": query.urlencode(),
        "filtered": bool(filters.query or filters.kind),
    }
    partial = bool(getattr(request, "htmx", False))
    template = "surveys/mapping/_table.html" if partial else "surveys/mapping/list.html"
    return render(request, template, context)


# --- create and edit ---------------------------------------------------------------------


def _picker_context(
    settlement: Settlement, query: str, chosen_ids: Any, record: MappingRecord | None
) -> dict[str, Any]:
    query = " ".join(query.split())[:100]
    chosen, matches = selectors.participant_candidates(
        settlement=settlement, query=query, chosen_ids=chosen_ids, record=record
    )
    return {
        "participant_q": query,
        "chosen": chosen,
        "matches": matches,
        "limit": selectors.CANDIDATES,
    }


def _unbound_copy(form: RecordForm, settlement: Settlement, record: MappingRecord | None) -> Any:
    """The form again, showing what was typed but no errors: the coordinator only searched
    for residents and has not tried to save yet."""
    initial = {
        name: field.widget.value_from_datadict(form.data, form.files, form.add_prefix(name))
        for name, field in form.fields.items()
    }
    return RecordForm(initial=initial, settlement=settlement, record=record)


def _searching(request: HttpRequest) -> bool:
    """The "Find residents" button, with something to find. Enter in any other field
    presses that same button (the first of the form): with an empty search it saves."""
    return "find" in request.POST and bool(request.POST.get(PICKER_QUERY, "").strip())


def _record_form(
    request: HttpRequest, settlement: Settlement, record: MappingRecord | None
) -> HttpResponse:
    """Create (``record`` None) or edit: the form, the resident picker and saving."""
    if request.method == "GET" and getattr(request, "htmx", False) and PICKER_QUERY in request.GET:
        # The picker's search, as the coordinator types: only its results are swapped.
        return render(
            request,
            "surveys/mapping/_participant_results.html",
            _picker_context(
                settlement,
                request.GET.get(PICKER_QUERY, ""),
                request.GET.getlist("participants"),
                record,
            ),
        )
    if request.method == "POST":
        form = RecordForm(request.POST, settlement=settlement, record=record)
        picker = _picker_context(
            settlement,
            request.POST.get(PICKER_QUERY, ""),
            request.POST.getlist("participants"),
            record,
        )
        if _searching(request):
            form = _unbound_copy(form, settlement, record)
        elif form.is_valid():
            participants = list(form.cleaned_data["participants"])
            if record is None:
                record = services.record_create(
                    settlement=settlement,
                    data=form.record_data(),
                    participants=participants,
                    by=request.user,
                )
                messages.success(request, _("The record was saved."))
            else:
                services.record_update(
                    record=record, data=form.record_data(), participants=participants
                )
                messages.success(request, _("The changes were saved."))
            return redirect("surveys:record_detail", pk=record.pk)
    else:
        initial = {}
        chosen_ids: list[int] = []
        if record is not None:
            chosen_ids = list(
                record.participants.through.objects.filter(mappingrecord_id=record.pk).values_list(
                    "resident_id", flat=True
                )
            )
            initial = {
                "kind": record.kind,
                "title": record.title,
                "held_on": record.held_on,
                "age_groups": list(record.age_groups),
                "participant_count": record.participant_count,
                "notes": record.notes,
                "findings": record.findings,
            }
        form = RecordForm(initial=initial, settlement=settlement, record=record)
        picker = _picker_context(settlement, "", chosen_ids, record)
    return render(
        request,
        "surveys/mapping/form.html",
        {"form": form, "record": record, **picker},
        status=400 if form.is_bound and form.errors else 200,
    )


@settlement_permission(PERM)
def record_create(request: HttpRequest, settlement: Settlement) -> HttpResponse:
    return _record_form(request, settlement, None)


@settlement_permission(PERM)
def record_edit(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    return _record_form(request, settlement, record_get(settlement=settlement, pk=pk))


# --- detail and delete -------------------------------------------------------------------


@require_GET
@settlement_permission(PERM)
def record_detail(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    record = selectors.record_detail_get(settlement=settlement, pk=pk)
    return render(
        request,
        "surveys/mapping/detail.html",
        {
            "record": record,
            "age_groups": age_group_labels(record.age_groups),
            "participants": list(record.participants.all()),
            "needs": list(selectors.record_needs(settlement=settlement, record=record)),
        },
    )


@settlement_permission(PERM)
def record_delete(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    record = record_get(settlement=settlement, pk=pk)
    if request.method == "POST":
        services.record_delete(record=record)
        messages.success(
            request,
            _("The record “%(title)s” was deleted. The needs that cited it are kept.")
            % {"title": record.title},
        )
        return redirect("surveys:records")
    needs = list(selectors.record_needs(settlement=settlement, record=record))
    return render(request, "surveys/mapping/delete.html", {"record": record, "needs": needs})
