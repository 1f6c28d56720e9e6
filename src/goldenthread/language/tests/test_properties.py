"""Properties that hold for any text: offsets slice, nothing crashes, layout does not matter."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from goldenthread.language import check

RISKY = [
    "Kai is a liar.",
    "The LAC review",
    "failed to engage",
    "‘back pain.’",
    "She said: “I am naughty.”",
    "placement breakdown",
    "DNA’d",
    "has stayed clean since June",
    "Apparently",
    "non-compliant",
    "kicked off",
    "the court refused the application",
    "please contact me",
    "a work placement",
    "'pain'",
    "İstanbul liar",
]

words = st.sampled_from(RISKY) | st.text(max_size=30)
documents = st.lists(words, max_size=12).map(" ".join)
separators = st.sampled_from([" ", "\n", "\n\n", "  ", "\t", ". "])
lines = st.lists(st.sampled_from(RISKY + ["All is well.", "We met on Monday."]), min_size=1, max_size=8)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def key(findings):
    return [(f.rule, f.text.replace("\r\n", "\n").replace("\r", "\n"), f.severity) for f in findings]


@FAST
@given(documents)
def test_offsets_always_slice_to_the_reported_text(text):
    for finding in check(text):
        assert text[finding.start : finding.end] == finding.text
        assert 0 <= finding.start <= finding.end <= len(text)


@FAST
@given(st.text())
def test_any_unicode_never_crashes(text):
    for finding in check(text):
        assert text[finding.start : finding.end] == finding.text


@FAST
@given(st.text(alphabet=st.characters(blacklist_categories=()), max_size=200))
def test_any_unicode_in_child_mode_never_crashes(text):
    check(text, mode="child", audience="education")


@FAST
@given(lines)
def test_results_do_not_depend_on_line_endings(parts):
    unix = "\n".join(parts)
    windows = "\r\n".join(parts)
    old_mac = "\r".join(parts)
    assert key(check(unix)) == key(check(windows)) == key(check(old_mac))
    for finding in check(windows):
        assert windows[finding.start : finding.end] == finding.text


@FAST
@given(lines, st.text(alphabet=" \t\n", max_size=5), st.text(alphabet=" \t\n", max_size=5))
def test_results_do_not_depend_on_surrounding_whitespace(parts, before, after):
    text = " ".join(parts)
    padded = before + text + after
    plain, shifted = check(text), check(padded)
    assert key(plain) == key(shifted)
    assert [f.start + len(before) for f in plain] == [f.start for f in shifted]
