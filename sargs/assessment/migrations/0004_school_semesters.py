"""Semesters as schools count them (issue 17).

Until now semester 1 was January–June and 2 July–December of the calendar year. Now 1 is the
1st semester of the school year starting in the year (September–December) and 2 the 2nd
semester of the school year ending in it (January–June). The periods cover the same months,
so existing rows keep their dates and figures and only swap numbers: 1 ↔ 2, in reporting
periods, frozen values and the stored quality results. The swap is its own reverse.
"""

from __future__ import annotations

from typing import Any

from django.db import migrations, models

SWAP = {1: 2, 2: 1}
PARKED = 3  # a number no row uses, to swap under the unique constraints


def _swap_column(model: Any) -> None:
    model.objects.filter(semester=1).update(semester=PARKED)
    model.objects.filter(semester=2).update(semester=1)
    model.objects.filter(semester=PARKED).update(semester=2)


def swap(apps: Any, schema_editor: Any) -> None:
    _swap_column(apps.get_model("assessment", "ReportingPeriod"))
    _swap_column(apps.get_model("assessment", "FrozenValue"))
    assessment_model = apps.get_model("assessment", "Assessment")
    for assessment in assessment_model.objects.exclude(quality=[]):
        changed = False
        for entry in assessment.quality:
            if isinstance(entry, dict) and entry.get("semester") in SWAP:
                entry["semester"] = SWAP[entry["semester"]]
                changed = True
        if changed:
            assessment.save(update_fields=["quality"])


class Migration(migrations.Migration):
    dependencies = [("assessment", "0003_report_files")]

    operations = [
        migrations.RemoveConstraint(
            model_name="reportingperiod", name="reporting_period_semester_valid"
        ),
        migrations.RunPython(swap, swap),
        migrations.AddConstraint(
            model_name="reportingperiod",
            constraint=models.CheckConstraint(
                condition=models.Q(("semester__in", [0, 1, 2])),
                name="reporting_period_semester_valid",
            ),
        ),
        migrations.AlterField(
            model_name="reportingperiod",
            name="semester",
            field=models.PositiveSmallIntegerField(
                choices=[
                    (0, "whole year"),
                    (1, "1st semester (September–December)"),
                    (2, "2nd semester (January–June)"),
                ],
                default=0,
                verbose_name="semester",
            ),
        ),
    ]
