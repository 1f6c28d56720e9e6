"""The feedback part's rules, each written once: the smallest group shown, how long a link works, and the family's own words.

The smallest group (`MINIMUM_ANSWERS`) follows decision 0006's idea (a result needs enough
people that nobody's own answers can be read from it), raised to 5 because a family's answers
are about the help they get: a score, a count, a question's average or a family's words are
shown only for a group of at least 5 answers. The pages, the CSV, the API and the figures all
ask `shown(count)`, so the rule lives here and nowhere else.
"""

from goldenthread.core.rules import TextRule

MINIMUM_ANSWERS = 5
HELD_BACK = f"Fewer than {MINIMUM_ANSWERS} answers: not shown, to protect who answered."
HELD_BACK_SHORT = f"Fewer than {MINIMUM_ANSWERS} answers"
# A total is held back too when the parts held back in it add up to fewer than the smallest group.
GIVES_AWAY = "Not shown: it would show a smaller group"


def shown(count: int | None) -> bool:
    """May a figure made from `count` answers be shown?"""
    return bool(count) and count >= MINIMUM_ANSWERS


LINK_DAYS = 28  # a survey link sent to a family works for four weeks
LOWEST, HIGHEST = 1, 5

IN_OWN_WORDS = TextRule("Anything else you want to tell us (optional)", 2000, rows=5)
NOTHING_ANSWERED = "Answer at least one question, or write to us in the box at the end"
ANONYMOUS_NEEDED = "Choose whether to put your name to your answers"
NOT_A_SCORE = "Choose one of the answers"
SURVEY_NEEDED = "Choose which survey to send"
NOT_A_SURVEY = "Choose one of the surveys in the list"
PERSON_NEEDED = "Choose who to ask"
NOT_IN_FAMILY = "Choose someone in this family"
ORGANISATION_NEEDED = "Choose the organisation the link is for"

# Refusals, in plain words saying what to do.
NOT_IN_TEAM = "Only the team around a family can ask them for feedback. If you work with this family, ask their lead practitioner to add you to the team."
NO_CONTACT = (
    "You cannot see this family's contact details, so you cannot ask them for feedback. "
    "Ask the family's lead practitioner, who can ask them, or record the family's agreement to share their contact details."
)
FAMILY_CLOSED = "This family's record has been anonymised, so they cannot be asked for feedback."
RESULTS_ONLY = "Family feedback results are for the partnership team and organisation leads. If you think you need them, ask your organisation lead."
OPEN_LINKS_ONLY = "Open links are made by the partnership team and each organisation's lead. Ask your organisation lead."
SENDING_ONLY = "Asking families for feedback is for the practitioners in the team around a family."
