"""The whole record as JSON or PDF, and the family's printable account of who has looked.

Exports carry only the parts the person may see, each read through `access` and logged as
an export. The subject-access account is the family's access log in plain words; it may be
produced by a team member of the recording organisation, the data protection lead, or the
family member.
"""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils import timezone
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from goldenthread.core.refusals import Refused

from . import access, queries, rules
from .access import Action, Basis
from .models import AccessLogEntry, Part

ACTION_WORDS = {
    Action.VIEW: "Looked at",
    Action.CREATE: "Added to",
    Action.UPDATE: "Changed",
    Action.DELETE: "Removed from",
    Action.EXPORT: "Downloaded a copy of",
    Action.SEARCH: "Searched for a family and was shown that this record exists",
    Action.EMERGENCY: "Opened the record with emergency access",
    Action.REVIEW: "Reviewed an emergency access",
    Action.ERASE: "The record was erased under the retention rules",
    Action.ANONYMISE: "The record was anonymised under the retention rules",
}
BASIS_WORDS = {
    Basis.CONSENT: "The family agreed that their organisation may see this",
    Basis.RECORDING_ORGANISATION: "They work in the team of the organisation that holds the record",
    Basis.TEAM: "They are in the team around the family",
    Basis.EMERGENCY: "Emergency access to keep a child safe (reviewed by the data protection lead)",
    Basis.FAMILY_MEMBER: "A member of the family, looking at their own record",
    Basis.DATA_PROTECTION: "The data protection lead, checking the record is used properly",
    Basis.RETENTION: "The partnership's rules on how long records are kept",
    Basis.REFUSED: "They were not allowed, so nothing was shown or changed",
    access.SEARCH_BASIS: "Checking the family is not recorded twice",
}


def _gather(user, family) -> dict:
    """Read every visible part for an export, logging each; refuse (and log) if nothing is visible."""
    decisions = access.decide_all(user, family)
    visible = [part for part, decision in decisions.items() if decision.allowed]
    if not visible:
        access.log_decision(user, family, Action.EXPORT, decisions[Part.STORY], "Export of the record")
        raise Refused(decisions[Part.STORY].refusal_reason)
    logged = access.read_parts(user, family, visible, detail="Export of the record", action=Action.EXPORT)
    return queries.record_data(family, logged)


def export_json(user, family) -> dict:
    """The parts of the record the person may see, as JSON-ready values."""
    data = _gather(user, family)
    data["exported_at"] = timezone.now().isoformat()
    data["exported_by"] = user.full_name
    return data


# --- PDF ------------------------------------------------------------------------------------


def _styles():
    sheet = getSampleStyleSheet()
    body = ParagraphStyle("GTBody", parent=sheet["BodyText"], fontName="Helvetica", fontSize=10, leading=14)
    return {
        "title": ParagraphStyle("GTTitle", parent=sheet["Title"], fontName="Helvetica-Bold", fontSize=18, leading=22, alignment=0),
        "heading": ParagraphStyle("GTHeading", parent=sheet["Heading2"], fontName="Helvetica-Bold", fontSize=13, leading=17),
        "subheading": ParagraphStyle("GTSub", parent=sheet["Heading3"], fontName="Helvetica-Bold", fontSize=11, leading=15),
        "body": body,
        "small": ParagraphStyle("GTSmall", parent=body, fontSize=8, leading=11),
    }


def _p(text, style) -> Paragraph:
    """A paragraph of someone's words, escaped so nothing they typed is read as markup."""
    return Paragraph(escape(str(text or "")).replace("\n", "<br/>"), style)


def _table(rows, widths, style):
    table = Table([[_p(cell, style) for cell in row] for row in rows], colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _build(title: str, flow) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, author="Golden Thread", leftMargin=18 * mm, rightMargin=18 * mm, topMargin=18 * mm, bottomMargin=18 * mm
    )
    document.build(flow)
    return buffer.getvalue()


def export_pdf(user, family) -> bytes:
    """The parts of the record the person may see, as a printable PDF."""
    data = _gather(user, family)
    s = _styles()
    flow = [_p(f"Family record {data['reference']}", s["title"])]
    if "family_name" in data:
        flow.append(_p(data["family_name"], s["heading"]))
    flow.append(_p(f"Printed on {timezone.localtime():%d %B %Y at %H:%M} by {user.full_name}. It holds only the parts of the record they may see.", s["small"]))
    flow.append(Spacer(1, 6 * mm))
    if "household" in data:
        flow.append(_p(access.PART_LABELS[access.HOUSEHOLD], s["heading"]))
        rows = [["Name", "Who they are", "Date of birth"]] + [
            [
                " ".join(filter(None, [p["first_name"], p["last_name"]])) + (" (at the centre)" if p["is_focus"] else ""),
                p["role_in_family"],
                p["date_of_birth"] or "",
            ]
            for p in data["household"]
        ]
        flow.append(_table(rows, [70 * mm, 50 * mm, 50 * mm], s["body"]))
    if "contact_details" in data:
        flow += [_p("Contact details", s["heading"]), _p(data["contact_details"] or "None recorded.", s["body"])]
    if "story" in data:
        flow.append(_p("The family's story", s["heading"]))
        for entry in data["story"] or [{"story": "Nothing recorded yet.", "told_on": "", "who_was_there": "", "how_agreed": ""}]:
            if entry["told_on"]:
                flow.append(
                    _p(f"Told on {entry['told_on']}; who was there: {entry['who_was_there']}; how the family agreed: {entry['how_agreed']}", s["small"])
                )
            flow.append(_p(entry["story"], s["body"]))
    if "profiles" in data:
        flow.append(_p("One-page profiles", s["heading"]))
        for profile in data["profiles"]:
            flow.append(_p(profile["name"], s["subheading"]))
            for label, key in (
                (rules.LIKED_AND_ADMIRED.label, "liked_and_admired"),
                (rules.IMPORTANT_TO_ME.label, "important_to_me"),
                (rules.HOW_TO_SUPPORT_ME.label, "how_to_support_me"),
            ):
                flow += [_p(label, s["small"]), _p(profile[key], s["body"])]
    if "chronology" in data:
        flow.append(_p("Chronology of significant events", s["heading"]))
        rows = [["When", "What happened", "What it meant for the child", "Recorded by"]] + [
            [e["occurred_on"], e["what_happened"], e["meaning_for_child"], e["organisation"]] for e in data["chronology"]
        ]
        flow.append(_table(rows, [24 * mm, 58 * mm, 58 * mm, 34 * mm], s["body"]))
    if "team" in data:
        flow.append(_p(access.PART_LABELS[access.TEAM], s["heading"]))
        rows = [["Name", "Organisation", "Lead practitioner"]] + [[m["name"], m["organisation"], "Yes" if m["is_lead"] else ""] for m in data["team"]]
        flow.append(_table(rows, [60 * mm, 80 * mm, 34 * mm], s["body"]))
    if "consents" in data:
        flow.append(_p("The family's agreements", s["heading"]))
        rows = [["Organisation", "Parts", "From", "Until", "Now"]] + [
            [
                c["organisation"],
                ", ".join(c["parts"]),
                c["valid_from"] or "",
                c["valid_until"] or "no end date",
                "Withdrawn" if c["withdrawn_at"] else ("In force" if c["is_live"] else "Not in force"),
            ]
            for c in data["consents"]
        ]
        flow.append(_table(rows, [50 * mm, 50 * mm, 24 * mm, 26 * mm, 24 * mm], s["body"]))
    return _build(f"Family record {data['reference']}", flow)


# --- the subject-access account -------------------------------------------------------------


def describe(entry: AccessLogEntry) -> str:
    """One line of the log in plain words: 'Looked at the family's story'."""
    part = access.PART_LABELS.get(entry.part, "")
    words = ACTION_WORDS.get(entry.action, entry.action.replace("-", " ").capitalize())
    if entry.basis == Basis.REFUSED:
        return f"Tried to {entry.action.replace('-', ' ')} {part.lower() or 'the record'}, and was not allowed"
    if part and entry.action in (Action.VIEW, Action.CREATE, Action.UPDATE, Action.DELETE, Action.EXPORT):
        return f"{words} {part[0].lower() + part[1:]}"
    if entry.action in (Action.VIEW, Action.CREATE, Action.UPDATE, Action.DELETE, Action.EXPORT):
        return f"{words} the record"
    return words


def subject_access_account(family, *, user=None) -> list[dict]:
    """Who looked at or changed what, when and why, oldest first. With `user`, their permission is checked and logged."""
    if user is not None:
        _check_subject_access(user, family, "The record of who has looked (on screen)")
    return [
        {
            "when": timezone.localtime(entry.at),
            "who": entry.user_label,
            "organisation": entry.organisation_label,
            "what": describe(entry),
            "why": BASIS_WORDS.get(entry.basis, entry.get_basis_display()),
            "detail": entry.detail,
            "emergency": entry.emergency_id is not None or entry.basis == Basis.EMERGENCY,
            "refused": entry.basis == Basis.REFUSED,
        }
        for entry in queries.access_log(family)
    ]


def _check_subject_access(user, family, detail):
    decision = access.read(user, family, access.ACCESS_LOG, detail=detail, action=Action.EXPORT)
    if not decision.allowed:
        raise Refused(decision.refusal_reason)


def subject_access_pdf(family, *, user=None) -> bytes:
    """A printable account, for the family, of everyone who has looked at or changed their record and why."""
    if user is not None:
        _check_subject_access(user, family, "A printable account of who has looked, for the family")
    rows = subject_access_account(family)
    s = _styles()
    flow = [
        _p(f"Who has looked at your family's record ({family.reference})", s["title"]),
        _p(
            "This is a list of everyone who has looked at or changed your family's record, when they did it and why "
            "they were allowed to. If anyone was not allowed, it says so: they saw nothing. If something here worries "
            "you, ask your lead practitioner or the partnership's data protection lead; you have the right to ask.",
            s["body"],
        ),
        _p(f"Printed on {timezone.localtime():%d %B %Y at %H:%M}.", s["small"]),
        Spacer(1, 6 * mm),
    ]
    if not rows:
        flow.append(_p("Nobody has looked at or changed the record yet.", s["body"]))
    else:
        table_rows = [["When", "Who", "What they did", "Why they could"]] + [
            [
                f"{row['when']:%d %b %Y %H:%M}",
                f"{row['who']}" + (f", {row['organisation']}" if row["organisation"] else ""),
                row["what"] + (" (emergency access)" if row["emergency"] and row["what"] != ACTION_WORDS[Action.EMERGENCY] else ""),
                row["why"],
            ]
            for row in rows
        ]
        flow.append(_table(table_rows, [28 * mm, 44 * mm, 52 * mm, 50 * mm], s["small"]))
    return _build(f"Who has looked at family record {family.reference}", flow)
