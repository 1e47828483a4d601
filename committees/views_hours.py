"""Placeholder: to be written (see the issue 5 helpers)."""

from django.http import Http404, HttpRequest, HttpResponse


def hours_list(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def hours_log(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def hours_review(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def hours_link(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def thanks(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def thanks_export(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def thanks_letter(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404


def hours_report(request: HttpRequest, **kwargs: object) -> HttpResponse:
    raise Http404
