from django.urls import path

from . import views, views_meetings, views_members, views_partners, views_plans

app_name = "committees"
urlpatterns = [
    path("", views.committee_list, name="list"),
    path("new/", views.committee_create, name="create"),
    path("<int:pk>/", views.committee_detail, name="detail"),
    path("<int:pk>/edit/", views.committee_edit, name="edit"),
    # Members (views_members.py)
    path("<int:pk>/members/new/", views_members.member_add, name="member_add"),
    path("members/<int:pk>/edit/", views_members.member_edit, name="member_edit"),
    path("members/<int:pk>/remove/", views_members.member_remove, name="member_remove"),
    # Yearly work plans (views_plans.py)
    path("<int:pk>/plan/", views_plans.work_plan, name="work_plan"),
    path("<int:pk>/plan/goals/new/", views_plans.goal_add, name="goal_add"),
    path("goals/<int:pk>/edit/", views_plans.goal_edit, name="goal_edit"),
    path("goals/<int:pk>/delete/", views_plans.goal_delete, name="goal_delete"),
    path("goals/<int:pk>/activities/new/", views_plans.activity_add, name="activity_add"),
    path("activities/<int:pk>/edit/", views_plans.activity_edit, name="activity_edit"),
    path("activities/<int:pk>/delete/", views_plans.activity_delete, name="activity_delete"),
    # Meetings, minutes and action items (views_meetings.py)
    path("meetings/", views_meetings.meeting_list, name="meetings"),
    path("meetings/new/", views_meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views_meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/edit/", views_meetings.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/minutes/", views_meetings.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/delete/", views_meetings.meeting_delete, name="meeting_delete"),
    path("meetings/<int:pk>/calendar.ics", views_meetings.meeting_ics, name="meeting_ics"),
    path("meetings/<int:pk>/actions/new/", views_meetings.action_add, name="action_add"),
    path("actions/<int:pk>/edit/", views_meetings.action_edit, name="action_edit"),
    path("actions/<int:pk>/done/", views_meetings.action_done, name="action_done"),
    # The directory of partners (views_partners.py)
    path("partners/", views_partners.partner_list, name="partners"),
    path("partners/new/", views_partners.partner_create, name="partner_create"),
    path("partners/<int:pk>/", views_partners.partner_detail, name="partner_detail"),
    path("partners/<int:pk>/edit/", views_partners.partner_edit, name="partner_edit"),
    path("partners/<int:pk>/delete/", views_partners.partner_delete, name="partner_delete"),
]
