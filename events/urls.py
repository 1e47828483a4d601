from django.urls import path

from . import views, views_holidays

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
]
