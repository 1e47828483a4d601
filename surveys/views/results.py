"""A survey's results: the page, the list of a question's text answers, and the export.

The coordinator's alone (``surveys.view_results``): a chair, council staff, the board and
another settlement's coordinator get 404 like for anything outside their reach.
"""

from django.conf import settings as django_settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from coordinator import clock
from coordinator.decorators import settlement_permission
from coordinator.models import Settlement

from ..i18n import text_in
from ..selectors import results as selectors
from ..selectors import survey_get
from ..services import answering

QUERY_MAX = 100


@require_GET
@settlement_permission("surveys.view_results")
def results(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    language = get_language()
    data = selectors.survey_results(
        settlement=settlement,
        pk=pk,
        language=language,
        by=request.GET.get("by", ""),
        today=clock.today(),
    )
    survey = data.survey
    return render(
        request,
        "surveys/results/results.html",
        {
            "results": data,
            "survey": survey,
            "title": text_in(survey.title, survey.languages, language),
            "min_group": selectors.MIN_GROUP,
            "can_record_needs": request.user.has_perm("surveys.change_needs", settlement),
        },
    )


@require_GET
@settlement_permission("surveys.view_results")
def text_answers(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:QUERY_MAX]
    language = get_language()
    data = selectors.text_answers_for(
        settlement=settlement,
        pk=pk,
        query=query,
        page_number=request.GET.get("page"),
        language=language,
        per_page=django_settings.PAGE_SIZE,
    )
    survey = data.question.survey
    partial = bool(getattr(request, "htmx", False))
    return render(
        request,
        "surveys/results/_text_answers.html" if partial else "surveys/results/text_answers.html",
        {
            "data": data,
            "survey": survey,
            "survey_title": text_in(survey.title, survey.languages, language),
            "q": query,
            "query": urlencode({"q": query}) if query else "",
            "page": data.page,
            "min_group": selectors.MIN_GROUP,
        },
    )


@require_GET
@settlement_permission("surveys.view_results")
def results_export(request: HttpRequest, settlement: Settlement, pk: int) -> HttpResponse:
    """One row per response, one column per question, as CSV or XLSX. An anonymous survey
    that fewer than five people answered exports its headers only."""
    file_format = request.GET.get("format", "csv")
    if file_format not in answering.EXPORT_FORMATS:
        raise Http404
    survey = survey_get(settlement=settlement, pk=pk)
    headers, rows = selectors.results_table(survey=survey, language=get_language())
    content = answering.results_file(headers=headers, rows=rows, file_format=file_format)
    answering.results_export_record(
        survey=survey, by=request.user, rows=len(rows), file_format=file_format
    )
    content_type = (
        "text/csv; charset=utf-8"
        if file_format == "csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="survey-{survey.pk}-results.{file_format}"'
    )
    return response
