"""Monitoring tells the truth (issue 17): "not started" is a track of its own, and each
computed track keeps its one-sentence reason in both languages."""

from django.db import migrations, models

TRACKS = [
    ("on_track", "on track"),
    ("not_started", "not started"),
    ("at_risk", "at risk"),
    ("late", "late"),
]


class Migration(migrations.Migration):
    dependencies = [("programme", "0002_questionnaire_repeated_address_answers")]

    operations = [
        migrations.AlterField(
            model_name="monitoringreport",
            name="computed_track",
            field=models.CharField(choices=TRACKS, max_length=12),
        ),
        migrations.AlterField(
            model_name="monitoringreport",
            name="override_track",
            field=models.CharField(
                blank=True, choices=TRACKS, max_length=12, verbose_name="assessment"
            ),
        ),
        migrations.AddField(
            model_name="monitoringreport",
            name="track_reason_lv",
            field=models.TextField(blank=True),
        ),
        migrations.AddField(
            model_name="monitoringreport",
            name="track_reason_en",
            field=models.TextField(blank=True),
        ),
    ]
