from django.urls import path

from . import views

app_name = "messaging"
urlpatterns = [
    path("", views.message_list, name="list"),
    path("<int:pk>/", views.message_detail, name="detail"),
    path("<int:pk>/resolve/", views.message_resolve, name="resolve"),
    path("quiet-hours/", views.quiet_hours, name="quiet_hours"),
]
