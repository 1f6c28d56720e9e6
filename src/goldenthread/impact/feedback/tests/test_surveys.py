from goldenthread.impact.feedback import surveys
from goldenthread.language import check


def test_every_word_of_every_survey_passes_the_shared_language_check():
    flagged = [(text, [finding.text for finding in check(text)]) for text in surveys.every_word() if check(text)]
    assert flagged == []


def test_each_survey_has_three_to_five_questions_with_their_own_keys():
    for survey in surveys.all_surveys():
        keys = [question.key for question in survey.questions]
        assert 3 <= len(keys) <= 5, survey.key
        assert len(set(keys)) == len(keys)


def test_there_is_a_survey_after_a_contact_a_plan_a_closure_and_an_open_one():
    assert {survey.when for survey in surveys.all_surveys()} == {"contact", "plan", "closure", "open"}


def test_every_answer_on_the_scale_has_its_own_words_from_not_at_all_to_completely():
    assert surveys.scale()[0] == "Not at all" and surveys.scale()[-1] == "Completely" and len(surveys.scale()) == 5


def test_the_family_is_told_what_happens_to_their_answers():
    assert "at least 5 families" in surveys.words()["what_happens"] and "the box at the end" in surveys.words()["what_happens"]
