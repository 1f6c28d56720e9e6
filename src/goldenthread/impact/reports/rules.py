"""Each field's rule and message in board reports, written once: the forms build their fields from these and the services check them again."""

from goldenthread.core.rules import DateRule, TextRule

TITLE = TextRule("Title", 150, "Enter the report's title, for example 'Report to the Safeguarding Children Partnership, spring 2026'", advice=True)
STARTS = DateRule("The period's first day", "Enter the period's first day, for example 1 1 2026", hint="For example, 1 1 2026")
ENDS = DateRule("The period's last day", "Enter the period's last day, for example 31 3 2026", not_future=True, hint="For example, 31 3 2026")
COMMENTARY = TextRule(
    "Commentary",
    10_000,
    None,
    rows=12,
    hint="What the figures mean, what went well and what the partnership will do next, for the board. It is checked against the shared language before it is saved.",
)
WHO_LABEL = "Who the report is about"
WHO_UNKNOWN = "Choose the whole partnership or one of the organisations in the list"
ENDS_BEFORE_START = "The period's last day must be on or after its first day"
ALREADY_FINAL = "This report is already final, so it stays as it is."
