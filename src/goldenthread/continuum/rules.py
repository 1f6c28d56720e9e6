"""Each field's rule for the self-assessment, written once: the forms build their fields from
these, and the services check them again for every other caller (see `core.rules`).

The action plan's fields (what, who, when, status) are the shared ones in `core.action_plan`.
"""

from goldenthread.core.rules import TextRule

ROUND_TITLE = TextRule(
    "The name of the round",
    120,
    "Enter a name for this round, for example ‘Spring 2026’",
    hint="Something your colleagues will recognise, for example ‘Spring 2026’.",
)
ROUND_TITLE_LABEL = "Name this round"
EVIDENCE = TextRule("The evidence", 2000, rows=2)
ROLE_DESCRIPTION = TextRule(
    "Your role",
    150,
    hint="For example: receptionist, social worker, team manager, director. It helps the lead see whose views are in; your name is never shown beside your answers.",
)
ROLE_DESCRIPTION_LABEL = "Your role (optional)"

CHOOSE_A_FRAMEWORK = "Choose one of the frameworks listed"
CHOOSE_AN_ANSWER = "Choose one of the answers listed, or ‘I don't know’"

AREA_REQUIRED = "Choose the area this action is for"
AREA_UNKNOWN = "Choose one of the areas listed"
AREA_NOT_IN_ROUND = "Choose one of the areas of the framework this round used"
ANOTHER_ORGANISATIONS_ROUND = "This action belongs to another organisation's assessment."
