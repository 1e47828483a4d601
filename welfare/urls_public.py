"""Pages for residents and volunteers, without login: the safety check-in's one-tap
answer, a programme's shared sign-up link, and a volunteer's task."""

from django.urls import path

from . import views_emergency, views_support

app_name = "help"
urlpatterns = [
    path("p/<slug:slug>/safe/<str:token>/", views_emergency.check_in_answer, name="check_in"),
    path("p/<slug:slug>/help/<str:token>/", views_support.programme_signup, name="signup"),
    path("p/<slug:slug>/task/<str:token>/", views_support.volunteer_task, name="task"),
]
