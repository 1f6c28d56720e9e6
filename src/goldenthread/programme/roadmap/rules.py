"""Each roadmap field's rule and message, written once: the forms build their fields from these and the services check them again."""

from goldenthread.core.rules import DateRule, TextRule

TITLE = TextRule(
    "Milestone",
    150,
    "Say in a few words what will be in place, for example ‘Every team has had the introductory training’",
    hint="What will be in place, in a few words. Everyone in the partnership can read it.",
    advice=True,
)
DESCRIPTION = TextRule(
    "What it means",
    2000,
    "Say in a sentence or two what reaching it will mean, for the people we work with or for the workforce",
    rows=4,
    hint="What will be different when it is reached, and how we will know.",
)
DUE_ON = DateRule("Date", "Enter the date we aim to reach it by, for example 30 6 2026")
REACHED_ON = DateRule(
    "Date it was reached",
    "Enter the date it was reached, for example 27 3 2026",
    not_future=True,
    future_message="The date it was reached must be today or in the past",
)
REACHED_NOTE = TextRule("What it looked like (optional)", 1000, rows=3, hint="A line or two for the history: what helped, or who made it happen.")
NEW_DUE_ON = DateRule("New date", "Enter the new date, for example 30 9 2026")
SAME_DATE = "Enter a date that is not the one it has now, or go back to keep it"
MOVE_REASON = TextRule(
    "Why it is moving",
    1000,
    "Say in a few words why the date is moving, for the people who plan around it",
    rows=3,
    hint="Moving a date is part of planning. A few words help everyone plan around it.",
)
DROP_REASON = TextRule(
    "Why it is dropped",
    1000,
    "Say in a few words why it is dropped, so the history explains it",
    rows=3,
    hint="For example, the work is now part of another milestone. The milestone stays in the history.",
)

NOT_A_PROGRAMME = "Choose the programme the milestone belongs to"
PROGRAMME_CLOSED = "This programme is closed, so its roadmap is kept as it is. Choose an open programme, or ask the partnership team"
NOT_FOR_WHOM = "Choose who the milestone is for: the whole system, a sector or an organisation"
NOT_A_SECTOR = "Choose one of the sectors listed"
NOT_A_DOMAIN = "Choose areas of the continuum from the list"
NOT_A_PRINCIPLE = "Choose principles from the list"
NOT_AN_ACTION = "Choose actions from the list: each from a workstream of the milestone's own programme"
NOT_OPEN = {
    "reached": "This milestone is already reached, so it cannot be changed that way. Its history is kept",
    "dropped": "This milestone is dropped, so it cannot be changed. Its history is kept",
}
