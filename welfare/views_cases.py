"""Not built yet (being written now)."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def case_list(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def case_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def case_detail(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def case_open(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def case_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def note_add(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def referral_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def referral_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def case_task_create(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def case_access(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def access_log(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
