"""Placeholder: to be written (see the issue 5 helpers)."""

from django.http import Http404, HttpRequest, HttpResponse


def conflict_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def conflict_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def conflict_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def conflict_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def conflict_delete(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def step_add(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def step_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def step_delete(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
