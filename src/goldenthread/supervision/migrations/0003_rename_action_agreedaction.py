from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    """The model is named for what it is, so that three apps no longer each have an `Action`."""

    dependencies = [
        ("supervision", "0002_session_cancellation_reason"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="Action", new_name="AgreedAction"),
    ]
