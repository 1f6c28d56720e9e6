"""Board reports: started with their figures frozen, the commentary written and checked, figures worked out again while a draft, and a final report that never changes and downloads as PDF and CSV with the same figures."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from goldenthread.core.refusals import EditConflict, Refused
from goldenthread.impact.indicators import computed
from goldenthread.impact.reports import figures, services
from goldenthread.impact.reports.models import BoardReport
from goldenthread.partnership.models import Organisation, Sector

from .conftest import PERIOD, reading, signed_in

pytestmark = pytest.mark.django_db


def test_starting_a_report_freezes_every_figure_with_a_digest(draft_report):
    assert draft_report.state == "draft" and draft_report.made_by.full_name == "Alex Morgan"
    steps = draft_report.snapshot["thread"]["steps"]
    assert [step["key"] for step in steps] == ["pledge", "continuum", "training", "language", "supervision", "families"]
    assert draft_report.digest == figures.digest(draft_report.snapshot) and len(draft_report.digest) == 64


def test_the_snapshot_keeps_every_indicator_with_its_target_and_status_in_words(monkeypatch, partnership_lead):
    monkeypatch.setattr(figures, "readings", lambda period, organisation=None: [reading("training.trained", "red")])
    report = services.start_report(by=partnership_lead, title="With indicators (fictional)", starts_on=PERIOD.start, ends_on=PERIOD.end)
    [indicator] = report.snapshot["indicators"]
    assert (indicator["name"], indicator["target_words"], indicator["rag"], indicator["rag_words"]) == ("Staff trained (indicator)", "60%", "red", "Off target")
    assert [point["month"] for point in indicator["trend"]] == ["Jan 2026", "Feb 2026"]
    page = signed_in(partnership_lead).get(report.get_absolute_url()).content.decode()
    assert "Off target" in page and "Staff trained (indicator), each month" in page


def test_a_period_that_cannot_be_used_is_refused_with_what_to_change(partnership_lead):
    with pytest.raises(ValidationError) as refused:
        services.start_report(by=partnership_lead, title="Backwards (fictional)", starts_on=date(2026, 3, 1), ends_on=date(2026, 1, 1))
    assert "must be on or before its last day" in str(refused.value)


def test_the_commentary_is_version_checked(draft_report, partnership_lead):
    services.write_commentary(draft_report, by=partnership_lead, commentary="First words (fictional).", version=1)
    with pytest.raises(EditConflict):
        services.write_commentary(draft_report, by=partnership_lead, commentary="Other words (fictional).", version=1)
    draft_report.refresh_from_db()
    assert draft_report.commentary == "First words (fictional)." and draft_report.version == 2


def test_the_commentary_page_shows_the_shared_language_findings_once_then_saves(draft_report, partnership_lead):
    client = signed_in(partnership_lead)
    address = reverse("impact:report_commentary", args=[draft_report.public_id])
    words = {"commentary": "Two children absconded from placement this quarter.", "version": draft_report.version}
    first = client.post(address, words)
    assert first.status_code == 200 and "placement" in first.content.decode()
    draft_report.refresh_from_db()
    assert draft_report.commentary == ""
    from goldenthread.core.language import CHECKED_FIELD

    second = client.post(address, {**words, CHECKED_FIELD: first.context["words_to_check"].fingerprint})
    assert second.status_code == 302
    draft_report.refresh_from_db()
    assert draft_report.commentary == words["commentary"]


def test_someone_else_saving_first_keeps_what_was_typed_with_409(draft_report, partnership_lead):
    services.write_commentary(draft_report, by=partnership_lead, commentary="Saved first (fictional).", version=1)
    response = signed_in(partnership_lead).post(
        reverse("impact:report_commentary", args=[draft_report.public_id]), {"commentary": "Typed second, kindly (fictional).", "version": 1}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "Saved first (fictional)." in page and "Typed second, kindly (fictional)." in page


def test_a_draft_s_figures_are_worked_out_again_from_the_records_as_they_are_now(draft_report, partnership_lead, monkeypatch):
    original = computed._COMPUTATIONS["training.trained"]
    monkeypatch.setitem(
        computed._COMPUTATIONS,
        "training.trained",
        computed.Computation(**{**original.__dict__, "compute": lambda p, o=None: computed.Figure(65.0, "65 of 100 people (65%)")}),
    )
    before = draft_report.digest
    refreshed = services.refresh_figures(draft_report, by=partnership_lead)
    assert refreshed.digest != before and "65% of staff trained" in refreshed.snapshot["thread"]["reading"]


def test_a_final_report_never_changes(final_report, partnership_lead, monkeypatch):
    kept = (final_report.snapshot, final_report.digest, final_report.commentary, final_report.version)
    with pytest.raises(ValidationError):
        services.write_commentary(final_report, by=partnership_lead, commentary="Later words (fictional).", version=final_report.version)
    with pytest.raises(ValidationError):
        services.refresh_figures(final_report, by=partnership_lead)
    with pytest.raises(ValidationError):
        services.finalise(final_report, by=partnership_lead)
    client = signed_in(partnership_lead)
    for name in ("impact:report_commentary", "impact:report_refresh", "impact:report_finalise"):
        assert (
            client.post(reverse(name, args=[final_report.public_id]), {"commentary": "Later (fictional).", "version": final_report.version}).status_code == 403
        )
    final_report.refresh_from_db()
    assert (final_report.snapshot, final_report.digest, final_report.commentary, final_report.version) == kept


def test_only_the_partnership_team_writes_reports(organisation_lead, draft_report):
    with pytest.raises(Refused):
        services.start_report(by=organisation_lead, title="Mine (fictional)", starts_on=PERIOD.start, ends_on=PERIOD.end)
    for change in (services.refresh_figures, services.finalise):
        with pytest.raises(Refused):
            change(draft_report, by=organisation_lead)


def test_a_final_report_downloads_from_its_snapshot_even_when_the_figures_move_on(final_report, organisation_lead, monkeypatch):
    monkeypatch.setitem(
        computed._COMPUTATIONS,
        "training.trained",
        computed.Computation(**{**computed._COMPUTATIONS["training.trained"].__dict__, "compute": lambda p, o=None: computed.Figure(99.0, "99%")}),
    )
    client = signed_in(organisation_lead)
    pdf = client.get(reverse("impact:report_pdf", args=[final_report.public_id]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(io.BytesIO(pdf.content)).pages)
    for words in (
        "Report to the Safeguarding Children Partnership (fictional)",
        "The golden thread",
        "40% of staff trained",
        "Indicators against their targets",
        "Commentary",
        "We thank every family who answered.",
    ):
        assert words in text
    assert "99%" not in text
    spreadsheet = client.get(reverse("impact:report_csv", args=[final_report.public_id]))
    rows = list(csv.reader(io.StringIO(spreadsheet.content.decode())))
    assert rows[0][:3] == ["Section", "Step or indicator", "Figure"]
    training = next(row for row in rows if row[0] == "Golden thread" and row[1] == "People trained")
    assert training[3] == "40" and training[4] == "40 of 100 people (40%)" and training[9] == "/training/reach/"
    assert ["Fingerprint of the figures", "", "", "", final_report.digest] == rows[-1][:5]


def test_a_cell_that_could_start_a_formula_is_kept_as_text(final_report, partnership_lead):
    final_report.commentary = "=HYPERLINK(1)"  # as if written so, straight into the table
    final_report.save()
    spreadsheet = signed_in(partnership_lead).get(reverse("impact:report_csv", args=[final_report.public_id]))
    assert "'=HYPERLINK(1)" in spreadsheet.content.decode()


def test_the_same_past_period_gives_the_same_figures_after_newer_records_are_added(partnership_lead, childrens_services):
    Organisation.objects.filter(pk=childrens_services.pk).update(joined_on=date(2025, 6, 1))
    report = services.start_report(by=partnership_lead, title="Spring (fictional)", starts_on=PERIOD.start, ends_on=PERIOD.end)
    services.finalise(report, by=partnership_lead)
    Organisation.objects.create(name="Riverbend Youth Service (fictional)", sector=Sector.YOUTH_JUSTICE if hasattr(Sector, "YOUTH_JUSTICE") else Sector.HEALTH)
    again = figures.figures_for(PERIOD)
    assert figures.digest(again) == report.digest
    assert again["thread"]["steps"][0]["figure"]["value"] == 1
    later = figures.figures_for(type(PERIOD)(PERIOD.start, date.today()))
    assert later["thread"]["steps"][0]["figure"]["value"] == 2  # the newer record counts only in a period that holds its date


def test_a_report_about_one_organisation_reads_that_organisation_s_thread(organisation_report):
    assert organisation_report.snapshot["thread"]["organisation"]["name"] == "Riverbend Children's Services"
    assert organisation_report.snapshot["thread"]["reading"].startswith("Signed the pledge in 2025; self-assessed Sensitive")
    assert BoardReport.objects.get(pk=organisation_report.pk).about == "Riverbend Children's Services"
