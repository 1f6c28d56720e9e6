"""`manage.py check --deploy`: sign-in codes are never shown on screen outside the demo."""

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def sign_in_codes_are_not_shown(app_configs, **kwargs):
    if not getattr(settings, "GOLDENTHREAD_SHOW_SIGN_IN_CODES", False):
        return []
    return [Error("GOLDENTHREAD_SHOW_SIGN_IN_CODES is for the demo only: turn it off, so sign-in codes go only to the family member.", id="family_door.E001")]
