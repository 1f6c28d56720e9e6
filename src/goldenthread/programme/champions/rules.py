"""Each champions field, written once: its words, its limit and what to say when it is missing. Forms and services both use these."""

from goldenthread.core.rules import TextRule

INTERESTS = TextRule(
    "What you are interested in (optional)",
    300,
    hint="A few words or short phrases, separated by commas. For example: schools, early years, restorative practice.",
)
MOST_INTERESTS = 10
LONGEST_INTEREST = 60
INTERESTS_TOO_MANY = f"Name up to {MOST_INTERESTS} interests, separated by commas"
INTEREST_TOO_LONG = f"Keep each interest to {LONGEST_INTEREST} characters or fewer, separated by commas"
ABOUT = TextRule(
    "About you (optional)",
    2000,
    rows=5,
    hint="What you do, what you care about in this work, and how colleagues can reach you.",
)
NOT_AN_OFFER = "Choose what you offer from the list"

POST = TextRule("Your post", 2000, "Write your post", rows=5, hint="News, an invitation, something you learned. Use no names of families or children.")

WHY = TextRule(
    "Why would you like to be a champion?",
    2000,
    "Say in a sentence or two why you would like to be a champion",
    rows=5,
    hint="What draws you to it, and what you might bring. Your organisation lead reads this.",
)
ORGANISATION_NEEDED = "Choose the organisation you would like to be a champion in"
ALREADY_ASKED = "You have already offered to be a champion there. Your organisation lead will answer soon"
ALREADY_A_CHAMPION = "You are already a champion there"
ONLY_PRACTITIONERS = "Champions are chosen from the practitioners of an organisation. Ask your organisation lead if you would like to help in another way"

DECISION_NEEDED = "Choose whether to accept the offer"
REPLY = TextRule(
    "A note to them (optional)",
    2000,
    rows=4,
    hint="It goes with our e-mail. If it is not this time, a kind word on why, and what else they could do, helps.",
)
NOT_PENDING = "This offer has been answered already"
ROLE_CHANGED = (
    "Their role in this organisation has changed since they offered, so accepting the offer would change it again. Answer ‘Not this time’, and talk with them"
)
NO_LONGER_A_MEMBER = "They are no longer in this organisation, so they cannot be made a champion there"
