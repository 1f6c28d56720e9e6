"""Each field's rule and message in the work part, written once: the forms build their fields from these and the services check them again.

An action's own fields (what, who owns it, due date, status) are the shared action plan's
(`core.action_plan`); here are only what the workstreams add.
"""

from goldenthread.core.rules import DateRule, TextRule

# Programmes
PROGRAMME_NAME = TextRule("Name", 150, "Enter the programme's name", advice=True)
PROGRAMME_PURPOSE = TextRule("What it is for", 2000, "Say in a sentence or two what the programme is for", rows=5)
PROGRAMME_STARTS = DateRule("Starts on", "Enter the date the programme starts, for example 1 4 2026", hint="For example, 1 4 2026")
PROGRAMME_ENDS = DateRule("Ends on (optional)", hint="Leave it empty if there is no end date yet")
ENDS_BEFORE_START = "The end date must be after the start date"

# Workstreams
WORKSTREAM_NAME = TextRule("Name", 150, "Enter the workstream's name", advice=True)
WORKSTREAM_PURPOSE = TextRule("What it is for", 2000, "Say in a sentence or two what the workstream is for", rows=5)
PRINCIPLES_NEEDED = "Choose at least one of the principles this workstream serves"
PRINCIPLE_UNKNOWN = "Choose principles from the list"
LEAD_EMAIL_LABEL = "The lead's e-mail address"
LEAD_EMAIL_HINT = "The person who leads the workstream. They must work in one of the partnership's organisations, or be on the partnership team."
LEAD_NEEDED = "Enter the e-mail address of the person who will lead the workstream"
LEAD_NOT_WORKFORCE = "Enter the e-mail address of someone who works in one of the partnership's organisations, for example name@organisation.example"
RHYTHM_NEEDED = "Choose how often the workstream meets"
WEEKDAY_NEEDED = "Choose the day the workstream meets"
PROGRAMME_CLOSED = "This programme is closed, so it takes no new workstreams. Open it again first."

# Members
MEMBER_EMAIL_LABEL = "Their e-mail address"
MEMBER_NEEDED = "Enter the e-mail address of the person to add"
MEMBER_NOT_WORKFORCE = LEAD_NOT_WORKFORCE
ALREADY_A_MEMBER = "They are already on this workstream"
THE_LEAD_STAYS = "The lead stays on the workstream. Choose a new lead first, then take them off."

# Meetings
MEETING_DAY = DateRule(
    "Date of the meeting",
    "Enter the date of the meeting, for example 3 3 2026",
    not_future=True,
    future_message="The date of the meeting must be today or in the past",
    hint="For example, 3 3 2026",
)
MEETING_NOTES = TextRule(
    "Notes",
    5000,
    "Write a few notes: what you talked about and what you agreed",
    rows=10,
    hint="What you talked about, what you agreed and anything to follow up. Everyone in the partnership's workforce can read them, so write about the work, not about families.",
)
WHO_CAME_LABEL = "Who came"
NOT_A_MEMBER = "Choose people from the list of members"

# Actions: where they came from, moving and cancelling
FROM_A_MEETING_NEEDED = "Choose the meeting this action came from, or ‘Not from a meeting’"
FROM_A_MEETING_UNKNOWN = "Choose one of the meetings listed"
NEW_DUE_ON = DateRule("New due date", "Enter the new due date, for example 27 3 2026", hint="For example, 27 3 2026")
SAME_DATE = "Choose a date other than the one it is due on now"
WHY_MOVED = TextRule("Why it moved (optional)", 500, rows=3, hint="A few words for the group, so the history makes sense later.")
WHY_CANCELLED = TextRule("Why it is cancelled", 500, "Say in a few words why it is cancelled, so the group knows", rows=3)
ACTION_CANCELLED = "This action was cancelled, so it cannot be changed. Add a new action if the work is needed again."
ACTION_DONE = "This action is already done, so it does not need a new date."

# Joining a workstream
JOIN_MESSAGE = TextRule(
    "What you would like to bring (optional)",
    1000,
    rows=4,
    hint="A few words for the lead: why you would like to join, or what you could offer.",
)
JOIN_REPLY = TextRule("A note to them (optional)", 1000, rows=3, hint="They will see it in their e-mail and on the page where they asked.")
DECISION_NEEDED = "Choose whether to welcome them onto the workstream"
ALREADY_ON_IT = "You are already on this workstream"
ALREADY_ASKED = "You have already asked to join this workstream. The lead will answer soon."
NOT_TAKING_PEOPLE = "This workstream has finished, so it is not taking new members"
ALREADY_DECIDED = "This request has already been answered"
