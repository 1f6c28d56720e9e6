"""The team's pages for what a family asks on their own pages, under /families/<record>/from-the-family/ (two steps, terms, a team place)."""

from django.urls import path

from .views import staff

app_name = "from_the_family"

urlpatterns = [
    path("<uuid:family_id>/from-the-family/", staff.from_the_family, name="list"),
    path("<uuid:family_id>/from-the-family/suggestions/<uuid:suggestion_id>/", staff.decide_suggestion, name="suggestion"),
    path("<uuid:family_id>/from-the-family/questions/<uuid:question_id>/", staff.answer_question, name="question"),
    path("<uuid:family_id>/from-the-family/sharing/<uuid:request_id>/", staff.decide_share_request, name="share-request"),
    path("<uuid:family_id>/people/<uuid:person_id>/own-sign-in/", staff.invite, name="invite"),
    path("<uuid:family_id>/people/<uuid:person_id>/own-sign-in/stop/", staff.stop_sign_in, name="stop-sign-in"),
]
