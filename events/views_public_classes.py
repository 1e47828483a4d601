"""PLACEHOLDER: replaced by the real views."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def classes(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def class_register(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404


def class_registration(request: HttpRequest, **kwargs: Any) -> HttpResponse:
    raise Http404
