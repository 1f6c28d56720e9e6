"""Each field's rule and each message for group supervision, written once.

The forms build their fields from these rules (`rule.form_field()`), so a person hears what
to fix at once; the services check the same rules again (`rule.clean(...)`), because the
API, the tests and other callers do not pass through a form. A limit or a message lives
here and nowhere else.
"""

from goldenthread.core.rules import DateRule, TextRule

# --- asking for a session ---------------------------------------------------------------------

KIND_MESSAGE = "Choose group supervision or a learning conversation"
FORMAT_MESSAGE = "Choose online or in person"
SITUATION_REFERENCE = TextRule(
    "Initials or a reference for the child or family",
    40,
    "Enter initials or a reference for the child or family, not their name",
    hint="Used instead of names, for example 'J.T., aged 9' or the family reference.",
)
PURPOSE = TextRule(
    "What you would like to think about together",
    3000,
    "Say what you would like to think about together",
    rows=5,
    hint="A few lines are enough. Leave out names and anything the others do not need to know.",
)
LOCATION = TextRule("Where, or the meeting link", 300, hint="A room and address, or a link to the online meeting")
PROPOSED_START_MESSAGE = "Enter the date and time you propose"

# --- inviting, answering, arranging, cancelling -----------------------------------------------

INVITEES_MESSAGE = "Choose at least one person to invite"
RESPONSE_MESSAGE = "Choose whether you can take part"
FACILITATOR_MESSAGE = "Choose who will facilitate the session"
MANAGER_MESSAGE = "Choose the accountable manager, who confirms actions that change the child's plan"
SESSION_START_MESSAGE = "Enter the date and time of the session"
CANCELLATION_REASON = TextRule("Why the session is cancelled", 500, "Say why the session is cancelled", rows=3)

# --- the record of the session ----------------------------------------------------------------

RECORD_TEXT = {
    "meaning_for_child": TextRule("What does this mean for the child or family?", 6000, rows=4),
    "impact": TextRule("What is the impact?", 6000, rows=4),
    "informs_risk": TextRule("How does this inform risk?", 6000, rows=4),
    "reflected_in_planning": TextRule("How is this reflected in our planning?", 6000, rows=4),
    "going_well": TextRule("What is going well", 6000, rows=4),
    "risks_and_needs": TextRule("Risks and needs", 6000, rows=4),
    "safety_plan": TextRule("The plan to keep the child safe", 6000, rows=4),
    "helping": TextRule("What is helping agencies work together", 6000, rows=4),
    "getting_in_the_way": TextRule("What is getting in the way", 6000, rows=4),
    "own_themes": TextRule("Other themes, in your words", 500, advice=True),
}
EMPTY_RECORD = "Nothing was saved: the record is empty. Write in at least one box, choose a theme or enter the date it was held, then save"
HELD_ON = DateRule("When the session was held", not_future=True, future_message="The date the session was held must be today or in the past")
THEMES_MESSAGE = "Choose themes from the list, or write your own in the box below"
ATTENDED_MESSAGE = "Choose people from the list of attendees"
COMMITMENT = TextRule("What we will do differently", 2000, "Say what the agency will do differently", rows=3)
WELLBEING_NOTE = TextRule(
    "The impact of this work on us, and what would help",
    4000,
    rows=6,
    hint="Only the people who took part in this session can read this. It is never counted in figures.",
)
CHRONOLOGY_SUMMARY = TextRule(
    "Brief summary for the family's chronology",
    1500,
    "Write a brief summary for the family's chronology",
    rows=4,
    hint="A few lines: that the session happened, and what was agreed for the child. Not the whole discussion.",
)
CHRONOLOGY_MEANING = TextRule("What it means for the child", 2000, advice=True)

# --- actions ----------------------------------------------------------------------------------

ACTION_DESCRIPTION = TextRule("What will be done", 500, "Say what will be done", advice=True)
OWNER_MESSAGE = "Choose who will do it from the people taking part"
DUE_ON = DateRule("By when", "Enter the date it will be done by", not_past=True, hint="For example, 27 3 2026")
DONE_NOTE = TextRule("What was done", 1000, "Say what was done", rows=3, hint="A short note, so everyone who took part knows.")
CANCEL_REASON = TextRule(
    "Why it is cancelled",
    1000,
    "Say why the action is cancelled",
    rows=3,
    hint="The action stays in the record, with your reason.",
)
CONFIRM_NOTE = TextRule(
    "Your note as accountable manager",
    1000,
    "Add a note about why you confirm it",
    rows=3,
    hint="This action changes the child's plan. Once you confirm it, it is final and open.",
)
NEW_DUE_ON = DateRule("New date", "Enter the new date it will be done by", not_past=True, hint="For example, 27 3 2026")
MOVE_REASON = TextRule("Why it is moving", 1000, "Say why the date is moving", rows=3)
