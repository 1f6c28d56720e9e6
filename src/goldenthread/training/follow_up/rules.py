"""The follow-up form's rule and messages, written once: the form builds its fields from these, the service checks them again."""

from datetime import timedelta

from goldenthread.core.rules import TextRule

from .questions import follow_up_questions

FOLLOW_UP_AFTER = timedelta(days=91)  # three months (13 weeks) after the day the course was completed
FOLLOW_UP_HOUR = 10  # in the morning, local time

IN_OWN_WORDS = TextRule(
    follow_up_questions().own_words_label or "Anything else that has changed",
    2000,
    rows=4,
    hint=follow_up_questions().own_words_hint,
)
ANSWER_MESSAGE = "Choose an answer to: {question}"
NOT_YOURS = "This follow-up was sent to someone else. If you completed a course, yours will come by e-mail three months after it."
UNKNOWN_QUESTION = "Something on the page was not recognised. Reload the page and try again"
