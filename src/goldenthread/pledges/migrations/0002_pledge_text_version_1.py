"""Load version 1 of the partnership pledge from its data file."""

import tomllib
from pathlib import Path

from django.db import migrations

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "pledge-v1.toml"


def load(apps, schema_editor):
    PledgeText = apps.get_model("pledges", "PledgeText")
    Commitment = apps.get_model("pledges", "Commitment")
    data = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
    text, _ = PledgeText.objects.get_or_create(
        version=data["version"],
        defaults={"title": data["title"], "introduction": data["introduction"].strip(), "published_on": data["published_on"]},
    )
    for order, item in enumerate(data["commitments"]):
        Commitment.objects.get_or_create(pledge_text=text, code=item["code"], defaults={"strand": item["strand"], "text": item["text"], "order": order})


class Migration(migrations.Migration):
    dependencies = [("pledges", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
