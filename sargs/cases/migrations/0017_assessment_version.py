"""A case's assessments numbered in the order they were recorded (issue 19 point 1)."""

from django.db import migrations, models
from django.db.models import Q


def number_assessments(apps, schema_editor):  # type: ignore[no-untyped-def]
    assessment = apps.get_model("cases", "Assessment")
    numbers: dict[int, int] = {}
    rows = assessment.objects.order_by("case_id", "created_at", "pk").only("pk", "case_id")
    for row in rows.iterator():
        numbers[row.case_id] = numbers.get(row.case_id, 0) + 1
        assessment.objects.filter(pk=row.pk).update(version=numbers[row.case_id])


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0016_verbose_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="version",
            field=models.PositiveIntegerField(null=True, verbose_name="version"),
        ),
        migrations.RunPython(number_assessments, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="assessment",
            name="version",
            field=models.PositiveIntegerField(verbose_name="version"),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.UniqueConstraint(
                fields=("case", "version"), name="assessment_version_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="assessment",
            constraint=models.CheckConstraint(
                condition=Q(version__gte=1), name="assessment_version_positive"
            ),
        ),
    ]
