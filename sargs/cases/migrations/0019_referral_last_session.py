"""Each referral keeps the day of its latest session (kept by the session service), and on
PostgreSQL the provider's services in progress are indexed by it, the longest without a
session (none yet: first) leading: the family assistant's home reads its five rows from the
index instead of looking up the latest session of every referral the provider has (issue 20).
SQLite cannot index NULLS FIRST and keeps the plain sort."""

from django.db import migrations, models

INDEX = "referral_by_last_session"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON cases_referral"
        " (provider_id, last_session_on ASC NULLS FIRST, id)"
        " WHERE status = 'in_progress'"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0018_list_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="referral",
            name="last_session_on",
            field=models.DateField(
                blank=True, editable=False, null=True, verbose_name="last session on"
            ),
        ),
        # Each referral's latest session so far (none: empty).
        migrations.RunSQL(
            "UPDATE cases_referral SET last_session_on = ("
            "SELECT MAX(s.held_on) FROM cases_referralsession s"
            " WHERE s.referral_id = cases_referral.id)"
            " WHERE id IN (SELECT referral_id FROM cases_referralsession)",
            migrations.RunSQL.noop,
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
