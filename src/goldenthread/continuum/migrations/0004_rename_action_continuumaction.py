from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    """The model is named for what it is, so that three apps no longer each have an `Action`."""

    dependencies = [
        ("continuum", "0003_alter_action_owner_alter_action_status"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="Action", new_name="ContinuumAction"),
    ]
