"""Every stored address in the one spelling sign-in compares: Unicode-normalised, trimmed, lower case."""

import unicodedata

from django.db import migrations


def normalise_addresses(apps, schema_editor):
    User = apps.get_model("core", "User")
    taken = set(User.objects.values_list("email", flat=True))
    for user in User.objects.all().only("pk", "email"):
        spelling = unicodedata.normalize("NFKC", user.email or "").strip().lower()[:254]
        if spelling != user.email and spelling not in taken:
            User.objects.filter(pk=user.pk).update(email=spelling)
            taken.add(spelling)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_api_tokens_tied_to_two_step")]
    operations = [migrations.RunPython(normalise_addresses, migrations.RunPython.noop)]
