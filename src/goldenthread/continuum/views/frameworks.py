"""Framework pages for partnership admins: every framework and its versions, one version in
full, a version as a file to download, and uploading an edited file as a new version."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from goldenthread.core.pages import render_form_page
from goldenthread.core.refusals import Refused

from .. import frameworks, permissions, services
from ..forms import FrameworkUploadForm
from ..models import Domain, Framework, Item


def _require_admin(request):
    if not permissions.can_change_frameworks(request.user):
        raise Refused()


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
            Prefetch(
                "domains", queryset=Domain.objects.order_by("order", "id").prefetch_related(Prefetch("items", queryset=Item.objects.order_by("order", "id")))
            )
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
            outcome = services.import_framework_file(upload.read(frameworks.MAX_FILE_BYTES + 1), by=request.user)
        except frameworks.FrameworkFileError as error:
            form.add_problems(error)
        else:
            framework = outcome.framework
            if outcome.created:
                messages.success(
                    request,
                    f"Version {framework.version} of {framework.title} is now the current version. Past assessments keep the version they were answered on.",
                )
            else:
                messages.info(
                    request, f"That file is the same as version {framework.version}, the current version of {framework.title}, so nothing has changed."
                )
            return redirect("continuum:framework", framework.code, framework.version)
    return render_form_page(request, "continuum/frameworks/upload.html", {"file_upload": form.file_upload_component()}, form)
