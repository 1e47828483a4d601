"""Placeholder views."""

from django.http import HttpRequest, HttpResponse


def plan_detail(request: HttpRequest, pk: int = 0) -> HttpResponse:
    return HttpResponse("todo")
