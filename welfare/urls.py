from django.urls import path

from . import views_cases, views_dashboard, views_emergency, views_support, views_team

app_name = "welfare"
urlpatterns = [
    # Cases: the coordinator's and the assigned social worker's only.
    path("cases/", views_cases.case_list, name="cases"),
    path("cases/new/", views_cases.case_create, name="case_create"),
    path("cases/<int:pk>/", views_cases.case_detail, name="case_detail"),
    path("cases/<int:pk>/open/", views_cases.case_open, name="case_open"),
    path("cases/<int:pk>/edit/", views_cases.case_edit, name="case_edit"),
    path("cases/<int:pk>/notes/", views_cases.note_add, name="note_add"),
    path("cases/<int:pk>/referrals/new/", views_cases.referral_create, name="referral_create"),
    path("referrals/<int:pk>/", views_cases.referral_edit, name="referral_edit"),
    path("cases/<int:pk>/tasks/new/", views_cases.case_task_create, name="case_task_create"),
    path("cases/<int:pk>/access/", views_cases.case_access, name="case_access"),
    path("access/", views_cases.access_log, name="access_log"),
    # Community support: programmes, their tasks, the charity fund.
    path("support/", views_support.programme_list, name="programmes"),
    path("support/<int:pk>/", views_support.programme_detail, name="programme"),
    path("support/<int:pk>/edit/", views_support.programme_edit, name="programme_edit"),
    path("support/<int:pk>/link/", views_support.programme_link, name="programme_link"),
    path("tasks/<int:pk>/", views_support.task_edit, name="task_edit"),
    path("fund/", views_support.fund_list, name="fund"),
    path("fund/<int:pk>/", views_support.fund_request, name="fund_request"),
    # The emergency team: roster, drills, council contacts, residents who need help.
    path("emergency/team/", views_team.team, name="team"),
    path("emergency/team/<int:pk>/", views_team.member_edit, name="member_edit"),
    path("emergency/team/<int:pk>/delete/", views_team.member_delete, name="member_delete"),
    path("emergency/drills/", views_team.drills, name="drills"),
    path("emergency/contacts/", views_team.contacts, name="contacts"),
    path("emergency/contacts/<int:pk>/", views_team.contact_edit, name="contact_edit"),
    path("emergency/contacts/<int:pk>/delete/", views_team.contact_delete, name="contact_delete"),
    path("emergency/vulnerable/", views_team.vulnerable, name="vulnerable"),
    path("emergency/vulnerable/<int:pk>/", views_team.vulnerable_edit, name="vulnerable_edit"),
    path(
        "emergency/vulnerable/<int:pk>/delete/",
        views_team.vulnerable_delete,
        name="vulnerable_delete",
    ),
    path("emergency/offline.pdf", views_team.offline_pdf, name="offline_pdf"),
    # Emergency mode: declare, the live board, follow-ups, the log, end.
    path("emergency/", views_emergency.emergency_home, name="emergency"),
    path("emergency/<int:pk>/", views_emergency.board, name="board"),
    path("emergency/<int:pk>/end/", views_emergency.emergency_end, name="emergency_end"),
    path("emergency/<int:pk>/log/", views_emergency.emergency_log, name="emergency_log"),
    path("checkins/<int:pk>/", views_emergency.check_in_follow_up, name="check_in"),
    # Numbers only: the coordinator's home panel, the council's keeping period.
    path("panel/", views_dashboard.home_panel, name="home_panel"),
    path("policy/", views_dashboard.policy, name="policy"),
]
