"""Placeholder views."""

from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, pk: int = 0) -> HttpResponse:
    return HttpResponse("todo")


plan_pdf = plan_xlsx = quarterly = _todo
