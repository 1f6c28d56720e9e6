"""The GOV.UK date field: three boxes, the month as a number or a word, and messages that say what to type."""

import datetime

import pytest
from django import forms

from goldenthread.core.forms import DateField, DateWidget, month_number


class VisitForm(forms.Form):
    visited_on = DateField(label="When was the visit?")
    next_on = DateField(label="Next visit", required=False)


def typed(day, month, year, **more):
    return {"visited_on_0": day, "visited_on_1": month, "visited_on_2": year, **more}


def error_for(day, month, year):
    form = VisitForm(typed(day, month, year))
    assert not form.is_valid()
    return form.errors["visited_on"]


@pytest.mark.parametrize("month", ["3", "03", "March", "march", "MARCH", "mar", "Mar.", " Mar ", "marc"])
def test_the_month_can_be_typed_as_a_number_or_a_word(month):
    form = VisitForm(typed("27", month, "2026"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["visited_on"] == datetime.date(2026, 3, 27)


@pytest.mark.parametrize("month, number", [("September", 9), ("sept", 9), ("Sep", 9), ("dec", 12), ("january", 1), ("Jun", 6), ("jul", 7)])
def test_every_month_name_and_its_short_form_is_understood(month, number):
    assert month_number(month) == number


def test_september_in_full_fits_the_month_box():
    form = VisitForm(typed("1", "September", "2026"))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["visited_on"] == datetime.date(2026, 9, 1)


@pytest.mark.parametrize("month", ["ma", "ju", "Marchh", "smarch", "x", "3rd", "?"])
def test_a_month_that_is_not_a_month_asks_for_a_number_or_a_word(month):
    assert error_for("27", month, "2026") == ["Enter the month as a number or a word, for example 3 or March"]


def test_a_very_long_month_asks_for_a_number_or_a_word_rather_than_counting_characters():
    assert error_for("27", "Marchmarchmarch", "2026") == ["Enter the month as a number or a word, for example 3 or March"]


def test_a_day_that_is_not_a_number_asks_for_one():
    assert error_for("twenty", "3", "2026") == ["Enter the day as a number, for example 27"]


@pytest.mark.parametrize("year", ["twenty", "26", "20266"])
def test_a_year_that_is_not_four_numbers_asks_for_four(year):
    assert error_for("27", "3", year) == ["Enter the year as 4 numbers, for example 2026"]


def test_a_day_the_month_does_not_have_says_how_many_days_it_has():
    assert error_for("31", "2", "2026") == ["Enter a real date: February 2026 has 28 days"]
    assert error_for("30", "feb", "2028") == ["Enter a real date: February 2028 has 29 days"]
    assert error_for("0", "3", "2026") == ["Enter a real date: March 2026 has 31 days"]


def test_a_thirteenth_month_says_the_months_are_1_to_12():
    assert error_for("1", "13", "2026") == ["Enter a real date: the month is a number from 1 to 12, or a word such as March"]


def test_a_year_far_in_the_past_or_future_says_which_years_are_taken():
    assert error_for("1", "3", "1066") == ["Enter a real date: the year is from 1900 to 2200"]


def test_a_missing_part_says_which_part_to_add():
    assert error_for("27", "", "2026") == ["Enter the month as well, for example 27 3 2026"]
    assert error_for("", "", "2026") == ["Enter the day and the month as well, for example 27 3 2026"]


def test_an_empty_required_date_asks_for_the_date():
    assert error_for("", "", "") == ["Enter the date, for example 27 3 2026"]


def test_an_optional_date_may_be_left_empty_but_not_half_typed():
    empty = VisitForm(typed("1", "3", "2026"))
    half = VisitForm(typed("1", "3", "2026", next_on_0="4"))

    assert empty.is_valid()
    assert empty.cleaned_data["next_on"] is None
    assert half.errors["next_on"] == ["Enter the month and the year as well, for example 27 3 2026"]


def test_a_date_shown_again_fills_the_three_boxes():
    assert DateWidget().decompress(datetime.date(2026, 3, 7)) == ["7", "3", "2026"]
    assert DateWidget().decompress(None) == [None, None, None]


@pytest.mark.parametrize("part", ["\x00", "1\x00"])
def test_a_character_we_cannot_store_asks_for_the_part_again(part):
    assert error_for(part, "3", "2026") == ["Enter the day as a number, for example 27"]
