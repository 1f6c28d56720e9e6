"""Frameworks as data: the shipped files, reading and checking a file, versions, export and import."""

import tomllib

import pytest
from django.core.exceptions import PermissionDenied
from hypothesis import given
from hypothesis import strategies as st

from goldenthread.continuum import frameworks, services
from goldenthread.continuum.frameworks import (
    FrameworkFileError,
    framework_to_toml,
    parse_framework,
    toml_string,
)
from goldenthread.continuum.models import Assessment, Framework, Item
from goldenthread.core.models import AuditEvent
from goldenthread.language import check

# A small framework file, valid as written; tests change one thing and look at the message.
SMALL = """
code = "riverbend-test"
kind = "general"
title = "A small fictional framework"
description = "Made for tests."

[[scale]]
value = 0
label = "Not yet"
description = "Not happening yet."

[[scale]]
value = 1
label = "Starting"
description = "Begun in a few places."

[[scale]]
value = 2
label = "Partly"
description = "In some places."

[[scale]]
value = 3
label = "Mostly"
description = "In most places."

[[scale]]
value = 4
label = "Fully, everywhere"
description = "Everywhere, every time."

[[bands]]
code = "aware"
name = "Trauma Aware"
minimum = 0
description = "We know about trauma."

[[bands]]
code = "sensitive"
name = "Trauma Sensitive"
minimum = 1.5
description = "We have started."

[[bands]]
code = "responsive"
name = "Trauma Responsive"
minimum = 2.5
description = "Practice is changing."

[[bands]]
code = "informed"
name = "Trauma Informed"
minimum = 3.25
description = "It is how we work."

[[domains]]
code = "safety"
title = "Physical and emotional safety"
description = "How safe it feels to come to us."

[[domains.items]]
code = "safety-welcome"
text = "People at our front desk are greeted by name and told what will happen next."
guidance = "Done well: people are offered a seat and told how long they may wait."

[[domains.items]]
code = "safety-spaces"
text = "Our waiting areas feel calm."
guidance = "Done well: there is a quiet room."

[[domains]]
code = "wellbeing"
title = "Staff wellbeing"

[[domains.items]]
code = "wellbeing-supervision"
text = "Staff have reflective supervision."
guidance = "Done well: it is protected time."
"""


def problems_in(text: str) -> list[str]:
    with pytest.raises(FrameworkFileError) as raised:
        parse_framework(text)
    return raised.value.problems


def one_problem(text: str) -> str:
    problems = problems_in(text)
    assert len(problems) == 1, problems
    return problems[0]


# The shipped files ----------------------------------------------------------------------------


def test_the_general_framework_has_the_ten_domains_and_at_least_forty_statements():
    general = frameworks.load_shipped("general.toml")
    assert general.kind == "general"
    assert len(general.domains) >= 8 and general.item_count >= 40
    assert [d.code for d in general.domains] == [
        "leadership", "safety", "relationships", "language", "workforce",
        "wellbeing", "policies", "partnership", "lived-experience", "learning",
    ]  # fmt: skip


def test_the_schools_framework_has_the_schools_own_domains():
    schools = frameworks.load_shipped("schools.toml")
    assert schools.kind == "schools"
    titles = [d.title for d in schools.domains]
    for expected in [
        "Relationships and behaviour policy",
        "Safe spaces and regulation",
        "Transitions",
        "Curriculum and learning",
        "Family partnership",
        "Staff wellbeing",
        "Leadership and whole-school culture",
    ]:
        assert expected in titles
    assert schools.item_count >= 35


@pytest.mark.parametrize("name", frameworks.SHIPPED_FILES)
def test_each_shipped_framework_names_the_four_stages_and_says_it_is_self_assessed(name):
    data = frameworks.load_shipped(name)
    assert [b.name for b in data.bands] == ["Trauma Aware", "Trauma Sensitive", "Trauma Responsive", "Trauma Informed"]
    assert [b.minimum for b in data.bands] == [0, 1.5, 2.5, 3.25]
    assert [s.label for s in data.scale] == ["Not yet", "Starting", "Partly", "Mostly", "Fully, everywhere"]
    assert "self-assessed stage" in data.description and "not a validated score" in data.description
    assert all(item.guidance for domain in data.domains for item in domain.items)


@pytest.mark.parametrize("name", frameworks.SHIPPED_FILES)
def test_every_shipped_text_passes_the_shared_language_check(name):
    data = frameworks.load_shipped(name)
    texts = [data.title, data.description, *(b.description for b in data.bands), *(s.description for s in data.scale)]
    for domain in data.domains:
        texts += [domain.title, domain.description]
        for item in domain.items:
            texts += [item.text, item.guidance]
    flagged = [(text, [f.text for f in check(text)]) for text in texts if check(text)]
    assert flagged == []


@pytest.mark.django_db
def test_the_migration_loaded_both_shipped_frameworks_as_their_first_current_version():
    general = frameworks.current_framework("general")
    schools = frameworks.current_framework("schools")
    assert (general.code, general.version, general.is_current) == ("general", 1, True)
    assert (schools.code, schools.version) == ("schools", 1)
    assert frameworks.framework_data(general) == frameworks.load_shipped("general.toml")
    assert general.domains.count() == 10 and Item.objects.filter(domain__framework=general).count() == 51


# Reading and checking a file ------------------------------------------------------------------


def test_the_small_file_reads_as_written():
    data = parse_framework(SMALL)
    assert (data.code, data.kind, len(data.domains), data.item_count) == ("riverbend-test", "general", 2, 3)
    assert data.domains[1].description == ""
    assert data.bands[2].minimum == 2.5


def test_a_file_that_is_not_toml_says_where_the_problem_is():
    message = one_problem("code = general\n")
    assert "not in the TOML format" in message and "line 1" in message


def test_a_statement_without_text_is_named_with_its_domain():
    text = SMALL.replace('text = "Our waiting areas feel calm."\n', "")
    assert one_problem(text) == "Domain 'safety', statement 'safety-spaces' has no text. Add the statement people will answer."


def test_a_statement_without_a_code_is_named_by_its_position():
    text = SMALL.replace('code = "safety-spaces"\n', "")
    assert one_problem(text).startswith("Domain 'safety', statement 2 has no code.")


def test_two_statements_with_the_same_code_are_refused_even_in_different_domains():
    text = SMALL.replace('code = "wellbeing-supervision"', 'code = "safety-welcome"')
    assert one_problem(text) == (
        "Domain 'wellbeing', statement 'safety-welcome': the code 'safety-welcome' is already used in domain 'safety'. Every statement needs its own code."
    )


def test_two_domains_with_the_same_code_are_refused():
    text = SMALL.replace('code = "wellbeing"\n', 'code = "safety"\n')
    assert "another domain already uses the code 'safety'" in one_problem(text)


def test_stages_must_start_at_increasing_scores():
    text = SMALL.replace("minimum = 2.5", "minimum = 1.5")
    assert one_problem(text) == (
        "Each stage must start at a higher score than the one before: Trauma Responsive starts at 1.5, which is not above Trauma Sensitive at 1.5."
    )


def test_the_first_stage_must_start_at_zero():
    assert "must start at 0" in one_problem(SMALL.replace("minimum = 0\n", "minimum = 0.5\n"))


def test_a_stage_minimum_must_be_a_number_on_the_scale():
    assert "needs a minimum score" in one_problem(SMALL.replace("minimum = 3.25", 'minimum = "high"'))
    assert "needs a minimum score" in one_problem(SMALL.replace("minimum = 3.25", "minimum = 5"))


def test_the_stages_must_follow_the_continuum_in_order():
    text = SMALL.replace('name = "Trauma Informed"', 'name = "Fully trauma-informed"')
    assert one_problem(text) == 'Stage 4 must have code = "informed" and name = "Trauma Informed": the stages follow the continuum in order, lowest first.'


def test_a_fifth_stage_is_refused():
    text = SMALL.replace("[[domains]]", '[[bands]]\ncode = "beyond"\nname = "Beyond"\nminimum = 3.9\ndescription = "More."\n\n[[domains]]', 1)
    assert any("exactly 4 stages" in problem for problem in problems_in(text))


def test_the_answer_scale_must_run_from_0_to_4():
    text = SMALL.replace("value = 4\n", "value = 5\n")
    assert one_problem(text).startswith("The answer scale must have the values 0, 1, 2, 3 and 4, in that order (this file has 0, 1, 2, 3, 5).")


def test_a_statement_that_is_too_long_says_by_how_much():
    long_text = "Staff listen. " * 30  # 420 characters, 419 once tidied
    text = SMALL.replace('"Our waiting areas feel calm."', f'"{long_text}"')
    assert one_problem(text) == ("Domain 'safety', statement 'safety-spaces': the text is 419 characters long. Shorten it to 400 characters or fewer.")


def test_a_domain_with_no_statements_is_refused():
    text = SMALL.split('[[domains.items]]\ncode = "wellbeing-supervision"')[0]
    assert one_problem(text) == "Domain 'wellbeing' has no statements. Add at least one [[domains.items]] section after it."


def test_a_misspelt_field_is_pointed_out_rather_than_ignored():
    text = SMALL.replace('title = "Staff wellbeing"', 'title = "Staff wellbeing"\ntitel = "Staff wellbeing"')
    assert one_problem(text) == (
        "Domain 'wellbeing' has a field called 'titel' that is not used. Check its spelling; the fields are code, title, description and items."
    )


def test_codes_are_lower_case_words_joined_by_hyphens():
    text = SMALL.replace('code = "safety-spaces"', 'code = "Safety Spaces"')
    assert "can only use lower-case letters, numbers and hyphens" in one_problem(text)


def test_the_kind_must_be_general_or_schools():
    assert "needs a kind" in one_problem(SMALL.replace('kind = "general"', 'kind = "hospital"'))


def test_every_problem_is_reported_at_once():
    text = SMALL.replace('kind = "general"', 'kind = "hospital"').replace("minimum = 2.5", "minimum = 1").replace('text = "Our waiting areas feel calm."\n', "")
    assert len(problems_in(text)) == 3


def test_text_is_tidied_as_it_is_read():
    data = parse_framework(SMALL.replace('"Our waiting areas feel calm."', '"  Our waiting areas\\u0007 feel calm.  "'))
    assert data.domains[0].items[1].text == "Our waiting areas feel calm."


def test_an_uploaded_file_must_have_content_be_small_and_be_text():
    with pytest.raises(FrameworkFileError, match="The selected file is empty"):
        frameworks.read_framework_file(b"")
    with pytest.raises(FrameworkFileError, match="smaller than 200 KB"):
        frameworks.read_framework_file(b"#" * (200 * 1024 + 1))
    with pytest.raises(FrameworkFileError, match="saved as UTF-8"):
        frameworks.read_framework_file("code = 'général'".encode("latin-1"))
    assert frameworks.read_framework_file(b"\xef\xbb\xbf" + SMALL.encode()).code == "riverbend-test"  # a byte-order mark is fine


@given(st.text(max_size=500))
def test_any_text_at_all_is_either_a_framework_or_a_list_of_problems(text):
    try:
        parse_framework(text)
    except FrameworkFileError as error:
        assert error.problems and all(isinstance(problem, str) and problem for problem in error.problems)


@given(st.sets(st.integers(0, SMALL.count("\n")), max_size=6), st.sampled_from(["", '"', "[[x]]", "= 3", "minimum = true", "items = 7"]))
def test_a_damaged_file_never_fails_in_an_unexpected_way(lines_to_damage, damage):
    lines = SMALL.split("\n")
    damaged = "\n".join(damage if number in lines_to_damage else line for number, line in enumerate(lines))
    try:
        parse_framework(damaged)
    except FrameworkFileError as error:
        assert error.problems


def test_many_problems_are_shown_twenty_at_a_time():
    error = FrameworkFileError([f"Problem {n}" for n in range(25)])
    assert len(error.shown_problems) == 21
    assert error.shown_problems[-1].startswith("There are 5 more problems.")


# How deep a file may nest ---------------------------------------------------------------------


def nested_arrays(depth: int) -> str:
    return f"value = {'[' * depth}{']' * depth}\n"


def dotted_name(parts: int) -> str:
    return ".".join(["a"] * parts)


def test_lists_may_sit_sixteen_deep_inside_one_another_but_not_seventeen():
    frameworks.check_nesting(nested_arrays(16))
    with pytest.raises(FrameworkFileError, match="more than 16 levels deep"):
        frameworks.check_nesting(nested_arrays(17))


def test_inline_tables_count_towards_the_same_depth_as_lists():
    frameworks.check_nesting("value = " + "{a = [" * 8 + "]}" * 8 + "\n")
    with pytest.raises(FrameworkFileError, match="more than 16 levels deep"):
        frameworks.check_nesting("value = " + "{a = [" * 8 + "{}" + "]}" * 8 + "\n")


@pytest.mark.parametrize("template", ["{name} = 1\n", "[{name}]\n", "[[{name}]]\n", "value = {{{name} = 1}}\n", "value = {{b = 2, {name} = 1}}\n"])
def test_a_dotted_name_may_have_eight_parts_but_not_nine(template):
    frameworks.check_nesting(template.format(name=dotted_name(8)))
    with pytest.raises(FrameworkFileError, match="more than 8 parts joined by dots"):
        frameworks.check_nesting(template.format(name=dotted_name(9)))


def test_dots_and_brackets_in_values_strings_and_comments_do_not_count():
    text = (
        "scores = [1.5, 2.5, 3.5, 4.5, 0.5, 1.25, 2.75, 3.25, 0.75, 1.75]\n"
        'quoted = "[[[[[[[[[[[[[[[[[[[[ a.b.c.d.e.f.g.h.i.j {{{{{{{{{{{{{{{{{{{{ \\" [[[[["\n'
        "literal = '[[[[[[[[[[[[[[[[[[[[ a.b.c.d.e.f.g.h.i.j'\n"
        'long = """\n[[[[[[[[[[[[[[[[[[[[\na.b.c.d.e.f.g.h.i.j = 1\n\\""" still inside """\n'
        "long_literal = '''\n[[[[[[[[[[[[[[[[[[[[\na.b.c.d.e.f.g.h.i.j = 1\n'''\n"
        "# [[[[[[[[[[[[[[[[[[[[ a.b.c.d.e.f.g.h.i.j\n"
        '"a.b.c.d.e.f.g.h.i.j" = 1\n'
        "when = 1979-05-27T07:32:00.999\n"
    )
    frameworks.check_nesting(text)
    assert tomllib.loads(text)["quoted"].startswith("[[[[")


@pytest.mark.parametrize("name", frameworks.SHIPPED_FILES)
def test_the_shipped_files_and_their_written_out_copies_are_within_the_limits(name):
    frameworks.check_nesting((frameworks.DATA_DIRECTORY / name).read_text(encoding="utf-8"))
    frameworks.check_nesting(framework_to_toml(frameworks.load_shipped(name)))


@given(st.text(max_size=300), st.text(max_size=100).map(lambda text: text.replace("\n", " ").replace("\r", " ")))
def test_no_text_written_as_a_string_or_a_comment_ever_counts_as_nesting(text, comment):
    frameworks.check_nesting(f"value = {toml_string(text)} # {comment}\nother = [{toml_string(text)}, {toml_string(comment)}]\n")


@given(st.text(alphabet="[]{}.=,\"'#\n ab1", max_size=400))
def test_any_brackets_quotes_and_dots_at_all_are_either_within_the_limits_or_explained(text):
    try:
        frameworks.check_nesting(text)
    except FrameworkFileError as error:
        assert error.problems[0].startswith("Line ")


# Writing a file -------------------------------------------------------------------------------


@given(st.text(max_size=300))
def test_any_text_reads_back_exactly_from_the_written_file(text):
    assert tomllib.loads(f"value = {toml_string(text)}\n")["value"] == text


@given(st.lists(st.sampled_from(["word", "a", "\\", '"', "'''", '"""', "\n", " ", "  ", "\t", "é", "\x7f"]), max_size=200))
def test_long_text_with_awkward_characters_reads_back_exactly(pieces):
    text = "".join(pieces)
    assert tomllib.loads(f"value = {toml_string(text)}\n")["value"] == text


@pytest.mark.parametrize("name", frameworks.SHIPPED_FILES)
def test_a_shipped_framework_written_out_reads_back_the_same(name):
    data = frameworks.load_shipped(name)
    assert parse_framework(framework_to_toml(data, heading="A heading\n\nover lines")) == data


def test_a_written_file_keeps_lines_short_enough_to_edit():
    written = framework_to_toml(frameworks.load_shipped("general.toml"))
    assert max(len(line) for line in written.splitlines()) <= 160


# Versions ---------------------------------------------------------------------------------------


def edited_general(**changes) -> frameworks.FrameworkData:
    from dataclasses import replace

    data = frameworks.load_shipped("general.toml")
    first = data.domains[0]
    items = (replace(first.items[0], text="Our leaders say, often and clearly, that trauma-informed practice is a priority."), *first.items[1:])
    return replace(data, domains=(replace(first, items=items), *data.domains[1:]), **changes)


@pytest.mark.django_db
def test_importing_an_edited_framework_makes_a_new_current_version_and_keeps_the_old_one(partnership_lead):
    outcome = services.import_framework(edited_general(), by=partnership_lead)
    assert outcome.created
    assert (outcome.framework.code, outcome.framework.version, outcome.framework.is_current) == ("general", 2, True)
    first = Framework.objects.get(code="general", version=1)
    assert first.is_current is False
    assert first.domains.first().items.first().text.startswith("Our leaders talk about")
    assert frameworks.current_framework("general") == outcome.framework
    assert frameworks.current_framework("schools").version == 1  # the other framework is untouched


@pytest.mark.django_db
def test_importing_the_same_content_again_makes_nothing(partnership_lead):
    services.import_framework(edited_general(), by=partnership_lead)
    counts = (Framework.objects.count(), Item.objects.count())
    again = services.import_framework(edited_general(), by=partnership_lead)
    assert again.created is False and again.framework.version == 2
    assert (Framework.objects.count(), Item.objects.count()) == counts


@pytest.mark.django_db
def test_an_earlier_content_uploaded_again_becomes_a_new_current_version(partnership_lead):
    services.import_framework(edited_general(), by=partnership_lead)
    back = services.import_framework(frameworks.load_shipped("general.toml"), by=partnership_lead)
    assert (back.created, back.framework.version) == (True, 3)
    assert list(Framework.objects.filter(code="general", is_current=True)) == [back.framework]


@pytest.mark.django_db
def test_a_past_assessment_keeps_the_version_it_was_answered_on(partnership_lead, childrens_services):
    first = frameworks.current_framework("general")
    assessment = Assessment.objects.create(organisation=childrens_services, framework=first, title="Spring round")
    first_item = Item.objects.filter(domain__framework=first).first()

    services.import_framework(edited_general(), by=partnership_lead)

    assessment.refresh_from_db()
    assert assessment.framework == first and assessment.framework.version == 1
    assert frameworks.framework_spec(assessment.framework).domains[0].item_codes[0] == first_item.code
    assert Item.objects.get(pk=first_item.pk).text == first_item.text
    assert frameworks.current_framework("general").version == 2


@pytest.mark.django_db
def test_a_new_framework_code_starts_at_version_one(partnership_lead):
    outcome = services.import_framework(parse_framework(SMALL), by=partnership_lead)
    assert (outcome.framework.code, outcome.framework.version, outcome.created) == ("riverbend-test", 1, True)
    assert frameworks.current_framework("general").code == "general"  # the framework named for the kind comes first


@pytest.mark.django_db
def test_a_framework_keeps_its_kind_across_versions(partnership_lead):
    from dataclasses import replace

    with pytest.raises(FrameworkFileError, match='its kind must stay "general"'):
        services.import_framework(replace(edited_general(), kind="schools"), by=partnership_lead)
    assert Framework.objects.filter(code="general").count() == 1


@pytest.mark.django_db
def test_only_a_partnership_admin_can_import_a_framework(organisation_lead):
    with pytest.raises(PermissionDenied):
        services.import_framework(edited_general(), by=organisation_lead)
    with pytest.raises(PermissionDenied):
        services.import_framework_file(SMALL.encode(), by=organisation_lead)
    assert Framework.objects.filter(code__in=["general", "riverbend-test"]).count() == 1


@pytest.mark.django_db
def test_a_file_with_problems_saves_nothing(partnership_lead):
    before = Framework.objects.count()
    with pytest.raises(FrameworkFileError):
        services.import_framework_file(SMALL.replace("minimum = 2.5", "minimum = 1").encode(), by=partnership_lead)
    assert Framework.objects.count() == before


@pytest.mark.django_db
def test_the_new_version_is_in_the_audit_log_under_the_admins_name(partnership_lead):
    outcome = services.import_framework(edited_general(), by=partnership_lead)
    event = AuditEvent.objects.get(object_type="continuum.framework", object_id=str(outcome.framework.pk), action=AuditEvent.Action.CREATE)
    assert event.actor == partnership_lead


@pytest.mark.django_db
def test_a_stored_version_exports_to_a_file_that_imports_as_the_same_content():
    general = frameworks.current_framework("general")
    exported = frameworks.export_framework(general)
    assert exported.startswith("# Trauma-informed organisation self-assessment: version 1 of the 'general' framework,")
    assert parse_framework(exported) == frameworks.framework_data(general)
    assert services.import_framework(parse_framework(exported), by=None).created is False


# What other modules ask for -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_scoring_view_of_a_version_takes_two_queries_and_is_then_kept(django_assert_num_queries):
    general = frameworks.current_framework("general")
    with django_assert_num_queries(2):
        spec = frameworks.framework_spec(general)
    with django_assert_num_queries(0):
        assert frameworks.framework_spec(general) is spec
    assert [d.code for d in spec.domains][:2] == ["leadership", "safety"]
    assert spec.domains[0].item_codes[0] == "leadership-priority"
    assert sum(len(d.item_codes) for d in spec.domains) == 51
    assert [(b.code, b.name, b.minimum) for b in spec.bands] == [
        ("aware", "Trauma Aware", 0.0), ("sensitive", "Trauma Sensitive", 1.5),
        ("responsive", "Trauma Responsive", 2.5), ("informed", "Trauma Informed", 3.25),
    ]  # fmt: skip
    assert spec.scale_max == 4


@pytest.mark.django_db
def test_there_is_no_current_framework_for_a_kind_with_none():
    Framework.objects.filter(kind="schools").update(is_current=False)
    assert frameworks.current_framework("schools") is None
