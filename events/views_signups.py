"""PLACEHOLDER: replaced by the real views."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def registrations(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def registration_add(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def registration_cancel(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def attendance(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def feedback(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def shifts(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def shift_edit(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def shift_delete(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def shift_signup_cancel(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
