"""Your own training record, and a certificate for each course you completed."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from goldenthread.core.decorators import no_store

from .. import pdf, permissions, queries
from ._common import READ, require


@no_store
@login_required
@require_http_methods(list(READ))
def record(request):
    """Courses completed, sessions you came to, what is coming up, and your aha moments."""
    user = request.user
    require(permissions.can_see_own_record(user))
    return render(request, "training/record.html", {"record": queries.training_record(user), "aha_moments": list(queries.my_aha_moments(user))})


@no_store
@login_required
@require_http_methods(list(READ))
def certificate(request, public_id):
    """A certificate of completion as a PDF: for the person who completed the course, and for the trainers."""
    completion = queries.completion_by_id(public_id)
    if completion is None:
        raise Http404
    require(permissions.can_download_certificate(request.user, completion), "A certificate can be downloaded by the person who completed the course.")
    response = HttpResponse(pdf.certificate_pdf(completion), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{completion.completed_on:%Y-%m-%d}.pdf"'
    return response
