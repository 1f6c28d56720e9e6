"""The stories pages of the programme (mounted at /programme/stories/ by ../urls.py). Stories are named by an opaque id.

The public pages, under public/, need no sign-in; every other page is for the workforce.
"""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.story_list, name="stories-list"),
    path("share/", views.share, name="stories-share"),
    path("mine/", views.my_stories, name="stories-mine"),
    path("waiting/", views.waiting_list, name="stories-waiting"),
    path("public/", views.public_list, name="stories-public"),
    path("public/<uuid:public_id>/", views.public_detail, name="stories-public-detail"),
    path("<uuid:public_id>/", views.story_detail, name="stories-detail"),
    path("<uuid:public_id>/change/", views.edit, name="stories-edit"),
    path("<uuid:public_id>/withdraw/", views.withdraw, name="stories-withdraw"),
    path("<uuid:public_id>/decide/", views.decide, name="stories-decide"),
]
