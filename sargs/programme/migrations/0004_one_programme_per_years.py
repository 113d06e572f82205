"""One programme per municipality and years (issue 17): the service refuses any overlap; the
database refuses two programmes starting, or ending, in the same year."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("programme", "0003_monitoring_track_reason")]

    operations = [
        migrations.AddConstraint(
            model_name="programme",
            constraint=models.UniqueConstraint(
                fields=("municipality", "start_year"), name="programme_one_per_start_year"
            ),
        ),
        migrations.AddConstraint(
            model_name="programme",
            constraint=models.UniqueConstraint(
                fields=("municipality", "end_year"), name="programme_one_per_end_year"
            ),
        ),
    ]
