"""PLACEHOLDER: replaced by the real views."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def event_signup(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def event_volunteer(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def signup(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def shift_signup(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
