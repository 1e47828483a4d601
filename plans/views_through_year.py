"""Placeholder views."""

from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, pk: int = 0) -> HttpResponse:
    return HttpResponse("todo")


actuals = actual_delete = carry = measurements = measurement_delete = _todo
