"""Placeholder: to be written (issue 6 helpers)."""

from django.http import Http404, HttpRequest, HttpResponse


def holidays(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
