from django.conf import settings
from django.db import migrations


class Migration(migrations.Migration):
    """The model is named for what it is, so that three apps no longer each have an `Action`."""

    dependencies = [
        ("pledges", "0002_pledge_text_version_1"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RenameModel(old_name="Action", new_name="PledgeAction"),
    ]
