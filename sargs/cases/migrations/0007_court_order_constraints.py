"""The constraints of issue 16, after 0006 brought the existing data under them."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("cases", "0006_court_data_to_the_new_rules")]

    operations = [
        migrations.AddConstraint(
            model_name="proceeding",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("remedy_until__isnull", True),
                    ("remedy_until__lte", models.F("decision_due")),
                    _connector="OR",
                ),
                name="proceeding_remedy_within_decision_term",
            ),
        ),
        migrations.AddConstraint(
            model_name="proceeding",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("custody_outcome", "suspended"), _negated=True),
                    models.Q(("urgent_reason", ""), _negated=True),
                    ("remedy_until__lt", models.F("decided_on")),
                    _connector="OR",
                ),
                name="proceeding_suspension_after_term_or_urgent",
            ),
        ),
        migrations.AddConstraint(
            model_name="placement",
            constraint=models.CheckConstraint(
                condition=models.Q(("emergency", False), ("form", "institution"), _connector="OR"),
                name="placement_short_term_only_in_institution",
            ),
        ),
        migrations.AddConstraint(
            model_name="placement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("foster_family__isnull", True),
                    ("form__in", ["foster_family", "specialised_foster", "crisis_foster"]),
                    _connector="OR",
                ),
                name="placement_foster_family_for_foster_forms",
            ),
        ),
        migrations.AddConstraint(
            model_name="placement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("guardian__isnull", True), ("form", "guardianship"), _connector="OR"
                ),
                name="placement_guardian_for_guardianship",
            ),
        ),
        migrations.AddConstraint(
            model_name="placement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("care_institution__isnull", True), ("form", "institution"), _connector="OR"
                ),
                name="placement_institution_for_institution_care",
            ),
        ),
    ]
