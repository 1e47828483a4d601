"""PLACEHOLDER: replaced by the real views."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def register(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def registration(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def registration_cancel(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def seasons(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def season_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def instructors(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def instructor_create(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def instructor_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def instructor_delete(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
