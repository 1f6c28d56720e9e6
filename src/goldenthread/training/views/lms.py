"""Bring your own learning system (trainers and partnership leads): upload a CSV, see every row checked, confirm, and download ours."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from goldenthread.core.decorators import no_store
from goldenthread.core.forms import show_service_errors

from .. import permissions
from ..lms import exports, formats
from ..lms import services as lms_services
from ..lms.forms import KIND_HINTS, LmsUploadForm
from ..models import LmsImport
from ._common import FORM, READ, require

SHOWN_ROWS = 50  # rows to add listed on the check page; the rest are counted


def _kinds(user) -> list[str]:
    return [kind for kind in LmsImport.Kind.values if permissions.can_import_from_lms(user, kind)]


def _context(request, **extra) -> dict:
    kinds = _kinds(request.user)
    return {
        "kinds": [(kind, LmsImport.Kind(kind).label, KIND_HINTS[kind], formats.COLUMNS[kind]) for kind in kinds],
        "recent": list(LmsImport.objects.select_related("checked_by").order_by("-checked_at", "-id")[:10]),
        "shown_rows": SHOWN_ROWS,
        **extra,
    }


def _rejected_words(report) -> str:
    lines = len(report.rejected_lines)
    if not lines:
        return report.problems[0].what + " " + report.problems[0].todo
    return (
        f"{lines} row{'s' if lines != 1 else ''} cannot be imported, so nothing has been imported. "
        "Each is listed below with what to do. Fix them all and upload the file again"
    )


@login_required
@no_store
@require_http_methods(list(FORM))
def lms(request):
    """Upload a file: every row is checked; a file with no rejected row is kept for the person to confirm."""
    user = request.user
    kinds = _kinds(user)
    require(bool(kinds), lms_services.RUNS_TRAINING)
    posted = request.method == "POST"
    form = LmsUploadForm(request.POST, request.FILES, kinds=kinds) if posted else LmsUploadForm(kinds=kinds)
    report = None
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report, kept = lms_services.keep_for_confirming(form.cleaned_data["kind"], upload, by=user, file_name=upload.name)
        except ValidationError as error:
            show_service_errors(form, error)
        else:
            if kept is not None:
                return redirect("training:lms-check", kept.public_id)
            if report.ok:
                messages.info(request, lms_services.NOTHING_TO_ADD + ".")
            else:
                form.add_error("file", _rejected_words(report))
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "training/lms/upload.html", _context(request, form=form, report=report, file_upload=form.file_upload_component()), status=status)


def _kept(request, public_id) -> LmsImport:
    found = LmsImport.objects.filter(public_id=public_id).select_related("checked_by").first()
    if found is None:
        raise Http404
    return found


@login_required
@no_store
@require_http_methods(list(FORM))
def lms_check(request, public_id):
    """A checked file: what will be added and what is already here; import it all, or set it aside."""
    kept = _kept(request, public_id)
    user = request.user
    if kept.status != LmsImport.Status.CHECKED:
        require(permissions.can_import_from_lms(user, kept.kind), lms_services.RUNS_TRAINING)
        return render(request, "training/lms/done.html", {"kept": kept})
    try:
        if request.method == "POST" and request.POST.get("action") == "set-aside":
            lms_services.set_aside(kept, by=user)
            messages.info(request, "The file is set aside: nothing was imported, and its text is no longer kept.")
            return redirect("training:lms")
        if request.method == "POST":
            report = lms_services.import_kept(kept, by=user)
            if report.imported:
                messages.success(request, _imported_words(report))
                return redirect("training:lms-check", kept.public_id)
            if report.ok:
                messages.info(request, lms_services.NOTHING_TO_ADD + ".")
                return redirect("training:lms")
        else:
            report = lms_services.check_kept(kept, by=user)
    except ValidationError as error:
        messages.info(request, " ".join(error.messages))
        return redirect("training:lms")
    status = 200 if report.ok else 400
    return render(request, "training/lms/check.html", {"kept": kept, "report": report, "shown_rows": SHOWN_ROWS}, status=status)


def _imported_words(report) -> str:
    added, unchanged = len(report.to_add), len(report.unchanged)
    noun = {formats.PEOPLE: ("person", "people"), formats.COURSES: ("course", "courses"), formats.COMPLETIONS: ("completed course", "completed courses")}
    one, many = noun[report.kind]
    words = f"Imported: {added} {one if added == 1 else many} added."
    if report.kind == formats.PEOPLE:
        words += " Each new person is e-mailed an invitation to choose a password." if added else ""
    if unchanged:
        words += f" {unchanged} already on Golden Thread, left as {'it is' if unchanged == 1 else 'they are'}."
    return words


def _csv_response(text: str, filename: str) -> HttpResponse:
    # A byte-order mark first, so that Excel reads the file as UTF-8; the import accepts it.
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _kind_or_404(kind: str) -> str:
    if kind not in LmsImport.Kind.values:
        raise Http404
    return kind


@login_required
@no_store
@require_http_methods(list(READ))
def lms_export(request, kind):
    """People, courses or completed courses as CSV, in the columns the import reads."""
    kind = _kind_or_404(kind)
    require(permissions.can_export_to_lms(request.user, kind), lms_services.ONLY_PARTNERSHIP_LEADS if kind == formats.PEOPLE else lms_services.RUNS_TRAINING)
    return _csv_response(exports.export_csv(kind), f"golden-thread-{kind}-{timezone.localdate().isoformat()}.csv")


@login_required
@require_http_methods(list(READ))
def lms_template(request, kind):
    """An empty file with the columns the import reads, and one made-up row."""
    kind = _kind_or_404(kind)
    require(permissions.can_import_from_lms(request.user, kind), lms_services.ONLY_PARTNERSHIP_LEADS if kind == formats.PEOPLE else lms_services.RUNS_TRAINING)
    return _csv_response(exports.template_csv(kind), f"golden-thread-{kind}-template.csv")
