"""Placeholder: to be written (issue 6 helpers)."""

from django.http import Http404, HttpRequest, HttpResponse


def events(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def event(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def feed(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
