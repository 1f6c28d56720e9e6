"""The report of an archive scan, opened in a real browser: accessible, and readable on a phone."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def scanned_archive(tmp_path) -> Path:
    """A small fictional archive of the Riverbend partnership, scanned by the command on one local worker."""
    archive = tmp_path / "archive"
    (archive / "letters").mkdir(parents=True)
    (archive / "letters" / "kai.txt").write_text("Kai has absconded from his placement again.\n", encoding="utf-8")
    (archive / "letters" / "rosa.md").write_text("We met Rosa at home and talked about what helps.\n", encoding="utf-8")
    (archive / "notes.csv").write_text(
        "note_id,organisation,team,written_on,text\n"
        "1,Riverbend Early Help,North,2026-01-12,Mum failed to engage with the plan.\n"
        "2,Riverbend Early Help,North,2026-02-03,We visited and agreed the next steps together.\n"
        "3,Riverbend Community Health,Health visiting,2026-02-17,The young person is manipulative and attention seeking.\n"
        "4,Riverbend Community Health,Health visiting,2026-03-01,Dad told us what has been hard since the move.\n",
        encoding="utf-8",
    )
    out = tmp_path / "scan"
    command = [sys.executable, "-m", "goldenthread.language.cli", "scan", str(archive), "--out", str(out)]
    command += ["--workers", "1", "--by", "organisation", "--by", "team", "--date-column", "written_on", "--quiet"]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert finished.returncode == 0, finished.stderr
    return out / "report.html"


def test_the_scan_report_fits_a_phone_and_axe_finds_nothing_wrong(chromium, scanned_archive, assert_accessible):
    context = chromium.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(scanned_archive.as_uri())
    assert page.locator("h1").count() == 1
    assert page.get_by_role("img").count() >= 1, "the trend is drawn as an image with a name"
    page_width = page.evaluate("document.documentElement.scrollWidth")
    assert page_width <= PHONE["width"], f"the report scrolls sideways on a phone ({page_width} px wide)"
    assert_accessible(page, "the scan report")
    context.close()


def test_every_table_of_the_scan_report_can_be_reached_by_keyboard_when_it_scrolls(chromium, scanned_archive):
    context = chromium.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(scanned_archive.as_uri())
    too_wide = page.evaluate(
        "[...document.querySelectorAll('table')].filter(t => t.parentElement.scrollWidth > t.parentElement.clientWidth)"
        ".map(t => t.parentElement.getAttribute('tabindex') === '0')"
    )
    assert all(too_wide), "a table wider than the phone scrolls in a region the keyboard can reach"
    context.close()
