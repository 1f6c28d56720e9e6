"""The pages a family answers a survey on, mounted at feedback/ by the site's URLs in their own namespace.

They are the family's pages, not the workforce's: a family member signed in with their own
account may open them (impact registers `family_feedback` as a family namespace), and so may
anyone holding a survey's link.
"""

from django.urls import path

from . import views

app_name = "family_feedback"

urlpatterns = [
    path("answer/<str:token>/", views.answer, name="answer"),
    path("for-you/<uuid:request_id>/", views.answer_as_family_member, name="for_you"),
    path("open/<uuid:link_id>/", views.answer_open, name="answer_open"),
    path("thank-you/", views.thank_you, name="thank_you"),
]
