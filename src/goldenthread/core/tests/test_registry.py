"""Each app says what it adds to the site from its own AppConfig; core reads the registry and imports no app."""

import ast
from pathlib import Path

from goldenthread.core import registry

CORE = Path(registry.__file__).resolve().parent
FEATURE_APPS = {
    "partnership",
    "pledges",
    "continuum",
    "families",
    "supervision",
    "training",
    "impact",
    "wellbeing",
    "programme",
    "language_monitoring",
    "language_rules",
    "operations",
}


def test_every_app_registers_its_menu_and_home_cards():
    labels = [parts.label for parts in registry.apps_in_order()]

    assert labels == [
        "pledges",
        "continuum",
        "families",
        "family_door",
        "supervision",
        "training",
        "impact",
        "wellbeing",
        "programme",
        "language_monitoring",
        "language_rules",
        "partnership",
        "core",
    ]
    assert all(parts.menu and parts.home_cards for parts in registry.apps_in_order() if parts.label != "family_door")


def test_the_familys_own_door_adds_a_menu_for_family_accounts_and_what_waits_for_the_team_but_no_home_card():
    (door,) = [parts for parts in registry.apps_in_order() if parts.label == "family_door"]

    assert door.menu and door.waiting and door.home_cards is None
    assert registry.family_namespaces() == {"family_door", "family_feedback"}


def test_the_demo_loaders_run_partnership_first_then_each_module():
    assert registry.demo_commands() == [
        "load_demo_partnership",
        "load_demo_pledges",
        "load_demo_continuum",
        "load_demo_families",
        "load_demo_family_door",
        "load_demo_supervision",
        "load_demo_training",
        "load_demo_wellbeing",
        "load_demo_programme",
        "load_demo_language_monitoring",
        "load_demo_language_rules",
        "load_demo_impact",
    ]


def test_records_about_families_and_supervision_are_named_by_id_only_in_the_audit_log():
    assert registry.holds_personal_data("families") and registry.holds_personal_data("supervision")
    assert not registry.holds_personal_data("pledges")
    assert registry.is_audited("pledges") and not registry.is_audited("django_otp")


def test_the_menu_starts_at_home_for_someone_signed_out(db):
    from django.contrib.auth.models import AnonymousUser

    assert registry.menu_for(AnonymousUser())[0] == registry.MenuEntry("Home", "/")


def test_core_imports_no_feature_app():
    offending = []
    for path in CORE.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                parts = name.split(".")
                if parts[0] == "goldenthread" and len(parts) > 1 and parts[1] in FEATURE_APPS:
                    offending.append(f"{path.relative_to(CORE)} imports {name}")
    assert offending == []
