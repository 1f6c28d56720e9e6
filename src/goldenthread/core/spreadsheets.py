"""Cells a spreadsheet shows as text and never runs: the one guard every CSV the platform writes uses.

A spreadsheet treats a cell that starts with = + - or @ as a formula, and a tab or carriage
return before one does not stop it. Some spreadsheets also read the full-width forms
(＝ ＋ － ＠, as a Japanese or Chinese keyboard types them) and other compatibility forms
(such as the small ﹦ and ﹢) as the plain ones. So the first character is compared in its
compatibility form (Unicode NFKC), and a cell that could start a formula gets a leading
apostrophe: the spreadsheet shows the text as it is and never evaluates it.

Pure Python: imports nothing of the project, so every app may use it.
"""

import unicodedata

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """True when a spreadsheet could read the text as the start of a formula."""
    if not text:
        return False
    return unicodedata.normalize("NFKC", text[0]).startswith(FORMULA_STARTS)


def safe_cell(value) -> str:
    """The value as text a spreadsheet shows and never evaluates; None is an empty cell, NUL is dropped."""
    text = "" if value is None else str(value)
    text = text.replace("\x00", "")
    return "'" + text if looks_like_formula(text) else text
