"""Placeholder: to be written (see the issue 5 helpers)."""

from django.http import Http404, HttpRequest, HttpResponse


def initiative_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def initiative_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def initiative_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def initiative_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def idea_new(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def idea_status(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
