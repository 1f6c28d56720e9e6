"""Placeholder views, replaced as the pages are written."""

from django.http import HttpResponse


def answer_question(request, *args, **kwargs):
    return HttpResponse(status=501)


def decide_share_request(request, *args, **kwargs):
    return HttpResponse(status=501)


def decide_suggestion(request, *args, **kwargs):
    return HttpResponse(status=501)


def from_the_family(request, *args, **kwargs):
    return HttpResponse(status=501)


def invite(request, *args, **kwargs):
    return HttpResponse(status=501)


def stop_sign_in(request, *args, **kwargs):
    return HttpResponse(status=501)
