"""Not built yet (being written now)."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def emergency_home(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def board(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def emergency_end(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def emergency_log(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def check_in_follow_up(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def check_in_answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
