"""The classes programme: seasons, instructors, classes, sessions, registrations and
reports."""

from django.urls import path

from . import views_class_people, views_classes, views_exports, views_reports

app_name = "classes"
urlpatterns = [
    path("", views_classes.course_list, name="list"),
    path("new/", views_classes.course_create, name="create"),
    path("<int:pk>/", views_classes.course_detail, name="detail"),
    path("<int:pk>/edit/", views_classes.course_edit, name="edit"),
    path("<int:pk>/delete/", views_classes.course_delete, name="delete"),
    path("<int:pk>/cancel/", views_classes.course_cancel, name="cancel"),
    path("<int:pk>/sessions/", views_classes.sessions_make, name="sessions_make"),
    path("sessions/<int:pk>/", views_classes.session_detail, name="session"),
    path("sessions/<int:pk>/skip/", views_classes.session_skip, name="session_skip"),
    path(
        "<int:pk>/participants/export/",
        views_exports.participants_export,
        name="participants_export",
    ),
    path("<int:pk>/register/", views_class_people.register, name="register"),
    path("registrations/<int:pk>/", views_class_people.registration, name="registration"),
    path(
        "registrations/<int:pk>/cancel/",
        views_class_people.registration_cancel,
        name="registration_cancel",
    ),
    path("seasons/", views_class_people.seasons, name="seasons"),
    path("seasons/<int:pk>/edit/", views_class_people.season_edit, name="season_edit"),
    path("instructors/", views_class_people.instructors, name="instructors"),
    path("instructors/new/", views_class_people.instructor_create, name="instructor_create"),
    path("instructors/<int:pk>/edit/", views_class_people.instructor_edit, name="instructor_edit"),
    path(
        "instructors/<int:pk>/delete/",
        views_class_people.instructor_delete,
        name="instructor_delete",
    ),
    path("reports/", views_reports.reports, name="reports"),
    path("reports/export/", views_reports.reports_export, name="reports_export"),
]
