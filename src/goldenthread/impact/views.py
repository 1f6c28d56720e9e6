"""Impact's home page: each part's links for this person. Each part's own pages are in its package."""

from django.shortcuts import render

from goldenthread.core.decorators import READ, page

from . import menu, permissions

NOT_FOR_YOU = "Impact is for the people who work in the partnership's organisations. If you think it should include you, ask your organisation lead."


@page(READ, permissions.is_workforce, NOT_FOR_YOU)
def home(request):
    return render(request, "impact/home.html", {"sections": menu.home_links(request.user)})
