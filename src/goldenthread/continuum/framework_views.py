"""Framework pages for partnership admins: every framework and its versions, one version in
full, a version as a file to download, and uploading an edited file as a new version."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_http_methods

from goldenthread.core import permissions as core_permissions
from goldenthread.core.govuk import render_component
from goldenthread.core.pages import render_form_page

from . import frameworks
from .models import Domain, Framework, Item


class FrameworkUploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a framework file",
        help_text=f"A .toml file you downloaded from this site and edited, smaller than {frameworks.MAX_FILE_BYTES // 1024} KB.",
        error_messages={
            "required": "Select a framework file to upload",
            "empty": "The selected file is empty. Choose a framework file that has content.",
            "invalid": "Select a framework file to upload",
            "missing": "Select a framework file to upload",
        },
    )

    problem_count = 0

    def add_problems(self, error: frameworks.FrameworkFileError) -> None:
        """Every problem found in the file, shown in the error summary; the count by the field."""
        self.problem_count = len(error.problems)
        for problem in error.shown_problems:
            self.add_error("file", problem)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > frameworks.MAX_FILE_BYTES:
            raise forms.ValidationError(f"The selected file must be smaller than {frameworks.MAX_FILE_BYTES // 1024} KB.")
        return upload

    def file_upload_component(self):
        """The GOV.UK file upload component for the file field, with its error if there is one."""
        field = self["file"]
        errors = field.errors
        count = max(self.problem_count, len(errors))
        error = None
        if count == 1:
            error = {"text": errors[0]}
        elif errors:
            error = {"text": f"The file has {count} problems, listed at the top of the page. Fix them and upload the file again."}
        return render_component(
            "file-upload",
            {
                "id": field.auto_id,
                "name": field.html_name,
                "label": {"text": str(field.label), "classes": "govuk-label--m"},
                "hint": {"text": str(field.help_text)},
                "errorMessage": error,
                "attributes": {"accept": ".toml,text/plain"},
            },
        )


def _require_admin(request):
    if not core_permissions.is_partnership_admin(request.user):
        raise PermissionDenied


def _version(code, version) -> Framework:
    return get_object_or_404(Framework, code=code, version=version)


@login_required
@require_http_methods(["GET", "HEAD"])
def framework_list(request):
    """Every framework, each with its versions, which one is current and how many rounds use it."""
    _require_admin(request)
    versions = Framework.objects.annotate(
        domain_count=Count("domains", distinct=True),
        item_count=Count("domains__items", distinct=True),
        assessment_count=Count("assessments", distinct=True),
    ).order_by("code", "-version")
    grouped: dict[str, list[Framework]] = {}
    for framework in versions:
        grouped.setdefault(framework.code, []).append(framework)
    return render(request, "continuum/frameworks/list.html", {"frameworks": list(grouped.values())})


@login_required
@require_http_methods(["GET", "HEAD"])
def framework_detail(request, code, version):
    """One version in full: its answer scale, stages, domains, statements and guidance."""
    _require_admin(request)
    framework = get_object_or_404(
        Framework.objects.prefetch_related(
            Prefetch("domains", queryset=Domain.objects.order_by("order", "id").prefetch_related(Prefetch("items", queryset=Item.objects.order_by("order", "id"))))
        ),
        code=code,
        version=version,
    )
    current = framework if framework.is_current else Framework.objects.filter(code=code, is_current=True).first()
    domains = list(framework.domains.all())
    return render(
        request,
        "continuum/frameworks/detail.html",
        {
            "framework": framework,
            "current": current,
            "domains": domains,
            "item_count": sum(len(domain.items.all()) for domain in domains),
            "bands": frameworks.stages(framework),
            "assessment_count": framework.assessments.count(),
            "language_notes": frameworks.language_notes(frameworks.framework_data(framework)),
        },
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def framework_download(request, code, version):
    """A version as a TOML file, to edit and upload as the next version."""
    _require_admin(request)
    framework = _version(code, version)
    response = HttpResponse(frameworks.export_framework(framework), content_type="application/toml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{frameworks.download_filename(framework)}"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def framework_upload(request):
    """Upload an edited framework file. A file with problems is shown with every problem; nothing is saved."""
    _require_admin(request)
    form = FrameworkUploadForm(request.POST, request.FILES) if request.method == "POST" else FrameworkUploadForm()
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            outcome = frameworks.import_framework_file(upload.read(frameworks.MAX_FILE_BYTES + 1), by=request.user)
        except frameworks.FrameworkFileError as error:
            form.add_problems(error)
        else:
            framework = outcome.framework
            if outcome.created:
                messages.success(request, f"Version {framework.version} of {framework.title} is now the current version. Past assessments keep the version they were answered on.")
            else:
                messages.info(request, f"That file is the same as version {framework.version}, the current version of {framework.title}, so nothing has changed.")
            return redirect("continuum:framework", framework.code, framework.version)
    return render_form_page(request, "continuum/frameworks/upload.html", {"file_upload": form.file_upload_component()}, form)


urlpatterns = [
    path("frameworks/", framework_list, name="frameworks"),
    path("frameworks/upload/", framework_upload, name="framework-upload"),
    path("frameworks/<slug:code>/<int:version>/", framework_detail, name="framework"),
    path("frameworks/<slug:code>/<int:version>/download/", framework_download, name="framework-download"),
]
