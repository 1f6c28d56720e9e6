"""Pages."""
from django.shortcuts import render


def wall(request):
    return render(request, "core/front_page.html")
