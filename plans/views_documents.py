"""The plan's documents: the plan as a PDF for the board and as a workbook, and the
quarterly progress report (a page, and the same as a PDF).

The PDFs are in the settlement's language (the board's), right to left for Hebrew; the
workbook and the report's page are in the reader's. Every file is one ``AuditEvent``
(action "exported", the plan's id, what and in which format; no names)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import translation
from django.views.decorators.http import require_GET

from coordinator.clock import local_today, settlement_zone
from coordinator.decorators import settlement_permission
from coordinator.models import AuditEvent, Settlement
from coordinator.services.audit import audit_record

from . import documents
from . import quarterly as reports
from .models import Plan
from .overview import plan_overview, with_vision
from .rules import VIEW


def _plan(settlement: Settlement, pk: int) -> Plan:
    """The plan, with the settlement's vision (which the PDF shows) read in the same query."""
    plan: Plan = get_object_or_404(
        with_vision(Plan.objects.select_related("decided_by")), pk=pk, settlement=settlement
    )
    plan.settlement = settlement
    return plan


def _file(
    request: HttpRequest,
    *,
    plan: Plan,
    content: bytes,
    content_type: str,
    file_name: str,
    what: str,
) -> HttpResponse:
    """Record the export (the plan's id, what and the format) and answer the file."""
    audit_record(
        action=AuditEvent.Action.EXPORTED,
        object_type="plan",
        object_id=plan.pk,
        settlement_id=plan.settlement_id,
        actor=request.user,
        summary=f"{what} of the plan of {plan.year}",
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    return response


@require_GET
@settlement_permission(VIEW)
def plan_pdf(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """The plan for the board, in the settlement's language."""
    plan = _plan(settlement, pk)
    language = settlement.language
    with translation.override(language):
        overview = plan_overview(plan=plan, today=local_today(settlement), language=language)
        content = documents.plan_pdf(overview=overview, settlement=settlement, language=language)
    return _file(
        request,
        plan=plan,
        content=content,
        content_type=documents.PDF_CONTENT_TYPE,
        file_name=f"plan-{plan.year}.pdf",
        what="pdf",
    )


@require_GET
@settlement_permission(VIEW)
def plan_xlsx(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """The plan as a workbook, its headers in the reader's language."""
    plan = _plan(settlement, pk)
    language = translation.get_language() or settlement.language
    overview = plan_overview(
        plan=plan, today=local_today(settlement), language=language, full=False
    )
    return _file(
        request,
        plan=plan,
        content=documents.plan_workbook(overview=overview),
        content_type=documents.XLSX_CONTENT_TYPE,
        file_name=f"plan-{plan.year}.xlsx",
        what="xlsx",
    )


@require_GET
@settlement_permission(VIEW)
def quarterly(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """The progress of a quarter of the plan's year (``?quarter=1..4``; by default the
    current one), as a page or, with ``?format=pdf``, as a PDF in the settlement's
    language."""
    plan = _plan(settlement, pk)
    today = local_today(settlement)
    quarter = reports.quarter_asked(request.GET.get("quarter"), plan.year, today)
    as_pdf = request.GET.get("format") == "pdf"
    language = settlement.language if as_pdf else (translation.get_language() or "en")
    with translation.override(language):
        overview = plan_overview(plan=plan, today=today, language=language, full=False)
        report = reports.quarter_report(overview=overview, quarter=quarter, settlement=settlement)
        context = {
            "plan": plan,
            "report": report,
            "quarters": reports.QUARTERS,
            "pdf": as_pdf,
            "zone": settlement_zone(settlement).key,
        }
        if not as_pdf:
            return render(request, "plans/quarterly.html", {**context, "base": "base.html"})
        html = render_to_string(
            "plans/quarterly.html",
            {
                **context,
                **documents.document_context(settlement, language),
                "base": "plans/pdf/plan.html",
            },
        )
        content = documents.pdf_bytes(html)
    return _file(
        request,
        plan=plan,
        content=content,
        content_type=documents.PDF_CONTENT_TYPE,
        file_name=f"plan-{plan.year}-q{quarter}.pdf",
        what=f"pdf of the report of quarter {quarter}",
    )
