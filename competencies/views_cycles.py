"""Placeholder views."""

from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, pk: int = 0, key: str = "") -> HttpResponse:
    return HttpResponse("todo")


cycle = cycle_complete = cycle_mentor = history = _todo
