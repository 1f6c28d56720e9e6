"""Each field's rule for organisations and their people, written once: the forms build their
fields from these, and the services check them again for every other caller (see `core.rules`).
"""

from goldenthread.core.rules import TextRule

ORGANISATION_NAME = TextRule("Name", 200, "Enter the organisation's name")
AREA = TextRule("Area", 120, hint="The part of the borough it serves, or 'Borough-wide'.")
DESCRIPTION = TextRule("Description", 2000, rows=5, hint="What the organisation does, in a few plain sentences.")

FULL_NAME = TextRule("Full name", 150, "Enter the person's full name")
JOB_TITLE = TextRule("Job title", 150)
EMAIL_LENGTH = 254

# The organisation's text boxes, so the service checks exactly what the form does.
ORGANISATION_TEXT = {"name": ORGANISATION_NAME, "area": AREA, "description": DESCRIPTION}

CHOOSE_A_SECTOR = "Choose one of the sectors listed"
CHOOSE_A_SIZE = "Choose one of the sizes listed"
ENTER_AN_EMAIL = "Enter the person's work e-mail address"
EMAIL_LIKE_THIS = "Enter an e-mail address like name@example.org"
EMAIL_TOO_LONG = f"The e-mail address must be {EMAIL_LENGTH} characters or fewer"
HIDDEN_CHARACTERS = "Remove the hidden characters (they often come from copying and pasting) and try again"

DUPLICATE_NAME = "There is already an organisation with this name. Choose a different name."
ALREADY_A_MEMBER = "This person is already a member of this organisation."
UNKNOWN_ROLE = "Choose one of the roles listed."
NEEDS_A_LEAD = "An organisation needs at least one organisation lead. Make someone else the lead first."
