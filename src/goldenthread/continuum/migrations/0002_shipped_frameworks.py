"""Load version 1 of the general and schools frameworks from their data files."""

from django.db import migrations

from goldenthread.continuum.frameworks import SHIPPED_FILES, load_shipped


def load(apps, schema_editor):
    Framework = apps.get_model("continuum", "Framework")
    Domain = apps.get_model("continuum", "Domain")
    Item = apps.get_model("continuum", "Item")
    for name in SHIPPED_FILES:
        data = load_shipped(name)  # the shared, pure reading and checking
        if Framework.objects.filter(code=data.code).exists():
            continue
        framework = Framework.objects.create(
            code=data.code,
            version=1,
            kind=data.kind,
            title=data.title,
            description=data.description,
            scale=data.scale_json(),
            bands=data.bands_json(),
            is_current=True,
        )
        for domain_order, domain_data in enumerate(data.domains):
            domain = Domain.objects.create(
                framework=framework, code=domain_data.code, title=domain_data.title, description=domain_data.description, order=domain_order
            )
            Item.objects.bulk_create(
                Item(domain=domain, code=item.code, text=item.text, guidance=item.guidance, order=item_order)
                for item_order, item in enumerate(domain_data.items)
            )


def unload(apps, schema_editor):
    Framework = apps.get_model("continuum", "Framework")
    Framework.objects.filter(version=1, code__in=["general", "schools"], assessments__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("continuum", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
