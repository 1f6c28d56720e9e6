"""`manage.py check --deploy`: production needs its own key for check-in answers (see `crypto.py`)."""

from django.core.checks import Error, Tags, register

from .crypto import KEYS_VARIABLE, keys_from_environment


@register(Tags.security, deploy=True)
def wellbeing_key_is_set(app_configs, **kwargs):
    if keys_from_environment():
        return []
    return [
        Error(
            f"Set {KEYS_VARIABLE} to a Fernet key kept outside the database, so that wellbeing check-ins are encrypted with a key of their own.",
            id="wellbeing.E001",
        )
    ]
