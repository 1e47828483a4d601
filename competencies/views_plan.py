"""Placeholder views."""

from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, pk: int = 0, key: str = "") -> HttpResponse:
    return HttpResponse("todo")


plan = goal_edit = goal_delete = activity_create = activity_edit = activity_delete = _todo
