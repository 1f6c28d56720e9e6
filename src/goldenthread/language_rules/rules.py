"""Each field of a rule proposal, written once: its words, its limit and what to say when it is missing. Forms and services both use these."""

from goldenthread.core.rules import TextRule

NAME = TextRule(
    "Short name",
    60,
    "Give the rule a short name, for example ‘calm corner’",
    hint="A few words, used to name the rule (for example ‘calm corner’ becomes partnership.calm-corner).",
)
WORDS = TextRule(
    "Words to find, one on each line",
    2000,
    "Write the words the check should look for",
    rows=4,
    hint="Each word also finds its other forms (‘refuse’ finds ‘refused’). Write =word for this form only, (one|other) for either word, a ? after a word when it may be left out, and * for any one word.",
)
MESSAGE = TextRule(
    "Why these words matter", 1000, "Say why these words matter, in a sentence or two", rows=3, hint="People read this beside their own words, as advice."
)
REFRAMES = TextRule("What to say instead, one on each line (optional)", 1000, rows=3, hint="The best one first.")
MUST_FLAG = TextRule(
    "Examples the rule must find, one on each line",
    3000,
    "Give at least one example the rule must find",
    rows=4,
    hint="Made-up sentences about made-up people, never from a record.",
)
MUST_PASS = TextRule(
    "Examples the rule must leave alone, one on each line",
    3000,
    "Give at least one example the rule must leave alone",
    rows=4,
    hint="Sentences that use the same words in a way that is fine.",
)
WHY = TextRule("Why you propose it", 2000, "Say why you propose it, so the reviewer knows", rows=3)
REVIEW_NOTE = TextRule(
    "Your note to the person who proposed it",
    2000,
    rows=3,
    hint="Needed when you send it back: kind and specific, what to add, change or take out.",
)
SWITCH_REASON = TextRule("Why", 2000, "Say why, so the partnership knows later", rows=3)

MOST_LINES = 20
LONGEST_LINE = 300
TOO_MANY_LINES = f"Give {MOST_LINES} lines or fewer"
LINE_TOO_LONG = f"Keep each line to {LONGEST_LINE} characters or fewer"
CATEGORY_NEEDED = "Choose the kind of language the rule is about"
SEVERITY_NEEDED = "Choose how strongly the check should say it"
DECISION_NEEDED = "Choose whether to approve it or send it back"
NOTE_NEEDED = "Say what would help, so the person who proposed it knows what to change"
NAME_TAKEN = "There is a rule with this name already. Choose another name, or propose a change to that rule"
NAME_UNREADABLE = "Use letters or numbers in the short name"
NO_SUCH_RULE = "There is no rule with this name. Check it against the list of rules"
STILL_OPEN = "This rule has a proposal waiting already. Review or publish that one first, or wait until it is sent back"
NOT_WAITING_FOR_REVIEW = "This version is not waiting for a review. It may have been reviewed already, or a newer version proposed"
NOT_READY_TO_PUBLISH = "This version is not ready to publish: it needs a second person to approve it first"
ALREADY_OFF = "This rule is switched off already"
ALREADY_ON = "This rule is not switched off"
