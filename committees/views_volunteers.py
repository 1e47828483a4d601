"""Placeholder: to be written (see the issue 5 helpers)."""

from django.http import Http404, HttpRequest, HttpResponse


def volunteer_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def volunteer_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def volunteer_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def opening_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def opening_create(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def opening_detail(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def opening_edit(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def opening_invite(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def invitation_answer(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def opening_answer(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
