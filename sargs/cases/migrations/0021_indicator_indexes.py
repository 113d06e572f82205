from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0020_case_list_access_indexes"),
    ]

    operations = [
        # The computed indicators E2, E3 and S1 read a municipality's concerns of the period.
        migrations.AddIndex(
            model_name="concern",
            index=models.Index(
                fields=["municipality", "observed_on"], name="concern_by_observed_day"
            ),
        ),
    ]
