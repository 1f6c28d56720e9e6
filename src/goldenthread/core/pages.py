"""Helpers every app's views share."""

from django.shortcuts import render


def render_form_page(request, template, context, form=None):
    """Render a page with a form; a form with errors comes back with status 400, everything typed kept."""
    failed = form is not None and form.is_bound and bool(form.errors)
    return render(request, template, {**context, "form": form}, status=400 if failed else 200)
