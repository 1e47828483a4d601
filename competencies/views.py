"""Placeholder views."""

from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, pk: int = 0, key: str = "") -> HttpResponse:
    return HttpResponse("todo")


home = home_panel = _todo
