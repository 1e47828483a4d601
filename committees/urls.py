from django.urls import path

from . import (
    views,
    views_conflicts,
    views_hours,
    views_initiatives,
    views_meetings,
    views_members,
    views_partners,
    views_plans,
    views_services,
    views_volunteers,
)

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
    path("<int:pk>/plan/summary/", views_plans.plan_summary, name="plan_summary"),
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
    # Volunteers, openings and invitations (views_volunteers.py)
    path("volunteers/", views_volunteers.volunteer_list, name="volunteers"),
    path("volunteers/<int:pk>/", views_volunteers.volunteer_detail, name="volunteer_detail"),
    path("residents/<int:pk>/volunteer/", views_volunteers.volunteer_edit, name="volunteer_edit"),
    path("openings/", views_volunteers.opening_list, name="openings"),
    path("openings/new/", views_volunteers.opening_create, name="opening_create"),
    path("openings/<int:pk>/", views_volunteers.opening_detail, name="opening_detail"),
    path("openings/<int:pk>/edit/", views_volunteers.opening_edit, name="opening_edit"),
    path("openings/<int:pk>/invite/", views_volunteers.opening_invite, name="opening_invite"),
    path(
        "invitations/<int:pk>/answer/",
        views_volunteers.invitation_answer,
        name="invitation_answer",
    ),
    # Hours and recognition (views_hours.py)
    path("hours/", views_hours.hours_list, name="hours"),
    path("hours/new/", views_hours.hours_log, name="hours_log"),
    path("hours/<int:pk>/review/", views_hours.hours_review, name="hours_review"),
    path("volunteers/<int:pk>/hours-link/", views_hours.hours_link, name="hours_link"),
    path("volunteers/thanks/", views_hours.thanks, name="thanks"),
    path("volunteers/thanks/export/", views_hours.thanks_export, name="thanks_export"),
    path("volunteers/<int:pk>/letter/", views_hours.thanks_letter, name="thanks_letter"),
    # Residents' initiatives (views_initiatives.py)
    path("ideas/", views_initiatives.initiative_list, name="initiatives"),
    path("ideas/new/", views_initiatives.initiative_create, name="initiative_create"),
    path("ideas/<int:pk>/", views_initiatives.initiative_detail, name="initiative_detail"),
    path("ideas/<int:pk>/edit/", views_initiatives.initiative_edit, name="initiative_edit"),
    # Community services (views_services.py)
    path("services/", views_services.service_list, name="services"),
    path("services/new/", views_services.service_create, name="service_create"),
    path("services/<int:pk>/", views_services.service_detail, name="service_detail"),
    path("services/<int:pk>/edit/", views_services.service_edit, name="service_edit"),
    path("services/<int:pk>/delete/", views_services.service_delete, name="service_delete"),
    # Conflicts and mediation (views_conflicts.py)
    path("conflicts/", views_conflicts.conflict_list, name="conflicts"),
    path("conflicts/new/", views_conflicts.conflict_create, name="conflict_create"),
    path("conflicts/<int:pk>/", views_conflicts.conflict_detail, name="conflict_detail"),
    path("conflicts/<int:pk>/edit/", views_conflicts.conflict_edit, name="conflict_edit"),
    path("conflicts/<int:pk>/delete/", views_conflicts.conflict_delete, name="conflict_delete"),
    path("conflicts/<int:pk>/steps/new/", views_conflicts.step_add, name="step_add"),
    path("conflicts/steps/<int:pk>/edit/", views_conflicts.step_edit, name="step_edit"),
    path("conflicts/steps/<int:pk>/delete/", views_conflicts.step_delete, name="step_delete"),
]
