"""What the resources tests share: files of each kind the library takes (made here, byte by byte), and a guide in the library.

Jo Park (champion, Riverbend Children's Services) adds most resources; Sam Okafor leads Riverbend;
Alex Morgan leads the partnership; Riley Shah is a practitioner there. Every file is saved under
a temporary folder for each test (`MEDIA_ROOT`). Everything here is fictional.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from goldenthread.programme.resources import services

CLEAN_WORDS = "Ask the family what helps. Say what will happen next, and when you will be back in touch."
WORDS_WITH_ADVICE = "Kai is a liar. The LAC review is on Monday."  # two things the shared-language check flags (fictional)


@pytest.fixture(autouse=True)
def files_in_a_temporary_folder(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def pdf_bytes(text: str = CLEAN_WORDS, *, password: str | None = None) -> bytes:
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
    return data


def docx_bytes(text: str = CLEAN_WORDS) -> bytes:
    import docx

    document = docx.Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def odt_bytes(text: str = CLEAN_WORDS) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    for line in text.splitlines():
        document.text.addElement(P(text=line))
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def broken_docx_bytes() -> bytes:
    """A zip that says it is a Word document, but whose document part is missing: as a half-copied file would be."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr("word/document.xml", "<w:document this is not finished")
    return buffer.getvalue()


MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x64" + bytes(400)
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(400)


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def resource_details(**changes) -> dict:
    """What a person types to add a resource (without its file or link)."""
    details = {
        "title": "Writing with families: words that help (fictional)",
        "summary": "How to write records families can read without feeling judged.",
        "kind": "guide",
        "principles": ["safety", "connectedness"],
        "sectors": ["childrens-social-care"],
        "domains": ["language"],
        "roles": ["practitioner"],
        "organisation": "",
        "note": "Agreed by the practice group in March.",
        "link": "",
    }
    details.update(changes)
    return details


@pytest.fixture
def guide(champion, childrens_services):
    """Jo Park's guide, a Markdown file, version 1, from Riverbend Children's Services."""
    return services.add_resource(
        by=champion,
        organisation=childrens_services,
        title="Writing with families: words that help (fictional)",
        summary="How to write records families can read without feeling judged.",
        kind="guide",
        principles=["safety", "connectedness"],
        sectors=["childrens-social-care"],
        domains=["language"],
        roles=["practitioner"],
        upload=upload("writing-with-families.md", b"# Writing with families\n\nDescribe what happened, not what kind of person someone is.\n"),
    )


@pytest.fixture
def linked_tool(partnership_lead):
    """Alex Morgan's tool, a link, for the partnership as a whole."""
    return services.add_resource(
        by=partnership_lead,
        title="Team check-in after a hard day (fictional)",
        summary="A ten-minute structure for a team to pause together after a difficult event.",
        kind="tool",
        principles=["calming"],
        sectors=["fire", "health"],
        domains=["staff"],
        roles=["organisation-lead"],
        link="https://www.partnership.riverbend.example/team-check-in",
    )
