"""Placeholder: to be written (issue 6 helpers)."""

from django.http import Http404, HttpRequest, HttpResponse


def calendar(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def event_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def event_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def event_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def event_delete(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def event_announcement(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def event_poster(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
