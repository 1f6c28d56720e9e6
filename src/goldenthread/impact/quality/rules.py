"""Each quality field and rule, written once: forms and services both use these."""

from goldenthread.core.rules import TextRule

# Figures about fewer records than this are held back, so no one family's record can be picked out.
MIN_GROUP = 5

# How many records a round may ask for.
SMALLEST_SAMPLE, LARGEST_SAMPLE = 1, 50

NOTE = TextRule(
    "A note (optional)",
    2000,
    rows=3,
    hint="What you saw, and what would help. Use no names of families or children.",
)
SKIP_REASON = TextRule(
    "Why this record is left out",
    500,
    "Say in a sentence why this record is left out of the audit",
    rows=3,
)

AUDIT_DETAIL = "quality audit: reading the record to grade it"
SAMPLE_DETAIL = "quality audit"

NOT_AN_AUDITOR = (
    "Auditing records is for the auditors the partnership team has appointed, and for the partnership team. "
    "If you think you should audit, talk with the partnership team."
)
NOT_FOR_YOU = (
    "Quality assurance of records is for auditors, the partnership team and organisation leads. If you think it should include you, ask your organisation lead."
)
ONLY_THE_TEAM = "Only the partnership team appoints auditors. If you think someone should audit, talk with the partnership team."
ONLY_YOUR_ROUND = "Only the auditor a round was drawn for reads and grades its records."
STAFF_ONLY = "Choose a person who works in the partnership: a family member's own account cannot audit."
ALREADY_AUDITOR = "They are already an auditor"
NOT_AN_AUDITOR_NOW = "They are no longer an auditor"
CHOOSE_AUDITOR = "Choose the auditor to draw the sample for"
CHOOSE_PERSON = "Choose the person to appoint"
SIZE_WORDS = f"Enter how many records to draw, a number from {SMALLEST_SAMPLE} to {LARGEST_SAMPLE}"
START_AFTER_END = "The first day must be on or before the last day"
FINISHED = "This record's grades are finished and kept as they are. If something needs correcting, add a note to the next round."
NOT_WAITING = "This record has already been graded or left out"
GRADE_EVERY_QUESTION = "Choose a grade for this question"
NO_LONGER_SEEN = "You may no longer see this record, so it cannot be graded."


def nothing_to_draw(who: str) -> str:
    """Said when the auditor may see no family's record in the period: why, and what to do."""
    return (
        f"There is no family's record in this period that {who} may see, so there is nothing to draw. "
        "An auditor reads only what the families access rule lets them see: the records of families whose team they are in, "
        "in the parts the family has agreed their organisation may see. "
        "Choose a longer period or all organisations, or appoint an auditor who works with families in this organisation."
    )


def fewer_than_asked(drawn: int, asked: int, who: str) -> str:
    return (
        f"{drawn} {'record was' if drawn == 1 else 'records were'} drawn, not the {asked} asked for: "
        f"{'that is' if drawn == 1 else 'those are'} all the records in this period that {who} may see."
    )
