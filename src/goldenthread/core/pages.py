"""Helpers every app's views share: the form page, from showing the form to the redirect after saving.

The pattern every form page follows, written once in `form_page`:

    form = forms.ActionForm(request.POST or None)
    return form_page(
        request, form, template="supervision/action_form.html", context={"session": session},
        action=lambda data: services.add_action(session, by=request.user, **form.action_values()),
        success_message="The action is added.", success_url=session.get_absolute_url(),
    )
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from .forms import show_service_errors
from .language import words_to_check
from .refusals import EditConflict


def render_form_page(request, template, context, form=None):
    """Render a page with a form; a form with errors comes back with status 400, everything typed kept."""
    failed = form is not None and form.is_bound and bool(form.errors)
    return render(request, template, {**context, "form": form}, status=400 if failed else 200)


def apply_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: its own `apply_service_errors` when it has one."""
    if hasattr(form, "apply_service_errors"):
        form.apply_service_errors(error)
    else:
        show_service_errors(form, error)


def _with_saved_version(form, conflict: EditConflict, version_field: str):
    """Keep what the person typed, with the saved version's number, so saving again replaces what is saved now."""
    name = form.add_prefix(version_field)
    if version_field in form.fields and hasattr(form.data, "copy"):
        typed = form.data.copy()
        typed[name] = str(conflict.current_version)
        form.data = typed
    return form


def form_page(
    request,
    form,
    *,
    template: str,
    action: Callable[[dict], Any],
    success_url: str | Callable[[Any], str],
    success_message: str | Callable[[Any], str] | None = None,
    context: dict | None = None,
    conflict_context: Callable[[EditConflict], dict] | None = None,
    version_field: str = "version",
    check_words: Sequence[str] | Callable[[dict], Sequence[str]] = (),
    shared_with: str = "",
):
    """The form page: show the form; on a valid POST ask the service, then say it is done and redirect.

    - GET, or a POST whose form has mistakes: the page, 400 when the form shows errors.
    - A valid POST: `action(form.cleaned_data)` calls the service. What it returns is passed
      to `success_message` and `success_url` when they are callables.
    - The service refuses (ValidationError): its messages go on the form; 400.
    - Someone else saved first (EditConflict): 409, with what was typed kept in the form
      (its hidden version moved on to the saved one) and `conflict` in the context; add
      more (the saved record, an access-log line) with `conflict_context(conflict)`.
    - Success: `success_message` as a message, and a redirect to `success_url`.
    - Words that will be published or shared (`check_words`, the form's field names, and
      `shared_with`, where they go): the first valid POST shows the shared-language findings
      on the page instead of saving, each with its suggestion; sending the same words again
      saves them as they are (advice, never a block; see `core.language`).
    A refusal (`core.refusals.Refused`) is not caught here: it reaches the 403 page.
    """
    context = context or {}
    if request.method == "POST" and form.is_bound and form.is_valid():
        review = words_to_check(request, form, check_words, shared_with=shared_with) if check_words else None
        if review is not None:
            return render(request, template, {**context, "form": form, "words_to_check": review})
        try:
            result = action(form.cleaned_data)
        except EditConflict as conflict:
            form = _with_saved_version(form, conflict, version_field)
            extra = conflict_context(conflict) if conflict_context else {}
            return render(request, template, {**context, "conflict": conflict, **extra, "form": form}, status=409)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            message = success_message(result) if callable(success_message) else success_message
            if message:
                messages.success(request, message)
            return redirect(success_url(result) if callable(success_url) else success_url)
    return render_form_page(request, template, context, form)
