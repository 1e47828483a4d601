"""Not built yet (being written now)."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def programme_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def programme_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def programme_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def programme_link(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def task_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def fund_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def fund_request(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def programme_signup(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def volunteer_task(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
