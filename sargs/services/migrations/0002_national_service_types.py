from django.db import migrations


def load(apps, schema_editor):
    from sargs.services.reference import load_service_types

    load_service_types(apps.get_model("services", "ServiceType"))


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
