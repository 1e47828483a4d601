from django.urls import path

from . import views, views_exports, views_holidays, views_signups

app_name = "events"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("new/", views.event_create, name="create"),
    path("holidays/", views_holidays.holidays, name="holidays"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/delete/", views.event_delete, name="delete"),
    path("<int:pk>/announcement/", views.event_announcement, name="announcement"),
    path("<int:pk>/poster/", views.event_poster, name="poster"),
    # Who comes: registrations and the waiting list, attendance, feedback.
    path("<int:pk>/registrations/", views_signups.registrations, name="registrations"),
    path(
        "<int:pk>/registrations/export/",
        views_exports.registrations_export,
        name="registrations_export",
    ),
    path("<int:pk>/registrations/new/", views_signups.registration_add, name="registration_add"),
    path(
        "registrations/<int:pk>/cancel/",
        views_signups.registration_cancel,
        name="registration_cancel",
    ),
    path("<int:pk>/attendance/", views_signups.attendance, name="attendance"),
    path("<int:pk>/feedback/", views_signups.feedback, name="feedback"),
    # Who helps: volunteer shifts.
    path("<int:pk>/shifts/", views_signups.shifts, name="shifts"),
    path("shifts/<int:pk>/edit/", views_signups.shift_edit, name="shift_edit"),
    path("shifts/<int:pk>/delete/", views_signups.shift_delete, name="shift_delete"),
    path(
        "shift-volunteers/<int:pk>/cancel/",
        views_signups.shift_signup_cancel,
        name="shift_signup_cancel",
    ),
]
