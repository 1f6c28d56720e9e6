"""Each field's rule for a family's record, written once: the forms build their fields from these,
the services check them again for every other caller (see `core.rules`), and the models take
their lengths from them. Messages that are not about one field's length or absence (a choice
from a list, two fields that go together) are named here too, so the form and the service say
the same thing.

This module imports no model, so `models.py` may import it.
"""

from dataclasses import replace

from goldenthread.core.rules import DateRule, TextRule

VERSION_PROBLEM = "Something went wrong with this form. Go back to the record and try again"

# The family ------------------------------------------------------------------------------------

FAMILY_NAME = TextRule("How the family would like to be known", 150, "Enter how the family would like to be known", hint="For example, the Rivers family")
CONTACT_DETAILS = TextRule("Contact details", 2000, rows=3, hint="Address, phone numbers, and how the family prefers to be contacted")
# The record may be without a note (older and anonymised records have none), so the service
# does not ask for one; the page where a family is recorded does.
LAWFUL_BASIS_NOTE = TextRule("Why this basis applies", 500, advice=True)
LAWFUL_BASIS_NOTE_WHEN_RECORDING = replace(LAWFUL_BASIS_NOTE, required_message="Say why this lawful basis applies")
CHOOSE_A_LAWFUL_BASIS = "Choose the lawful basis for holding and sharing the record"
ADD_THE_CHILD = "Add at least the child or young person at the centre"
ONE_CHILD_AT_THE_CENTRE = "Choose one child or young person to be at the centre of the record"

# Search before create ---------------------------------------------------------------------------

SEARCH_FAMILY_NAME = TextRule("Family name", 150, hint="The surname, or the name the family uses")
CHILD_FIRST_NAME = TextRule("The child or young person's first name", 100)
CHILD_DATE_OF_BIRTH = DateRule("Their date of birth", hint="For example, 27 3 2015")
DATE_OF_BIRTH_WITH_THE_NAME = "Enter the child's date of birth as well as their first name"
NAME_WITH_THE_DATE_OF_BIRTH = "Enter the child's first name as well as their date of birth"
ENTER_SOMETHING_TO_SEARCH_FOR = "Enter the family name, or the child's first name and date of birth"

# A person in the household ----------------------------------------------------------------------

FIRST_NAME = TextRule("First name", 100, "Enter their first name")
LAST_NAME = TextRule("Last name", 100)
PREFERRED_NAME = TextRule("What they like to be called", 100)
PRONOUNS = TextRule("Pronouns", 40, hint="For example, she/her, he/him, they/them")
DATE_OF_BIRTH = DateRule("Date of birth", not_future=True, hint="For example, 27 3 2015. Leave it empty if you do not know it")
CHOOSE_WHO_THEY_ARE = "Choose who they are in the family"
RELATIONSHIP = TextRule("Relationship", 150, "Say how they are related, in the family's words", hint="For example: mum, step-dad, older sister.", advice=True)

# The story ----------------------------------------------------------------------------------------

STORY = TextRule(
    "The story, in the family's words",
    20_000,
    "Write the family's story, in their words",
    rows=12,
    hint="Use the family's own words where you can. You can add more later.",
)
WHO_WAS_THERE = TextRule("Who was there", 500, "Say who was there when the story was told", hint="For example: Mum, Jamie (aged 9), and me", advice=True)
TOLD_ON = DateRule("When it was told", "Enter the date the story was told", not_future=True)
HOW_AGREED = TextRule(
    "How the family agreed to it being recorded",
    500,
    "Say how the family agreed to the story being recorded",
    hint="For example: Mum read it back with me and agreed it at the visit",
    advice=True,
)

# One-page profiles -------------------------------------------------------------------------------

LIKED_AND_ADMIRED = TextRule("What people like and admire about me", 4000, rows=6)
IMPORTANT_TO_ME = TextRule("What is important to me", 4000, rows=6)
HOW_TO_SUPPORT_ME = TextRule("How best to support me", 4000, rows=6)
WRITTEN_WITH = TextRule("Who wrote it with me", 300, hint="For example: Jamie, with Riley from Children's Services", advice=True)
WRITE_ONE_PART_OF_THE_PROFILE = "Write at least one part of the profile"
# Written by the family member themselves, on their own pages: theirs, never changed by the team.
IN_MY_OWN_WORDS = TextRule("What I want people to know about me", 4000, rows=6, hint="In your own words. The people in your team will see it, marked as yours.")
ONLY_THEIR_OWN_WORDS = "Only the person themselves can write what they want people to know about them."

# The chronology -----------------------------------------------------------------------------------

OCCURRED_ON = DateRule("When it happened", "Enter the date it happened", not_future=True)
WHAT_HAPPENED = TextRule("What happened", 2000, "Say what happened", rows=4)
MEANING_FOR_CHILD = TextRule("What it meant for the child or young person", 2000, "Say what it meant for the child or young person", rows=4)
SOURCE_LENGTH = 40

# The team ----------------------------------------------------------------------------------------

JOIN_REASON = TextRule(
    "Why you need to join the team",
    500,
    "Say why you need to join the team around this family",
    rows=3,
    hint="For example: I am the family's health visitor and we have a visit planned next week.",
)

# The family's agreement ---------------------------------------------------------------------------

VALID_FROM = DateRule("From", "Enter the date the agreement starts")
VALID_UNTIL = DateRule("Until", hint="Leave it empty if the family has not set an end date. For example, 27 3 2027")
GIVEN_BY_NAME = TextRule("Their name", 150, "Enter the name of the person who gave the agreement", hint="If it was someone not listed")
WITHDRAWAL_NOTE = TextRule("Anything to note about the withdrawal", 500, hint="Optional. For example: Mum asked by phone", advice=True)
ENDS_BEFORE_IT_STARTS = "The end date must be the same as or after the start date"
CHOOSE_THE_ORGANISATION = "Choose the organisation the family agrees may see their record"
ALREADY_SEES_IT = "The organisation holding the record already sees it; choose another organisation"
CHOOSE_SOMEONE_IN_THE_HOUSEHOLD = "Choose someone in this household"
CHOOSE_THE_PARTS = "Choose which parts of the record the organisation may see"
CHOOSE_PARTS_FROM_THE_LIST = "Choose parts of the record from the list"
CHOOSE_HOW_IT_WAS_GIVEN = "Choose how the agreement was given"

# Emergency access and its review ------------------------------------------------------------------

EMERGENCY_REASON_MIN = 20
EMERGENCY_REASON = TextRule(
    "Why you need to open this record now",
    2000,
    "Say why you need to open this record now",
    rows=5,
    hint=f"At least {EMERGENCY_REASON_MIN} characters. The data protection lead will read this.",
)
EMERGENCY_REASON_TOO_SHORT = f"Say more about why you need to open this record now: at least {EMERGENCY_REASON_MIN} characters"
REVIEW_NOTE = TextRule("Your note", 1000, rows=3, hint="Optional when justified. Say what should happen next if it was not.")
CHOOSE_JUSTIFIED_OR_NOT = "Choose justified or not justified"
SAY_WHY_NOT_JUSTIFIED = "Say why it was not justified and what should happen next"


def emergency_reason_problem(reason: str) -> str | None:
    """What is wrong with an emergency reason that was given but says too little, or None."""
    if reason and len(reason) < EMERGENCY_REASON_MIN:
        return EMERGENCY_REASON_TOO_SHORT
    return None


# Retention and closing ----------------------------------------------------------------------------

FEWEST_YEARS, MOST_YEARS = 1, 100
YEARS_BETWEEN = f"Enter a number of years between {FEWEST_YEARS} and {MOST_YEARS}"
AT_LEAST_FEWEST_YEARS = f"Enter at least {FEWEST_YEARS} year"
AT_MOST_MOST_YEARS = f"Enter {MOST_YEARS} years or fewer"
CHOOSE_WHAT_HAPPENS = "Choose whether records are anonymised or erased"
CLOSED_ON = DateRule(
    "When the team's work with the family ended",
    not_future=True,
    hint="Leave it empty to close the record today. For example, 27 3 2026",
    future_message="The date must be today or in the past: a record cannot be closed ahead of time",
)
