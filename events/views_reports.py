"""PLACEHOLDER: replaced by the real views."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def reports(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def reports_export(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
