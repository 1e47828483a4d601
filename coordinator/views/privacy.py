"""Personal-data rights of a resident: a copy of everything held about them, and erasure."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import clock, selectors, services
from ..decorators import settlement_permission
from ..forms import ResidentEraseForm
from ..models import Settlement


@require_GET
@settlement_permission("coordinator.export_personal_data")
def resident_data_export(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """Everything held about the resident, as a JSON file; the export is recorded."""
    resident = selectors.resident_get_for(
        user=request.user, settlement=settlement, pk=pk, perm="coordinator.export_personal_data"
    )
    data = services.resident_data_export(resident=resident, by=request.user)
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    stamp = clock.today().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="resident-{resident.pk}-personal-data-{stamp}.json"'
    )
    return response


@settlement_permission("coordinator.erase_personal_data")
def resident_erase(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """Confirm with the resident's full name and a reason, then erase them."""
    resident = selectors.resident_get_for(
        user=request.user, settlement=settlement, pk=pk, perm="coordinator.erase_personal_data"
    )
    form = ResidentEraseForm(request.POST if request.method == "POST" else None, resident=resident)
    if request.method == "POST" and form.is_valid():
        services.resident_erase(
            resident=resident, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request,
            _(
                "The resident's personal data was erased. The audit trail keeps only that an "
                "erasure happened, by whom and why."
            ),
        )
        return redirect("residents:list")
    return render(
        request,
        "coordinator/residents/erase.html",
        {"resident": resident, "form": form},
        status=400 if form.errors else 200,
    )
