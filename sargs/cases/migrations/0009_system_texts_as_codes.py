"""System texts as codes with parameters (sargs/cases/casework/messages.py): existing
timeline entries and system tasks whose words match a known message in Latvian or English get
its code and parameters, so they read in the reader's language; notes and other free text, and
words no message writes, stay as they are. The words themselves are kept in ``text``/``title``.

Uses the message registry of the code (the templates are the point); a message removed later
only means fewer rows converted when this runs on an old database.
"""

from django.db import migrations, models

BATCH = 500


def texts_to_codes(apps, schema_editor):
    from sargs.cases.casework.messages import message_from_text
    from sargs.cases.concerns import messages as _concerns  # noqa: F401 (registers)
    from sargs.cases.court import messages as _court  # noqa: F401 (registers)
    from sargs.cases.referrals import messages as _referrals  # noqa: F401 (registers)

    TimelineEntry = apps.get_model("cases", "TimelineEntry")
    Task = apps.get_model("cases", "Task")
    entries = TimelineEntry.objects.filter(message="").exclude(kind="note").only("pk", "text")
    for entry in entries.iterator(chunk_size=BATCH):
        found = message_from_text(entry.text)
        if found is not None:
            TimelineEntry.objects.filter(pk=entry.pk).update(
                message=found.code, params=found.params
            )
    for task in Task.objects.filter(title_message="").only("pk", "title").iterator(BATCH):
        found = message_from_text(task.title)
        if found is not None and found.code == "custody_review":
            Task.objects.filter(pk=task.pk).update(
                title_message=found.code, title_params=found.params
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0008_proceeding_new_texts_db_default"),
    ]

    operations = [
        migrations.AddField(
            model_name="task",
            name="title_message",
            field=models.CharField(blank=True, default="", max_length=40),
        ),
        migrations.AddField(
            model_name="task",
            name="title_params",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name="timelineentry",
            name="message",
            field=models.CharField(blank=True, default="", max_length=40),
        ),
        migrations.AddField(
            model_name="timelineentry",
            name="params",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(texts_to_codes, migrations.RunPython.noop),
    ]
