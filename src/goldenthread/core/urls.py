from django.conf import settings
from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("sign-in/", views.SignInView.as_view(), name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("password-reset/", views.ResetPasswordView.as_view(), name="password-reset"),
    path("password-reset/sent/", views.ResetPasswordSentView.as_view(), name="password-reset-sent"),
    path("password-reset/<uidb64>/<token>/", views.ChooseNewPasswordView.as_view(), name="password-reset-confirm"),
    path("password-reset/done/", views.PasswordChangedView.as_view(), name="password-reset-complete"),
    path("account/two-step/", views.two_step_setup, name="two-step-setup"),
    path("account/two-step/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("two-step/", views.two_step_verify, name="two-step-verify"),
    path("account/terms/", views.terms, name="terms"),
    path("account/tokens/", views.tokens, name="tokens"),
    path("account/tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke-token"),
    path("audit-log/", views.audit_log, name="audit-log"),
    path("language/feedback/", views.language_feedback, name="language-feedback"),
    path("brand.css", views.brand_css, name="brand-css"),
    path("favicon.ico", RedirectView.as_view(url=f"{settings.STATIC_URL}goldenthread/favicon.svg", permanent=True), name="favicon"),
    path("privacy/", views.privacy, name="privacy"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
