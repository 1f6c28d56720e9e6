from django.urls import path

from . import views

app_name = "pledges"

urlpatterns = [
    path("pledges/", views.wall, name="wall"),
]
