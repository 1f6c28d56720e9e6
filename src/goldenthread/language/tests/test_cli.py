"""The `goldenthread` command as a practitioner or an archive scan would use it, odd files included."""

import io
import json
import subprocess
import sys

import pytest

from goldenthread.language.cli import main
from goldenthread.language.readers import UnreadableFile, read_text

RISKY = "Kai is a liar. The LAC review is on Monday.\n"
CLEAN = "She wanted a story and a cuddle before bed.\n"


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def make_docx(path, text):
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(path)


def make_odt(path, text):
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for line in text.splitlines():
        document.text.addElement(P(text=line))
    document.save(str(path))


def make_pdf(path, text, password=None):
    """A one-page PDF with real text, written by hand (pypdf cannot lay out text)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    data = out.getvalue()
    if password:
        from pypdf import PdfReader, PdfWriter

        writer = PdfWriter()
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
        writer.encrypt(password)
        buffer = io.BytesIO()
        writer.write(buffer)
        data = buffer.getvalue()
    path.write_bytes(data)


def test_nothing_found_exits_zero(tmp_path, capsys):
    (tmp_path / "note.txt").write_text(CLEAN, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path / "note.txt"))
    assert code == 0
    assert "0 finding(s)" in out


def test_something_found_exits_one_with_line_column_and_sentence(tmp_path, capsys):
    (tmp_path / "note.txt").write_text("First line.\n" + RISKY, encoding="utf-8")
    code, out, _ = run(capsys, "check", str(tmp_path / "note.txt"))
    assert code == 1
    assert 'note.txt:2:10: warning [labelling.liar] "liar"' in out
    assert "In: Kai is a liar." in out


def test_a_missing_file_is_an_error_exit_two(tmp_path, capsys):
    code, _, err = run(capsys, "check", str(tmp_path / "nope.txt"))
    assert code == 2
    assert "no such file" in err


def test_json_output_is_one_document_with_offsets_into_the_text(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text(RISKY, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "json", str(path))
    data = json.loads(out)
    assert code == 1
    [entry] = data["files"]
    assert entry["path"] == str(path)
    for finding in entry["findings"]:
        assert RISKY[finding["start"] : finding["end"]] == finding["text"]
        assert {"start", "end", "line", "column", "text", "rule", "severity", "quoted"} <= set(finding)
    assert data["summary"]["faults"] == 2


def test_json_output_gives_each_rules_details_once_and_findings_name_their_rule(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text('Kai is a liar. Jo is a liar too. Sam said: "Kai is a liar."\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "json", str(path))
    data = json.loads(out)
    findings = data["files"][0]["findings"]
    assert [f["rule"] for f in findings] == ["labelling.liar"] * 3
    assert set(data["rules"]) == {"labelling.liar"}
    rule = data["rules"]["labelling.liar"]
    assert rule["category"] == "labelling" and rule["severity"] == "warning" and rule["suggestions"] and rule["message"]
    used, quoted = findings[0], findings[2]
    assert "message" not in used and "suggestions" not in used  # the rule's own, given once in "rules"
    assert quoted["quoted"] and quoted["severity"] == "info" and quoted["message"] != rule["message"] and quoted["suggestions"] == []


def test_json_output_gives_line_and_column_of_each_finding(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text("First line.\nSecond: Kai is a liar.\n\nKai is a liar again.\n", encoding="utf-8")
    _, out, _ = run(capsys, "check", "--format", "json", str(path))
    positions = [(f["line"], f["column"]) for f in json.loads(out)["files"][0]["findings"]]
    assert positions == [(2, 18), (4, 10)]


def test_html_output_marks_each_passage(tmp_path, capsys):
    path = tmp_path / "note.md"
    path.write_text("# Visit\n\nKai is a <liar>.\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "html", str(path))
    assert code == 1
    assert out.startswith("<!doctype html>")
    assert "<mark class='warning'" in out and "&lt;" in out


def test_standard_input(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(RISKY.encode())))
    code, out, _ = run(capsys, "check", "-", "--format", "json")
    assert code == 1
    assert json.loads(out)["files"][0]["path"] == "-"


@pytest.mark.parametrize("maker,suffix", [(make_docx, ".docx"), (make_odt, ".odt")])
def test_office_documents_are_read(tmp_path, capsys, maker, suffix):
    path = tmp_path / f"plan{suffix}"
    maker(path, "A good week.\nKai is a liar.")
    assert "Kai is a liar." in read_text(path)
    code, out, _ = run(capsys, "check", str(path))
    assert code == 1 and "labelling.liar" in out


def test_pdf_and_html_are_read(tmp_path):
    make_pdf(tmp_path / "letter.pdf", "Kai is a liar.")
    assert "liar" in read_text(tmp_path / "letter.pdf")
    (tmp_path / "page.html").write_text(
        "<html><head><style>p{}</style><script>var liar=1</script></head><body><p>Hello &amp; welcome</p><p>She is manipulative.</p></body></html>",
        encoding="utf-8",
    )
    text = read_text(tmp_path / "page.html")
    assert "Hello & welcome" in text and "manipulative" in text and "var" not in text


def test_odd_files_each_get_one_line_and_the_rest_are_still_checked(tmp_path, capsys):
    (tmp_path / "good.txt").write_text(RISKY, encoding="utf-8")
    (tmp_path / "corrupt.docx").write_bytes(b"PK\x03\x04 not really a zip")
    make_pdf(tmp_path / "locked.pdf", "Kai is a liar.", password="secret")
    (tmp_path / "junk.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "big.txt").write_text("All is well. " * 200_000, encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "nested.md").write_text("She absconded again.", encoding="utf-8")
    code, out, err = run(capsys, "check", "--max-size", "1", str(tmp_path))
    assert code == 2
    lines = err.strip().splitlines()
    for name, reason in [
        ("corrupt.docx", "not a valid .docx"),
        ("locked.pdf", "encrypted"),
        ("junk.txt", "binary"),
        ("empty.txt", "empty"),
        ("big.txt", "too large"),
    ]:
        [line] = [line for line in lines if name in line]
        assert reason in line
    assert "labelling.liar" in out and "care.abscond" in out


def test_a_large_file_is_checked_when_within_the_limit(tmp_path, capsys):
    path = tmp_path / "archive.txt"
    path.write_text(("All is well today. " * 5000 + "Kai is a liar.\n") * 20, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--format", "json", str(path))
    data = json.loads(out)
    assert code == 1
    assert data["summary"]["warnings"] == 20
    text = path.read_text(encoding="utf-8")
    assert all(text[f["start"] : f["end"]] == f["text"] for f in data["files"][0]["findings"])


def test_fix_writes_a_reviewable_copy_with_the_first_suggestion(tmp_path, capsys):
    path = tmp_path / "note.txt"
    path.write_text('Mum is a service user. She said: "the service user lied".\n', encoding="utf-8")
    code, out, _ = run(capsys, "check", "--fix", str(path))
    fixed = tmp_path / "note.reframed.txt"
    assert fixed.exists() and "wrote" in out
    assert fixed.read_text(encoding="utf-8") == 'Mum is a person. She said: "the service user lied".\n'
    assert path.read_text(encoding="utf-8").startswith("Mum is a service user")  # original untouched


def test_a_folder_of_many_files_uses_worker_processes_and_shows_progress(tmp_path):
    for number in range(40):
        (tmp_path / f"note{number:02}.txt").write_text(RISKY if number % 2 else CLEAN, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "goldenthread.language.cli", "check", "--jobs", "2", "--progress", "always", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["summary"]["files_checked"] == 40
    assert data["summary"]["warnings"] == 20
    assert "checked 40/40 files" in result.stderr


def test_partnership_lexicon_from_the_command_line(tmp_path, capsys):
    lexicon = tmp_path / "ours.toml"
    lexicon.write_text('disable = ["labelling.liar"]\n', encoding="utf-8")
    (tmp_path / "note.txt").write_text("Kai is a liar.", encoding="utf-8")
    code, _, _ = run(capsys, "check", "--lexicon", str(lexicon), str(tmp_path / "note.txt"))
    assert code == 0


def test_a_broken_lexicon_is_a_clear_error(tmp_path, capsys):
    lexicon = tmp_path / "ours.toml"
    lexicon.write_text("[[rule]]\nid = 'x'\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--lexicon", str(lexicon), "-")
    assert code == 2 and "missing" in err and err.count("\n") == 1


def test_eval_prints_span_and_sentence_scores_and_the_misses(tmp_path, capsys):
    items = [
        {"id": "a", "text": "Kai is a liar.", "spans": [{"start": 9, "end": 13, "term": "liar", "category": "labelling"}]},
        {"id": "b", "text": "She is kind.", "spans": []},
        {"id": "c", "text": "He was so cross.", "spans": [{"start": 10, "end": 15, "term": "cross", "category": "labelling"}]},
    ]
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(i) for i in items), encoding="utf-8")
    code, out, _ = run(capsys, "eval", str(path))
    assert code == 0
    assert "precision 1.000" in out and "recall 0.500" in out
    assert "Misses (1)" in out and "'cross'" in out
    code, out, _ = run(capsys, "eval", "--format", "json", str(path))
    assert json.loads(out)["summary"]["span_f1"] == pytest.approx(2 / 3, abs=1e-3)


def test_unreadable_reasons_are_single_lines(tmp_path):
    (tmp_path / "x.docx").write_bytes(b"\x00\x01")
    with pytest.raises(UnreadableFile) as info:
        read_text(tmp_path / "x.docx")
    assert "\n" not in str(info.value)


def test_several_worker_processes_give_the_same_report_as_one(tmp_path, capsys):
    texts = [RISKY, CLEAN, 'Sam said: "Mum is an alcoholic."\n', "First line.\n" + RISKY]
    for number in range(24):
        (tmp_path / f"note{number:02}.txt").write_text(texts[number % len(texts)], encoding="utf-8")
    reports = []
    for jobs in ("1", "2"):
        code, out, _ = run(capsys, "check", "--format", "json", "--jobs", jobs, str(tmp_path))
        report = json.loads(out)
        del report["summary"]["seconds"]
        reports.append((code, report))
    assert reports[0] == reports[1]
    assert reports[0][1]["summary"]["warnings"] == 12
