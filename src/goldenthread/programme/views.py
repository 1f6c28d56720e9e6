"""The programme's home page: what is going on, and how you can get involved. Each part's own pages are in its package."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from goldenthread.core.refusals import Refused

from . import menu, permissions, principles

NOT_FOR_YOU = "The programme is for the people who work in the partnership's organisations. If you think it should include you, ask your organisation lead."


@login_required
@require_http_methods(["GET", "HEAD"])
def home(request):
    if not permissions.is_workforce(request.user):
        raise Refused(NOT_FOR_YOU)
    return render(request, "programme/home.html", {"sections": menu.home_links(request.user), "principles": principles.principles()})
