"""The one spreadsheet guard: a cell that could start a formula is shown as text, and nothing else changes."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.core.spreadsheets import FORMULA_STARTS, looks_like_formula, safe_cell

FULL_WIDTH_STARTS = ["\uff1d", "\uff0b", "\uff0d", "\uff20"]  # ＝ ＋ － ＠


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", "\t=1+1", "\r=1+1"])
def test_a_cell_starting_like_a_formula_gets_a_leading_apostrophe(value):
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("start", FULL_WIDTH_STARTS)
def test_a_cell_starting_with_a_full_width_formula_sign_gets_a_leading_apostrophe(
    start,
):
    value = f'{start}HYPERLINK("http://bad.example")'
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("start", ["\ufe66", "\ufe62", "\ufe63", "\ufe6b"])  # the small forms ﹦ ﹢ ﹣ ﹫
def test_other_compatibility_forms_of_the_formula_signs_are_made_safe_too(start):
    assert safe_cell(start + "1") == "'" + start + "1"


def test_ordinary_text_a_number_and_an_empty_cell_are_left_as_they_are():
    assert safe_cell("Riverbend Homes") == "Riverbend Homes"
    assert safe_cell("Trauma Informed") == "Trauma Informed"
    assert safe_cell(3) == "3"
    assert safe_cell("2.50") == "2.50"
    assert safe_cell("") == ""
    assert safe_cell(None) == ""


def test_a_sign_after_the_first_character_is_harmless_and_kept():
    assert safe_cell("a=1") == "a=1"
    assert safe_cell("Jo \uff1d Sam") == "Jo \uff1d Sam"


def test_nul_characters_are_dropped_before_the_first_character_is_checked():
    assert safe_cell("a\x00b") == "ab"
    assert safe_cell("\x00=1+1") == "'=1+1"


@given(st.text())
def test_no_cell_ever_reaches_a_spreadsheet_starting_like_a_formula(value):
    cell = safe_cell(value)
    assert "\x00" not in cell
    assert not cell or unicodedata.normalize("NFKC", cell[0]) not in FORMULA_STARTS


@given(st.text())
def test_the_guard_only_ever_adds_one_apostrophe_in_front(value):
    cell = safe_cell(value)
    text = value.replace("\x00", "")
    assert cell == ("'" + text if looks_like_formula(text) else text)


@given(st.text(alphabet=st.characters(whitelist_categories=("L", "N", "Zs")), min_size=1))
def test_text_starting_with_a_letter_a_digit_or_a_space_is_never_changed(value):
    assert safe_cell(value) == value
