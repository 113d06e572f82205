"""Expected NPAIS entries follow the events as they are written (issue 16 point 9).

A concern with an NPAIS trigger, the social service taking a case on, a custody matter: each
save adds the entries it obliges, in the same transaction, so the oversight list only reads.
Entries already expected (and their confirmations) stay; adding is idempotent.
"""

from __future__ import annotations

from typing import Any

from sargs.cases.casework.models import CaseParticipant, ParticipantRole
from sargs.cases.concerns.models import Concern
from sargs.cases.court.models import Proceeding
from sargs.organisations.models import Municipality

from .services import CUSTODY_KINDS, npais_expectations_refresh


def on_concern_saved(sender: Any, instance: Concern, raw: bool = False, **_: Any) -> None:
    if raw:
        return
    npais_expectations_refresh(municipality=instance.municipality, concern_ids=[instance.pk])


def on_participant_saved(
    sender: Any, instance: CaseParticipant, raw: bool = False, **_: Any
) -> None:
    """The case's social service changed: its concerns may oblige that institution too."""
    if raw or instance.role != ParticipantRole.OWNER or instance.until is not None:
        return
    concerns = Concern.objects.filter(case_id=instance.case_id).values_list("pk", "municipality_id")
    by_municipality: dict[int, list[int]] = {}
    for pk, municipality_id in concerns:
        by_municipality.setdefault(municipality_id, []).append(pk)
    for municipality_id, pks in by_municipality.items():
        npais_expectations_refresh(
            municipality=Municipality.objects.get(pk=municipality_id), concern_ids=pks
        )


def on_matter_saved(sender: Any, instance: Proceeding, raw: bool = False, **_: Any) -> None:
    if raw or instance.kind not in CUSTODY_KINDS:
        return
    npais_expectations_refresh(
        municipality=instance.case.municipality, proceeding_ids=[instance.pk]
    )
