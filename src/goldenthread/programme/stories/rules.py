"""Each field of a story, written once: its words, its limit and what to say when it is missing. Forms and services both use these."""

from goldenthread.core.rules import DateRule, TextRule

NO_NAMES = "Use no names of families, children or colleagues: say ‘a parent’, ‘a young person’ or ‘the team’."

TITLE = TextRule("Title", 150, "Give the story a short title", hint="A few words that say what the story is about.", advice=True)
WHAT_WE_DID = TextRule("What we did", 5000, "Say what you did", rows=6, hint=f"What you or your team did differently, and why. {NO_NAMES}")
WHAT_CHANGED = TextRule("What changed", 5000, "Say what changed", rows=6, hint=f"For the family, for the team or for how you work. {NO_NAMES}")
WHAT_FAMILIES_SAID = TextRule(
    "What families said (optional)",
    3000,
    rows=4,
    hint=f"In their words where you can, with their agreement. {NO_NAMES}",
)
CONSENT_BY = TextRule(
    "Who agreed to it being shared",
    200,
    "Say who agreed to the story being shared, for example ‘the family’ or ‘the young person’",
    hint="In words, not names: for example ‘the family’, ‘the young person’, ‘the colleagues in it’.",
    advice=True,
)
CONSENT_HOW = TextRule(
    "How they agreed",
    300,
    "Say how they agreed, for example ‘in person at a review meeting’",
    hint="For example, ‘in person at a review meeting’ or ‘by e-mail, after reading it’.",
    advice=True,
)
CONSENT_ON = DateRule(
    "When they agreed",
    "Enter the date they agreed, for example 27 3 2026",
    not_future=True,
    future_message="The date they agreed must be today or in the past",
)
CONSENT_CONFIRMED = "Everyone whose story this touches has agreed to it being shared this way"
CONSENT_NEEDED = "Tick the box to say that everyone whose story this touches has agreed. If someone has not agreed yet, save it as a draft for now"
SEND_BACK_REASON = TextRule(
    "What would help the story before it is shared",
    2000,
    rows=4,
    hint="Kind and specific: what to add, change or take out. The person who shared it reads this.",
)
REASON_NEEDED = "Say what would help the story, so the person who shared it knows what to change"

REACH_NEEDED = "Choose who the story is shared with"
DECISION_NEEDED = "Choose whether to approve the story or send it back"
NOT_AN_AREA = "Choose areas of the continuum from the list"
NOT_A_PRINCIPLE = "Choose principles from the list"
ORGANISATION_NEEDED = "Choose the organisation the story is from"
WITHDRAWN = "This story has been withdrawn, so it cannot be changed"
NOT_WAITING = "This story is not waiting for approval. It may have been approved, sent back or withdrawn already"
