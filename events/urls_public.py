"""The settlement's public calendar and classes: no login, published events and open
classes only, nothing personal; sign-ups and their personal links."""

from django.urls import path

from . import views_public, views_public_classes, views_public_signups

app_name = "calendar"
urlpatterns = [
    path("p/<slug:slug>/events/", views_public.events, name="events"),
    path("p/<slug:slug>/events/<int:pk>/", views_public.event, name="event"),
    path("p/<slug:slug>/calendar.ics", views_public.feed, name="feed"),
    path(
        "p/<slug:slug>/events/<int:pk>/signup/",
        views_public_signups.event_signup,
        name="event_signup",
    ),
    path(
        "p/<slug:slug>/events/<int:pk>/volunteer/",
        views_public_signups.event_volunteer,
        name="event_volunteer",
    ),
    path("p/<slug:slug>/signup/<str:token>/", views_public_signups.signup, name="signup"),
    path(
        "p/<slug:slug>/shift/<str:token>/", views_public_signups.shift_signup, name="shift_signup"
    ),
    path("p/<slug:slug>/classes/", views_public_classes.classes, name="classes"),
    path(
        "p/<slug:slug>/classes/<int:pk>/",
        views_public_classes.class_register,
        name="class_register",
    ),
    path(
        "p/<slug:slug>/registration/<str:token>/",
        views_public_classes.class_registration,
        name="class_registration",
    ),
]
