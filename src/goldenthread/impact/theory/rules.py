"""Each theory-of-change field's rule and message, written once: the forms build their fields from these and the services check them again."""

from goldenthread.core.rules import TextRule

OUTCOME_TITLE = TextRule(
    "Outcome",
    200,
    "Say in a few words what we hope will change, for example ‘Children feel heard’",
    hint="What will be different, in a few words, from the point of view of the people it is for.",
    advice=True,
)
OUTCOME_DESCRIPTION = TextRule(
    "What it means (optional)",
    2000,
    rows=4,
    hint="What it looks like when it happens, in a sentence or two.",
)
KEY = TextRule(
    "Key (optional)",
    80,
    hint="A short name made of small letters and dashes, for example children-feel-heard. It stays the same in every version, so the indicators follow the outcome. Leave it empty to make one from the outcome's words.",
)
ACTIVITY_TITLE = TextRule(
    "Activity",
    200,
    "Say in a few words what the partnership does, for example ‘Group supervision across agencies’",
    hint="What we do, in a few words.",
    advice=True,
)
ACTIVITY_DESCRIPTION = TextRule("What it involves (optional)", 2000, rows=4, hint="Who takes part and how, in a sentence or two.")
ASSUMPTION = TextRule(
    "Assumption",
    1000,
    "Write what we take to be true for the activities to lead to the outcomes",
    rows=3,
    hint="If it stopped being true, the theory of change would need another look.",
)
NOTE = TextRule(
    "What changed",
    2000,
    "Say in a sentence or two what changed in this version, so everyone can follow the history",
    rows=4,
    hint="Everyone in the partnership reads this with the version, for example ‘Added an outcome for the workforce’s wellbeing’.",
)

NOT_A_HORIZON = "Choose how soon we hope to see it: short, medium or long term"
NOT_FOR_WHOM = "Choose who it is for: children, families, the workforce or the system"
NOT_AN_OUTCOME = "Choose outcomes from the list: each from this draft"
KEY_NOT_A_SLUG = "Write the key with small letters, numbers and dashes only, for example children-feel-heard"
KEY_TAKEN = "Another outcome in this draft has this key. Choose another, or change that outcome instead"
NOT_A_DRAFT = "This version is published, so it is kept as it is. Start a new draft to change the theory of change"
NO_OUTCOMES = "Add at least one outcome before publishing"
