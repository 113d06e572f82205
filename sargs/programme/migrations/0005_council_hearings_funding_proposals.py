"""Around the numbers (issue 17): the council's yearly hearing of the report, the council's
decisions on the additional funding asked for, and problems taken over from the cooperation
group's proposals."""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("programme", "0004_one_programme_per_years")]

    operations = [
        migrations.AddField(
            model_name="problem",
            name="source",
            field=models.CharField(blank=True, default="", max_length=40),
        ),
        migrations.AddConstraint(
            model_name="problem",
            constraint=models.UniqueConstraint(
                condition=models.Q(("source", ""), _negated=True),
                fields=("version", "source"),
                name="problem_source_once_per_version",
            ),
        ),
        migrations.CreateModel(
            name="CouncilHearing",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ("year", models.PositiveSmallIntegerField(verbose_name="year reported on")),
                ("due_on", models.DateField(verbose_name="due")),
                (
                    "heard_on",
                    models.DateField(
                        blank=True, null=True, verbose_name="heard by the council on"
                    ),
                ),
                (
                    "decision_number",
                    models.CharField(
                        blank=True, max_length=50, verbose_name="council decision number"
                    ),
                ),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="hearings",
                        to="programme.programme",
                    ),
                ),
            ],
            options={
                "ordering": ["year"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("programme", "year"), name="council_hearing_once"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(
                            ("heard_on__isnull", True),
                            models.Q(("decision_number", ""), _negated=True),
                            _connector="OR",
                        ),
                        name="council_hearing_heard_has_decision",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="FundingDecision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False)),
                ("year", models.PositiveSmallIntegerField(verbose_name="budget year")),
                (
                    "granted",
                    models.DecimalField(
                        decimal_places=2,
                        max_digits=12,
                        validators=[django.core.validators.MinValueValidator(0)],
                        verbose_name="granted",
                    ),
                ),
                (
                    "decision_number",
                    models.CharField(max_length=50, verbose_name="budget decision number"),
                ),
                ("decided_on", models.DateField(verbose_name="decided on")),
                (
                    "programme",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="funding_decisions",
                        to="programme.programme",
                    ),
                ),
            ],
            options={
                "ordering": ["year"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("programme", "year"), name="funding_decision_once"
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("granted__gte", 0)), name="funding_granted_positive"
                    ),
                ],
            },
        ),
    ]
