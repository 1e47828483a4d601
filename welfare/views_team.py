"""Not built yet (being written now)."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse


def team(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def member_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def member_delete(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def drills(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def contacts(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def contact_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def contact_delete(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def vulnerable(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def vulnerable_edit(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def vulnerable_delete(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404


def offline_pdf(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
    raise Http404
