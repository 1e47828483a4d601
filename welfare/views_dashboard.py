"""Not built yet (being written now)."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def home_panel(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def policy(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
