"""Pages every person meets: home, sign-in and out, password reset, two-step verification, tokens, the audit log."""

import base64

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import reverse, reverse_lazy
from django.utils.safestring import mark_safe
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_http_methods, require_POST

from . import audit, permissions, ratelimits, safeguards, services
from .decorators import no_store
from .forms import (
    AcceptTermsForm,
    ApiTokenForm,
    ResetPasswordForm,
    SetUpCodeForm,
    SignInForm,
    TwoStepCodeForm,
    show_service_errors,
)
from .identity import partnership_identity
from .language import site_check
from .models import ApiToken, AuditEvent
from .navigation import home_cards_for, waiting_for
from .refusals import Refused, render_refusal


def home(request):
    if request.user.is_authenticated:
        return render(request, "core/home.html", {"waiting": waiting_for(request.user), "cards": home_cards_for(request.user)})
    return render(request, "core/front_page.html")


class BadRequestOnInvalidFormMixin:
    """Answer a form with errors with 400, as every other form on the site does."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class SignInView(BadRequestOnInvalidFormMixin, auth_views.LoginView):
    template_name = "core/sign_in.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        # Over a limit, no password is checked: the lockout's count is left alone, and the
        # answer is the same whether or not there is an account with the address.
        limited = ratelimits.over_limit(request, ratelimits.SIGN_IN_PER_CLIENT, ratelimits.SIGN_IN_PER_ACCOUNT)
        if limited:
            return ratelimits.too_many_requests(request, limited)
        return super().post(request, *args, **kwargs)


@require_POST
def sign_out(request):
    return auth_views.LogoutView.as_view()(request)


def signed_out(request):
    return render(request, "core/signed_out.html")


class ResetPasswordView(BadRequestOnInvalidFormMixin, auth_views.PasswordResetView):
    template_name = "core/password_reset.html"
    form_class = ResetPasswordForm
    email_template_name = "core/email/password_reset.txt"
    subject_template_name = "core/email/password_reset_subject.txt"
    success_url = reverse_lazy("core:password-reset-sent")

    def post(self, request, *args, **kwargs):
        # Counted by the address typed, whether or not it has an account, and answered alike.
        limited = ratelimits.over_limit(request, ratelimits.RESET_PER_CLIENT, ratelimits.RESET_PER_ADDRESS)
        if limited:
            return ratelimits.too_many_requests(request, limited)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "partnership": partnership_identity()}

    def form_valid(self, form):
        form.cleaned_data["email"] = form.cleaned_data["email"].strip()
        self.extra_email_context = {"partnership": partnership_identity()}
        return super().form_valid(form)


class ResetPasswordSentView(auth_views.PasswordResetDoneView):
    template_name = "core/password_reset_sent.html"


class ChooseNewPasswordView(BadRequestOnInvalidFormMixin, auth_views.PasswordResetConfirmView):
    template_name = "core/password_reset_confirm.html"
    success_url = reverse_lazy("core:password-reset-complete")


class PasswordChangedView(auth_views.PasswordResetCompleteView):
    template_name = "core/password_reset_complete.html"


@safeguards.verified_session_required
@require_http_methods(["GET", "POST"])
@no_store
def tokens(request):
    """Make and revoke API tokens: only in a session verified with two steps, since a token is a credential."""
    new_key = None
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _, new_key = services.create_api_token(
            request.user,
            by=request.user,
            name=form.cleaned_data["name"],
            device=request.user.otp_device,
            scope=form.cleaned_data["scope"],
            days=form.cleaned_data["days"],
        )
        form = ApiTokenForm()
    return render(
        request,
        "core/tokens.html",
        {"form": form, "tokens": request.user.api_tokens.all(), "new_key": new_key},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def revoke_token(request, token_id):
    """Revoking needs only a sign-in: taking a credential away never helps an attacker."""
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user)
    services.revoke_api_token(token, by=request.user)
    messages.success(request, f"The token ‘{token.name}’ no longer works.")
    return redirect("core:tokens")


@login_required
def audit_log(request):
    if not permissions.can_read_audit_log(request.user):
        raise PermissionDenied
    events = AuditEvent.objects.all()
    action = request.GET.get("action", "")
    if action in AuditEvent.Action.values:
        events = events.filter(action=action)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/audit_log.html",
        {"page": page, "lines": audit.lines(page), "actions": AuditEvent.Action.choices, "chosen_action": action},
    )


@cache_control(max_age=300)
def brand_css(request):
    colour = partnership_identity().brand_colour
    return HttpResponse(f":root {{ --gt-brand: {colour}; }}\n", content_type="text/css")


def privacy(request):
    return render(request, "core/privacy.html")


def accessibility(request):
    return render(request, "core/accessibility.html")


def csrf_failure(request, reason=""):
    return render(request, "core/errors/csrf.html", status=403)


def bad_request(request, exception=None):
    return render(request, "core/errors/400.html", status=400)


def permission_denied(request, exception=None):
    if isinstance(exception, Refused):
        return render_refusal(request, exception)
    return render(request, "core/errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "core/errors/404.html", status=404)


SERVER_ERROR_TEXT = "Sorry, there is a problem with the service. Nothing you had already saved has been lost. Try again in a few minutes."


def server_error(request):
    """The 500 page: a page of its own (no menu, no database), plain text if even that fails."""
    try:
        body = loader.render_to_string("core/errors/500.html")
    except Exception:  # the page that reports a fault must not fault itself
        return HttpResponseServerError(SERVER_ERROR_TEXT, content_type="text/plain; charset=utf-8")
    return HttpResponseServerError(body)


LANGUAGE_FEEDBACK_LIMIT = 20_000


@login_required
@require_POST
@no_store
def language_feedback(request):
    """Shared-language feedback on the text a person is typing: advice, never a block.

    The text is checked and forgotten: nothing is stored or logged. Asked for very often, it
    pauses for a moment with a short note (429) in place of the advice.
    """
    limited = ratelimits.over_limit(request, ratelimits.LANGUAGE_FEEDBACK_PER_PERSON)
    if limited:
        return ratelimits.language_feedback_paused(request, limited)
    field = request.POST.get("field", "")
    text = request.POST.get(field, "") if field and field != "csrfmiddlewaretoken" else ""
    too_long = len(text) > LANGUAGE_FEEDBACK_LIMIT
    to_child = request.POST.get("mode") == "child"  # written to a child or young person: plain words, with the reading age
    findings = [] if too_long else site_check(text, mode="child" if to_child else None)
    reading_age = next((f for f in findings if f.rule.endswith("reading-age")), None)
    return render(
        request,
        "core/_language_feedback.html",
        {
            "reading_age": reading_age,
            "faults": [f for f in findings if f.is_fault],
            "quoted": [f for f in findings if not f.is_fault and f.quoted],
            "too_long": too_long,
            "checked": bool(text.strip()),
        },
    )


# Two-step verification and acceptable-use terms, needed before any family record -------


@login_required
@require_http_methods(["GET", "POST"])
@no_store
def two_step_setup(request):
    """Set up two-step verification, or replace the authenticator: replacing needs a verified session and a current code."""
    import segno

    replacing = safeguards.has_two_step(request.user)
    if replacing and not safeguards.is_verified(request.user):
        return redirect(reverse("core:two-step-verify") + "?next=" + reverse("core:two-step-setup"))
    device = safeguards.pending_device(request.user) if request.method == "POST" else None
    if device is None:
        device = services.start_two_step_setup(request.user, by=request.user)
    form = SetUpCodeForm(request.POST or None, replacing=replacing)
    if request.method == "POST" and form.is_valid():
        try:
            codes = services.confirm_two_step_setup(
                device, by=request.user, code=form.cleaned_data["code"], current_code=form.cleaned_data.get("current_code", "")
            )
        except ValidationError as refusal:
            show_service_errors(form, refusal)
        else:
            safeguards.mark_session_verified(request, device)
            request.session["goldenthread_new_recovery_codes"] = codes
            return redirect(reverse("core:recovery-codes") + "?next=" + safeguards.safe_next(request))
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "core/two_step_setup.html",
        {
            "form": form,
            "qr_svg": mark_safe(segno.make(device.config_url, error="m").svg_inline(scale=5, title="QR code for your authenticator app")),  # noqa: S308 (our own fixed markup; every value in it is escaped first)
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": safeguards.safe_next(request),
            "replacing": replacing,
        },
        status=400 if form.errors else 200,
    )


@safeguards.verified_session_required
@require_http_methods(["GET", "POST"])
@no_store
def recovery_codes(request):
    """New recovery codes are a credential: shown once, made only in a verified session."""
    if request.method == "POST":
        verified_with_a_recovery_code = safeguards.verified_with_a_recovery_code(request.user)
        codes = services.replace_recovery_codes(request.user, by=request.user)
        if verified_with_a_recovery_code:
            safeguards.stay_verified_with_new_recovery_codes(request)
        request.session["goldenthread_new_recovery_codes"] = codes
        return redirect("core:recovery-codes")
    codes = request.session.pop("goldenthread_new_recovery_codes", None)
    return render(
        request,
        "core/recovery_codes.html",
        {"codes": codes, "next": safeguards.safe_next(request), "has_two_step": True},
    )


@login_required
@require_http_methods(["GET", "POST"])
def two_step_verify(request):
    if not safeguards.has_two_step(request.user):
        return redirect(reverse("core:two-step-setup") + "?next=" + safeguards.safe_next(request))
    if request.method == "POST" and (limited := ratelimits.over_limit(request, ratelimits.TWO_STEP_PER_ACCOUNT)):
        return ratelimits.too_many_requests(request, limited)
    form = TwoStepCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if safeguards.verify_second_step(request, form.cleaned_data["code"]):
            return redirect(safeguards.safe_next(request))
        form.add_error("code", safeguards.WRONG_SIGN_IN_CODE)
    return render(request, "core/two_step_verify.html", {"form": form, "next": safeguards.safe_next(request)}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def terms(request):
    form = AcceptTermsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.accept_terms(request.user, by=request.user)
        return redirect(safeguards.safe_next(request))
    return render(
        request,
        "core/terms.html",
        {
            "form": form,
            "terms": safeguards.current_terms(),
            "accepted": safeguards.has_accepted_current_terms(request.user),
            "next": safeguards.safe_next(request),
        },
        status=400 if form.errors else 200,
    )
