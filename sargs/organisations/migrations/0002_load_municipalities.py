from django.db import migrations


def load(apps, schema_editor):
    from sargs.organisations.reference import load_municipalities

    load_municipalities(apps.get_model("organisations", "Municipality"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
