"""Reminders before a reporting date: each institution responsible for an activity of an
approved programme gets one e-mail per reporting date, to its own address or, where it has
none, to its active staff."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation

from sargs.organisations.models import Institution, Membership

from .models import Activity, ReportingDate, VersionStatus


@dataclass
class Reminder:
    reporting_date: ReportingDate
    institution: Institution
    recipients: list[str]
    activities: list[str]


def due_reminders(today: datetime.date) -> list[Reminder]:
    """Reminders to send today: reporting dates not yet reminded whose reminder day has come."""
    reminders = []
    dates = ReportingDate.objects.filter(
        reminded_at__isnull=True,
        due_on__gte=today,
        programme__versions__status=VersionStatus.APPROVED,
    ).select_related("programme__municipality")
    for date in dates:
        if date.due_on - datetime.timedelta(days=date.remind_days_before) > today:
            continue
        activities = Activity.objects.filter(
            version__programme=date.programme,
            version__status=VersionStatus.APPROVED,
            deadline__gte=date.due_on - datetime.timedelta(days=366),
        ).select_related("responsible")
        by_institution: dict[int, list[Activity]] = {}
        for activity in activities:
            by_institution.setdefault(activity.responsible_id, []).append(activity)
        for items in by_institution.values():
            institution = items[0].responsible
            reminders.append(
                Reminder(date, institution, _recipients(institution), [a.title for a in items])
            )
    return reminders


def _recipients(institution: Institution) -> list[str]:
    if institution.email:
        return [institution.email]
    emails = (
        Membership.objects.active()
        .filter(institution=institution)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    return sorted(set(emails))


def send(reminders: list[Reminder], today: datetime.date) -> int:
    """Send the reminders and mark their reporting dates reminded; returns e-mails sent."""
    sent = 0
    for reminder in reminders:
        if not reminder.recipients:
            continue
        date = reminder.reporting_date
        with translation.override("lv"):
            subject = (
                f"Atgādinājums: pārskats par bērnu tiesību aizsardzības programmu līdz "
                f"{date.due_on:%d.%m.%Y}"
            )
            lines = [
                f"{reminder.institution.name},",
                "",
                f"līdz {date.due_on:%d.%m.%Y} lūdzam sistēmā Sargs ziņot par programmas "
                f"“{date.programme.title}” ({date.programme.municipality.name}) pasākumiem, "
                "par kuriem atbild jūsu iestāde:",
                *(f"– {title}" for title in reminder.activities),
                "",
                "Norādiet pasākuma statusu, izlietoto finansējumu, rezultatīvo rādītāju "
                "faktiskās vērtības un īsu aprakstu.",
            ]
        send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, reminder.recipients)
        sent += 1
    with transaction.atomic():
        for date_pk in {r.reporting_date.pk for r in reminders}:
            ReportingDate.objects.filter(pk=date_pk).update(reminded_at=timezone.now())
    return sent
