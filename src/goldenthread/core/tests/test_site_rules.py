"""The site's rules: the rules published in the platform are laid over the shipped ones, and no one else can plant them."""

import os

import pytest

from goldenthread.core import language, registry

PUBLISHED = """
[[rule]]
id = "partnership.isolation-booth"
category = "labelling"
severity = "suggestion"
patterns = ["isolation booth"]
message = "Say where the child went, who was with them and what helped them calm."
suggestions = ["a quiet room with an adult"]
flag = ["Ossian spent the morning in the isolation booth."]
pass = ["Ossian sat in the quiet room and we talked."]
"""

PLANTED = PUBLISHED.replace("isolation booth", "quiet room").replace("Ossian sat in the quiet room and we talked.", "The booth was empty.")


@pytest.fixture
def published(monkeypatch, tmp_path):
    monkeypatch.setenv("GOLDENTHREAD_CACHE_DIR", str(tmp_path / "cache"))
    language._own_folder.cache_clear()
    monkeypatch.setattr(registry, "rule_overlay", lambda: ("v1", PUBLISHED))
    yield tmp_path / "cache" / "published-rules"
    language._own_folder.cache_clear()


def test_a_published_rule_is_found_by_every_check_the_site_makes(published):
    assert "partnership.isolation-booth" in {f.rule for f in language.site_check("Ossian spent the morning in the isolation booth.")}


def test_the_published_rules_folder_is_this_accounts_alone(published):
    language.site_check("Ossian went home.")
    assert published.stat().st_uid == os.getuid()
    assert not published.stat().st_mode & 0o077


def test_a_rules_file_planted_under_the_published_rules_name_is_written_over_not_used(published):
    path = language._published_rules_file(PUBLISHED)
    path.write_text(PLANTED, encoding="utf-8")
    language.site_check("Ossian went home.")
    assert path.read_text(encoding="utf-8") == PUBLISHED
    assert "partnership.isolation-booth" not in {f.rule for f in language.site_check("Ossian sat in the quiet room and we talked.")}


def test_the_rules_version_changes_when_a_rule_is_published(published, monkeypatch):
    before = language.site_rules_version()
    monkeypatch.setattr(
        registry,
        "rule_overlay",
        lambda: ("v2", PUBLISHED + PUBLISHED.replace("isolation-booth", "consequence-room").replace("isolation booth", "consequence room")),
    )
    assert language.site_rules_version() != before
