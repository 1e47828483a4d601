from django.urls import path

from . import (
    views,
    views_detail,
    views_documents,
    views_funding,
    views_goals,
    views_through_year,
    views_workflow,
)

app_name = "plans"
urlpatterns = [
    path("", views.plan_list, name="list"),
    path("vision/", views.vision, name="vision"),
    path("<int:pk>/", views_detail.plan_detail, name="detail"),
    path("<int:pk>/edit/", views.plan_edit, name="edit"),
    path("<int:pk>/goals/new/", views_goals.goal_create, name="goal_create"),
    path("goals/<int:pk>/edit/", views_goals.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/delete/", views_goals.goal_delete, name="goal_delete"),
    path("goals/<int:pk>/targets/new/", views_goals.target_create, name="target_create"),
    path("targets/<int:pk>/edit/", views_goals.target_edit, name="target_edit"),
    path("targets/<int:pk>/delete/", views_goals.target_delete, name="target_delete"),
    path("goals/<int:pk>/programmes/new/", views_goals.programme_create, name="programme_create"),
    path("programmes/<int:pk>/edit/", views_goals.programme_edit, name="programme_edit"),
    path("programmes/<int:pk>/delete/", views_goals.programme_delete, name="programme_delete"),
    path("programmes/<int:pk>/lines/new/", views_goals.line_create, name="line_create"),
    path("lines/<int:pk>/edit/", views_goals.line_edit, name="line_edit"),
    path("lines/<int:pk>/delete/", views_goals.line_delete, name="line_delete"),
    path("<int:pk>/funding/", views_funding.funding, name="funding"),
    path("funding/<int:pk>/edit/", views_funding.funding_edit, name="funding_edit"),
    path("funding/<int:pk>/delete/", views_funding.funding_delete, name="funding_delete"),
    path("funding/<int:pk>/status/", views_funding.funding_status, name="funding_status"),
    # The way to approval, and the revisions of an approved plan.
    path("<int:pk>/submit/", views_workflow.plan_submit, name="submit"),
    path("<int:pk>/decide/", views_workflow.plan_decide, name="decide"),
    path("<int:pk>/revisions/", views_workflow.plan_revisions, name="revisions"),
    # Through the year.
    path("lines/<int:pk>/actuals/", views_through_year.actuals, name="actuals"),
    path("actuals/<int:pk>/delete/", views_through_year.actual_delete, name="actual_delete"),
    path("lines/<int:pk>/carry/", views_through_year.carry, name="carry"),
    path("targets/<int:pk>/measurements/", views_through_year.measurements, name="measurements"),
    path(
        "measurements/<int:pk>/delete/",
        views_through_year.measurement_delete,
        name="measurement_delete",
    ),
    # Documents.
    path("<int:pk>/plan.pdf", views_documents.plan_pdf, name="pdf"),
    path("<int:pk>/plan.xlsx", views_documents.plan_xlsx, name="xlsx"),
    path("<int:pk>/quarterly/", views_documents.quarterly, name="quarterly"),
]
