"""Placeholder views: replaced by the plan pages."""

from django.http import HttpRequest, HttpResponse


def _todo(request: HttpRequest, pk: int = 0) -> HttpResponse:
    return HttpResponse("todo")


plan_list = vision = plan_edit = _todo
goal_create = goal_edit = goal_delete = target_create = target_edit = target_delete = _todo
programme_create = programme_edit = programme_delete = line_create = line_edit = _todo
line_delete = funding = funding_edit = funding_delete = funding_status = _todo
