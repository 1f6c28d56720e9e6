"""The family's own pages, under /my-record/: the only pages a family member's own account opens (with a few of core's)."""

from django.urls import path

from .views import family

app_name = "family_door"

urlpatterns = [
    path("", family.home, name="home"),
    path("sign-in/", family.sign_in, name="sign-in"),
    path("sign-in/code/", family.enter_code, name="enter-code"),
    path("join/<str:token>/", family.join, name="join"),
    path("terms/", family.terms, name="terms"),
    path("story/", family.story, name="story"),
    path("story/suggest/", family.suggest_story, name="suggest-story"),
    path("story/<uuid:entry_id>/suggest/", family.suggest_story, name="suggest-story-entry"),
    path("about-me/", family.profile, name="profile"),
    path("about-me/suggest/<str:field>/", family.suggest_profile, name="suggest-profile"),
    path("about-me/in-my-own-words/", family.own_words, name="own-words"),
    path("events/", family.chronology, name="chronology"),
    path("team/", family.team, name="team"),
    path("team/ask/", family.ask, name="ask"),
    path("sharing/", family.sharing, name="sharing"),
    path("sharing/<uuid:consent_id>/stop/", family.withdraw, name="withdraw"),
    path("sharing/ask/", family.ask_to_share, name="ask-to-share"),
    path("who-has-looked/", family.who_looked, name="who-looked"),
    path("asked/", family.asked, name="asked"),
    path("asked/<uuid:suggestion_id>/take-back/", family.take_back, name="take-back"),
]
