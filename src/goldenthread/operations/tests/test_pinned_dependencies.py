"""Production installs exactly what was locked: every dependency in pyproject.toml is pinned, with hashes, in requirements/production.txt (`make lock`)."""

import re
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[4]
LOCK = REPO / "requirements" / "production.txt"


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _pinned() -> dict[str, list[str]]:
    """Each pinned package (lower case) and its hashes, read from the lock."""
    pinned: dict[str, list[str]] = {}
    current = None
    for line in LOCK.read_text().splitlines():
        if match := re.match(r"^([A-Za-z0-9_.\-]+)==([^ \\]+)", line):
            current = match.group(1).lower().replace("_", "-")
            pinned[current] = []
        elif current and (found := re.search(r"--hash=sha256:([0-9a-f]{64})", line)):
            pinned[current].append(found.group(1))
    return pinned


def test_every_dependency_of_the_platform_is_pinned_in_the_lock_with_its_hashes():
    wanted = {_name(requirement) for requirement in tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]}
    pinned = _pinned()

    assert not wanted - set(pinned), f"run `make lock`: not in {LOCK.name}: {sorted(wanted - set(pinned))}"
    assert all(pinned[name] for name in pinned), f"pinned without a hash: {[name for name, hashes in pinned.items() if not hashes]}"


def test_the_test_tools_are_not_installed_in_production():
    assert not {"pytest", "playwright", "schemathesis", "locust"} & set(_pinned())
