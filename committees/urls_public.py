"""Links residents open without an account: a volunteer's hours link, an answer to an
invitation to an opening, the form for an idea and the idea's status page."""

from django.urls import path

from . import views_hours, views_initiatives, views_openings

app_name = "public"
urlpatterns = [
    path("v/h/<str:token>/", views_hours.hours_report, name="hours"),
    path("v/o/<str:token>/", views_openings.opening_answer, name="opening"),
    path("p/<slug:slug>/ideas/new/", views_initiatives.idea_new, name="idea_new"),
    path("p/ideas/<str:token>/", views_initiatives.idea_status, name="idea_status"),
]
