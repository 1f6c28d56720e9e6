"""The scoring rule, checked two ways: properties that must hold for any answers (hypothesis),
and worked examples a reader can follow with a pencil."""

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.continuum.scoring import BandSpec, DomainSpec, FrameworkSpec, Result, band_for, score

STAGES = (
    BandSpec("aware", "Trauma Aware", 0.0),
    BandSpec("sensitive", "Trauma Sensitive", 1.5),
    BandSpec("responsive", "Trauma Responsive", 2.5),
    BandSpec("informed", "Trauma Informed", 3.25),
)
RANK = {band.code: rank for rank, band in enumerate(STAGES)}


# Strategies ---------------------------------------------------------------------------------


@st.composite
def frameworks(draw):
    """A framework of 1 to 4 domains, each of 1 to 5 statements, with increasing stage minimums."""
    domain_sizes = draw(st.lists(st.integers(1, 5), min_size=1, max_size=4))
    domains = tuple(DomainSpec(code=f"d{d}", title=f"Domain {d}", item_codes=tuple(f"d{d}-i{i}" for i in range(size))) for d, size in enumerate(domain_sizes))
    steps = draw(st.lists(st.sampled_from([0.25, 0.5, 0.75, 1.0, 1.25]), min_size=3, max_size=3))
    minimums = [0.0]
    for step in steps:
        minimums.append(minimums[-1] + step)
    bands = tuple(replace(band, minimum=minimum) for band, minimum in zip(STAGES, minimums, strict=True))
    return FrameworkSpec(domains=domains, bands=bands)


ANSWER = st.one_of(st.none(), st.integers(0, 4))  # None is "I don't know"


@st.composite
def frameworks_and_responses(draw, min_respondents=0):
    framework = draw(frameworks())
    codes = [code for domain in framework.domains for code in domain.item_codes]
    respondent = st.dictionaries(st.sampled_from(codes), ANSWER)  # a missing key is an unanswered item
    responses = draw(st.lists(respondent, min_size=min_respondents, max_size=6))
    return framework, responses


def ranks(result: Result):
    return [None if d.band is None else RANK[d.band] for d in result.domains], (None if result.band is None else RANK[result.band])


def numeric_answers(responses):
    return [(who, code) for who, answers in enumerate(responses) for code, value in answers.items() if value is not None]


# Properties ---------------------------------------------------------------------------------


@settings(max_examples=300)
@given(data=st.data())
def test_raising_any_answer_never_lowers_a_domain_stage_or_the_overall_stage(data):
    framework, responses = data.draw(frameworks_and_responses(min_respondents=1))
    answered = numeric_answers(responses)
    if not answered:
        return
    who, code = data.draw(st.sampled_from(answered))
    before = responses[who][code]
    higher = data.draw(st.integers(before, 4))
    raised = [dict(answers) for answers in responses]
    raised[who][code] = higher

    old_domains, old_overall = ranks(score(framework, responses))
    new_domains, new_overall = ranks(score(framework, raised))

    for old, new in zip(old_domains, new_domains, strict=True):
        assert (old is None and new is None) or new >= old
    assert (old_overall is None and new_overall is None) or new_overall >= old_overall


@given(data=st.data())
def test_the_order_of_respondents_never_matters(data):
    framework, responses = data.draw(frameworks_and_responses())
    shuffled = data.draw(st.permutations(responses))
    assert score(framework, list(shuffled)).as_json() == score(framework, responses).as_json()


@given(frameworks_and_responses())
def test_i_dont_know_counts_the_same_as_leaving_a_statement_unanswered(case):
    framework, responses = case
    without_dont_knows = [{code: value for code, value in answers.items() if value is not None} for answers in responses]
    assert score(framework, without_dont_knows).as_json() == score(framework, responses).as_json()


@given(frameworks_and_responses())
def test_someone_who_answers_i_dont_know_to_everything_changes_no_score(case):
    framework, responses = case
    everything_unknown = {code: None for domain in framework.domains for code in domain.item_codes}
    before = score(framework, responses)
    after = score(framework, [*responses, everything_unknown])
    assert after.respondents == before.respondents + 1
    assert (after.score, after.band, after.capped) == (before.score, before.band, before.capped)
    assert [(d.score, d.band, d.answered_items) for d in after.domains] == [(d.score, d.band, d.answered_items) for d in before.domains]


@given(frameworks_and_responses())
def test_a_domain_gets_a_stage_only_when_at_least_half_its_statements_have_an_answer(case):
    framework, responses = case
    result = score(framework, responses)
    for domain, domain_result in zip(framework.domains, result.domains, strict=True):
        answered = sum(1 for code in domain.item_codes if any(answers.get(code) is not None for answers in responses))
        assert domain_result.answered_items == answered
        if 2 * answered < len(domain.item_codes):
            assert domain_result.band is None and domain_result.score is None
        else:
            assert domain_result.band is not None


@given(frameworks_and_responses())
def test_the_overall_stage_is_never_more_than_one_above_the_lowest_domain_stage(case):
    framework, responses = case
    result = score(framework, responses)
    banded = [RANK[d.band] for d in result.domains if d.band is not None]
    if not banded:
        assert result.band is None and result.score is None
        return
    assert min(banded) <= RANK[result.band] <= min(banded) + 1


@given(frameworks_and_responses())
def test_every_score_stays_on_the_answer_scale(case):
    framework, responses = case
    result = score(framework, responses)
    scores = [result.score] + [d.score for d in result.domains] + [i.score for d in result.domains for i in d.items]
    assert all(0 <= s <= 4 for s in scores if s is not None)


@given(frameworks_and_responses())
def test_a_result_reads_back_from_its_stored_form_unchanged(case):
    framework, responses = case
    result = score(framework, responses)
    assert Result.from_json(result.as_json()) == result


# Worked examples ----------------------------------------------------------------------------

SAFETY_AND_WELLBEING = FrameworkSpec(
    domains=(
        DomainSpec("safety", "Physical and emotional safety", ("safety-welcome", "safety-spaces")),
        DomainSpec("wellbeing", "Staff wellbeing", ("wellbeing-supervision", "wellbeing-support")),
    ),
    bands=STAGES,
)


def test_worked_example_three_colleagues_answer_and_the_middle_answer_counts():
    receptionist = {"safety-welcome": 3, "safety-spaces": 2, "wellbeing-supervision": 1, "wellbeing-support": None}
    manager = {"safety-welcome": 4, "safety-spaces": 2, "wellbeing-supervision": 2, "wellbeing-support": 2}
    director = {"safety-welcome": 3, "safety-spaces": 4, "wellbeing-supervision": 3}  # skipped the last one

    result = score(SAFETY_AND_WELLBEING, [receptionist, manager, director])
    safety, wellbeing = result.domains

    # safety-welcome: answers 3, 4, 3 -> middle value 3.  safety-spaces: 2, 2, 4 -> 2.
    # Safety = (3 + 2) / 2 = 2.5, which is exactly where Trauma Responsive starts.
    assert [item.score for item in safety.items] == [3.0, 2.0]
    assert (safety.score, safety.band) == (2.5, "responsive")
    # wellbeing-supervision: 1, 2, 3 -> 2.  wellbeing-support: only the manager answered, 2.
    # ("I don't know" and the skipped answer are left out, not counted as 0.)
    # Wellbeing = (2 + 2) / 2 = 2.0: Trauma Sensitive (from 1.5 to below 2.5).
    assert [item.answers for item in wellbeing.items] == [3, 1]
    assert (wellbeing.score, wellbeing.band) == (2.0, "sensitive")
    # Overall = (2.5 + 2.0) / 2 = 2.25: Trauma Sensitive.
    assert (result.score, result.band, result.capped) == (2.25, "sensitive", False)
    assert result.respondents == 3


def test_worked_example_answers_two_or_more_points_apart_show_as_a_disagreement():
    receptionist = {"safety-welcome": 1, "safety-spaces": 3}
    director = {"safety-welcome": 3, "safety-spaces": 4}
    welcome, spaces = score(SAFETY_AND_WELLBEING, [receptionist, director]).domains[0].items
    # The front desk says 1, the director says 3: two points apart, so it is worth talking about.
    assert (welcome.lowest, welcome.highest, welcome.disagreement) == (1, 3, True)
    # 3 and 4 are one point apart: close enough.
    assert spaces.disagreement is False
    # With two answers, the middle value is halfway between them: (1 + 3) / 2 = 2.
    assert welcome.score == 2.0


def test_worked_example_a_strong_average_cannot_hide_a_weak_area():
    framework = FrameworkSpec(
        domains=(
            DomainSpec("leadership", "Leadership", ("l1", "l2")),
            DomainSpec("safety", "Safety", ("s1", "s2")),
            DomainSpec("wellbeing", "Staff wellbeing", ("w1", "w2")),
        ),
        bands=STAGES,
    )
    everyone = {"l1": 4, "l2": 4, "s1": 4, "s2": 4, "w1": 1, "w2": 0}
    result = score(framework, [everyone])
    # Leadership 4, safety 4 (Trauma Informed), wellbeing (1 + 0) / 2 = 0.5 (Trauma Aware).
    assert [d.band for d in result.domains] == ["informed", "informed", "aware"]
    # The average, (4 + 4 + 0.5) / 3 = 2.8333, would be Trauma Responsive; the weakest area is
    # Trauma Aware, so the overall stage is held at one above it: Trauma Sensitive.
    assert result.score == 2.8333
    assert (result.band, result.capped) == ("sensitive", True)


def test_worked_example_a_domain_with_too_few_answers_waits_and_the_rest_still_count():
    framework = FrameworkSpec(
        domains=(
            DomainSpec("partnership", "Partnership working", ("p1", "p2", "p3")),
            DomainSpec("language", "Language and recording", ("r1", "r2")),
        ),
        bands=STAGES,
    )
    result = score(framework, [{"p1": 4, "p2": None, "r1": 3, "r2": 4}])
    partnership, language = result.domains
    # Partnership: one of three statements answered, fewer than half, so no stage yet.
    assert (partnership.answered_items, partnership.total_items, partnership.score, partnership.band) == (1, 3, None, None)
    # Language: (3 + 4) / 2 = 3.5, Trauma Informed; the overall comes from the areas with a stage.
    assert (language.score, language.band) == (3.5, "informed")
    assert (result.score, result.band) == (3.5, "informed")


def test_worked_example_one_of_two_statements_is_half_and_is_enough():
    result = score(SAFETY_AND_WELLBEING, [{"safety-welcome": 1}])
    assert (result.domains[0].score, result.domains[0].band) == (1.0, "aware")
    assert result.domains[1].band is None


def test_no_answers_at_all_give_no_stage():
    result = score(SAFETY_AND_WELLBEING, [])
    assert (result.respondents, result.score, result.band) == (0, None, None)
    assert all(d.band is None for d in result.domains)


@pytest.mark.parametrize(
    ("score_value", "stage"),
    [
        (0.0, "aware"),
        (1.49, "aware"),
        (1.5, "sensitive"),
        (2.49, "sensitive"),
        (2.5, "responsive"),
        (3.24, "responsive"),
        (3.25, "informed"),
        (4.0, "informed"),
    ],
)
def test_a_score_reaches_a_stage_at_its_starting_point(score_value, stage):
    assert band_for(score_value, STAGES) == stage


def test_answers_off_the_scale_are_left_out():
    result = score(SAFETY_AND_WELLBEING, [{"safety-welcome": 7, "safety-spaces": -1, "wellbeing-supervision": 2}])
    assert result.domains[0].answered_items == 0
    assert result.domains[1].score == 2.0
