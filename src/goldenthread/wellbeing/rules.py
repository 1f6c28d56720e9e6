"""Each wellbeing field's rule and message, written once: the forms build their fields from these and the services check them again."""

from goldenthread.core.rules import DateRule, TextRule

from . import questions

OWN_WORDS = TextRule(
    questions.current().own_words_label,
    questions.current().own_words_max_length,
    rows=5,
    hint=questions.current().own_words_hint,
)
NOTHING_ANSWERED = "Choose an answer to at least one question, or come back when you are ready"
NOT_AN_ANSWER = "Choose one of the answers shown"
REMINDER_CHOICES = {0: "No reminders", 2: "Every 2 weeks", 4: "Every 4 weeks", 8: "Every 8 weeks", 12: "Every 12 weeks"}
NOT_A_REMINDER = "Choose how often you would like a reminder, or no reminders"

SUPPORT_NAME = TextRule("Name", 120, "Enter the name of the support")
SUPPORT_DESCRIPTION = TextRule("What it offers", 1000, "Say in a sentence or two what it offers", rows=4)
SUPPORT_HOW = TextRule(
    "How to reach it",
    300,
    "Say how people reach it: a phone number, an e-mail address or where to go",
    hint="For example, call 0300 000 0000 (fictional), any time",
)
NOT_A_KIND = "Choose the kind of support"
LINK_PROBLEM = "Enter a web address that starts with https://, or leave it empty"

SPACE_TITLE = TextRule("Title", 150, "Enter a title for the reflective space", advice=True)
SPACE_ABOUT = TextRule("What it is for", 2000, "Say what the space is for, so people know what to expect", rows=5)
SPACE_VENUE = TextRule("Venue and address", 300, hint="For an in-person space: where people go, with any access notes")
SPACE_DAY = DateRule("Date", "Enter the date of the reflective space", not_past=True, past_message="The date must be today or in the future")
MOST_PLACES = 200
PLACES_PROBLEM = f"Enter the number of places, from 2 to {MOST_PLACES}"
VENUE_NEEDED = "Enter the venue and address for a space held in person"
LINK_NEEDED = "Enter the joining link (https://) for a space held online"
ENDS_BEFORE_START = "The end time must be after the start time"
STARTED = "This reflective space has already started, so it cannot be changed"
CANCELLED = "This reflective space is cancelled"
FULL = "Every place is taken. Look out for the next one, or ask the host about another time"
ALREADY_BOOKED = "You already have a place"
HOST_NEEDED = "Choose who will host the space"
HOST_NOT_THE_LEAD = "Choose a host other than yourself: people who take up a space offered after a hard event should not have to tell their lead"
TEAM_NEEDED = "Choose at least one person to offer the space to"
CANCEL_REASON = TextRule("Why it is cancelled", 500, "Say in a few words why it is cancelled, for the people with a place", rows=3)
