import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from sargs.programme import services
from sargs.programme.models import ReportingDate

from .helpers import approve, draft_programme

pytestmark = pytest.mark.django_db


@pytest.fixture
def calendar(cast):
    social = cast.institutions["a_social"]
    social.email = "soc@example.test"
    social.save()
    programme, _ = draft_programme(cast.coordinator, cast.municipality_a, social)
    approve(cast.coordinator, programme)
    return services.reporting_date_add(
        actor=cast.coordinator,
        programme=programme,
        due_on=datetime.date(2026, 6, 30),
        remind_days_before=14,
    )


def run(*args):
    out = StringIO()
    call_command("send_programme_reminders", *args, stdout=out)
    return out.getvalue()


def test_reminder_goes_to_the_responsible_institution_once(calendar):
    assert "Sent 0" in run("--today", "2026-06-01")  # too early
    assert "Sent 1" in run("--today", "2026-06-20")
    (message,) = mail.outbox
    assert message.to == ["soc@example.test"]
    assert "30.06.2026" in message.subject
    assert "Ģimenes asistenta pakalpojums" in message.body
    calendar.refresh_from_db()
    assert calendar.reminded_at is not None
    assert "Sent 0" in run("--today", "2026-06-21")
    assert len(mail.outbox) == 1


def test_dry_run_sends_nothing(calendar):
    out = run("--today", "2026-06-20", "--dry-run")
    assert "1 reminders would be sent" in out
    assert mail.outbox == []
    assert ReportingDate.objects.get().reminded_at is None


def test_staff_addresses_when_the_institution_has_none(cast):
    programme, _ = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_court"]
    )
    approve(cast.coordinator, programme)
    services.reporting_date_add(
        actor=cast.coordinator, programme=programme, due_on=datetime.date(2026, 12, 31)
    )
    run("--today", "2026-12-20")
    assert mail.outbox[0].to == [cast.orphans_court_member.email]


def test_drafts_get_no_reminders(cast):
    programme, _ = draft_programme(
        cast.coordinator, cast.municipality_a, cast.institutions["a_social"]
    )
    services.reporting_date_add(
        actor=cast.coordinator, programme=programme, due_on=datetime.date(2026, 12, 31)
    )
    assert "Sent 0" in run("--today", "2026-12-20")
