"""The family's view of who has looked at their record (as a page and a PDF), and the whole record as JSON or PDF."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import render

from .. import exports
from ._common import _family, family_page


@family_page("GET", "HEAD")
def access_account(request, family_id):
    """The printable account of everyone who looked at or changed the record, and why."""
    family = _family(family_id)
    rows = exports.subject_access_account(family, user=request.user)
    return render(request, "families/access_account.html", {"family": family, "rows": rows})


@family_page("GET", "HEAD")
def access_account_pdf(request, family_id):
    family = _family(family_id)
    return _download(exports.subject_access_pdf(family, user=request.user), "application/pdf", f"access-account-{family.reference}.pdf")


@family_page("GET", "HEAD")
def export_json(request, family_id):
    family = _family(family_id)
    content = json.dumps(exports.export_json(request.user, family), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return _download(content, "application/json; charset=utf-8", f"family-record-{family.reference}.json")


@family_page("GET", "HEAD")
def export_pdf(request, family_id):
    family = _family(family_id)
    return _download(exports.export_pdf(request.user, family), "application/pdf", f"family-record-{family.reference}.pdf")


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
