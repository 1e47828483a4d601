"""PLACEHOLDER: replaced by the real views."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def course_list(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def course_create(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def course_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def course_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def course_delete(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def course_cancel(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def sessions_make(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def session_detail(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def session_skip(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
