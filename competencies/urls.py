from django.urls import path

from . import views, views_council, views_cycles, views_plan

app_name = "competencies"
urlpatterns = [
    path("", views.home, name="home"),
    path("home-panel/", views.home_panel, name="home_panel"),
    path("model/", views_council.framework, name="framework"),
    # Self-assessments.
    path("assessments/<int:pk>/", views_cycles.cycle, name="cycle"),
    path("assessments/<int:pk>/complete/", views_cycles.cycle_complete, name="cycle_complete"),
    path("assessments/<int:pk>/mentor/", views_cycles.cycle_mentor, name="cycle_mentor"),
    path("history/<str:key>/", views_cycles.history, name="history"),
    # The development plan.
    path("plan/", views_plan.plan, name="plan"),
    path("plan/goals/<int:pk>/edit/", views_plan.goal_edit, name="goal_edit"),
    path("plan/goals/<int:pk>/delete/", views_plan.goal_delete, name="goal_delete"),
    path("plan/goals/<int:pk>/activities/new/", views_plan.activity_create, name="activity_create"),
    path("plan/activities/<int:pk>/edit/", views_plan.activity_edit, name="activity_edit"),
    path("plan/activities/<int:pk>/delete/", views_plan.activity_delete, name="activity_delete"),
    # The council's.
    path("evidence/", views_council.evidence_rules, name="evidence_rules"),
    path("mentoring/", views_council.mentoring, name="mentoring"),
    path("council/", views_council.council, name="council"),
]
