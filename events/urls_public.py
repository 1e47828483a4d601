"""The settlement's public calendar: no login, published events only, nothing personal."""

from django.urls import path

from . import views_public

app_name = "calendar"
urlpatterns = [
    path("p/<slug:slug>/events/", views_public.events, name="events"),
    path("p/<slug:slug>/events/<int:pk>/", views_public.event, name="event"),
    path("p/<slug:slug>/calendar.ics", views_public.feed, name="feed"),
]
