from __future__ import annotations

import json
import secrets
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Count, Q
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from sargs.organisations.models import Membership, User
from sargs.organisations.roles import Role
from sargs.scale.benchmark.measure import largest_municipality


def _session(user: User) -> dict[str, str]:
    """A signed-in session that has passed the second factor, as the load test's browser."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="load test", confirmed=True)
    client = Client()
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    # Django accepts the unmasked 32-character secret as the form token too.
    return {"sessionid": session.session_key or "", "csrftoken": secrets.token_hex(16)}


class Command(BaseCommand):
    help = (
        "Sign in load-test users (social workers and coordinators of the busiest municipality) "
        "and write their sessions and the cases and tasks they work on, for bin/loadtest."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", required=True)
        parser.add_argument("--social-workers", type=int, default=15)
        parser.add_argument("--coordinators", type=int, default=5)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Load-test sessions are never made on a production database.")
        municipality = largest_municipality()
        case_model = apps.get_model("cases", "Case")
        task_model = apps.get_model("cases", "Task")
        cases = list(
            case_model.objects.filter(municipality=municipality, status="open")
            .annotate(n=Count("timeline"))
            .order_by("-n")
            .values_list("pk", "social_worker_id")[:2000]
        )
        if not cases:
            raise CommandError("No open cases: generate data first (manage.py generate_data).")
        result: dict[str, list[dict[str, Any]]] = {"social_workers": [], "coordinators": []}
        for role, key, wanted in (
            (Role.SOCIAL_WORKER, "social_workers", options["social_workers"]),
            (Role.COORDINATOR, "coordinators", options["coordinators"]),
        ):
            users = User.objects.filter(
                pk__in=Membership.objects.filter(
                    role=role, institution__municipality=municipality
                ).values("user_id"),
                is_active=True,
            ).order_by("pk")[:wanted]
            for user in users:
                own = [pk for pk, worker in cases if worker == user.pk] or [pk for pk, _ in cases]
                tasks = list(
                    task_model.objects.filter(
                        Q(case__social_worker=user) | Q(assignee=user),
                        case__municipality=municipality,
                        status="open",
                    ).values_list("pk", flat=True)[:200]
                )
                result[key].append({**_session(user), "cases": own[:200], "tasks": tasks})
        Path(options["output"]).write_text(json.dumps(result))
        self.stdout.write(
            f"{len(result['social_workers'])} social workers and "
            f"{len(result['coordinators'])} coordinators of {municipality.name} signed in."
        )
