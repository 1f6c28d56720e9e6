"""Each indicator field's rule, used by both the forms and the services (see `core.rules`)."""

import math

from goldenthread.core.rules import DateRule, TextRule

NAME = TextRule("Name", 150, "Enter the indicator's name, for example 'Families who tell their story once'")
DEFINITION = TextRule("What it measures", 2000, "Say what the indicator measures, in plain words", rows=4)
OUTCOME = TextRule("The outcome it shows", 80, "Choose the outcome this indicator shows")
RESPONSIBLE = TextRule("Who is responsible", 150, hint="A person or a team, for example 'Workforce development lead'.")
EVIDENCE = TextRule(
    "Evidence",
    2000,
    "Say where the figure comes from: the evidence for it",
    rows=4,
    hint="Where the figure comes from, so anyone can check it. Counts only: no names.",
)
BASELINE_ON = DateRule("Baseline date", hint="The day the baseline was measured.")
PERIOD_START = DateRule("First day of the period", "Enter the first day of the period the figure is for")
PERIOD_END = DateRule("Last day of the period", "Enter the last day of the period the figure is for")

COMPUTATION_NEEDED = "Choose the computation that gives this indicator its figure"
COMPUTATION_UNKNOWN = "Choose one of the computations shown"
SOURCE_NEEDED = "Choose where the indicator's figure comes from"
UNIT_NEEDED = "Choose what the indicator counts"
DIRECTION_NEEDED = "Choose which way is better"
FREQUENCY_NEEDED = "Choose how often the indicator is looked at"
NUMBER = "Enter a number, for example 45 or 12.5"
MARGIN_NEGATIVE = "Enter the margin as a number of 0 or more"
VALUE_NEEDED = "Enter the figure, as a number"
PERIOD_BACKWARDS = "The last day must be on or after the first day"
PERIOD_FUTURE = "The period must have started by today"
RETIRED = "This indicator is retired, so its figures cannot be entered. Put it back in use first."
COMPUTED_ONLY = "This indicator's figure is computed by the platform, so there is nothing to enter by hand."
PERCENT_RANGE = "A share in per cent is from 0 to 100"


def number_or_none(value, *, field: str, errors: dict, required_message: str | None = None) -> float | None:
    """A number typed as "45", "12.5", "1,200" or "45%"; a missing or unreadable one puts its message in `errors[field]`."""
    if value in (None, ""):
        if required_message:
            errors[field] = required_message
        return None
    try:
        number = float(str(value).strip().replace(",", "").rstrip("%"))
    except (TypeError, ValueError):
        errors[field] = NUMBER
        return None
    if not math.isfinite(number) or abs(number) > 1e12:
        errors[field] = NUMBER
        return None
    return number
