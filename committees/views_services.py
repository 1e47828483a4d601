"""Placeholder: to be written (see the issue 5 helpers)."""

from django.http import Http404, HttpRequest, HttpResponse


def service_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def service_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def service_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def service_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def service_delete(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
