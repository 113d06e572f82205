import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from sargs.organisations.principal import principal_for_user
from sargs.organisations.roles import Role
from sargs.services import services
from sargs.services.access import can_refer
from sargs.services.models import ProviderContract, ServiceType

from .helpers import catalogue_entry, contract, service_type

pytestmark = pytest.mark.django_db


def test_national_list_is_seeded() -> None:
    codes = set(ServiceType.objects.values_list("code", flat=True))
    assert {
        "family-assistant",
        "family-support-centre",
        "parent-group-no-spanking",
        "crisis-intervention-team",
        "psychologist",
        "social-rehabilitation",
        "addiction-specialist",
        "special-needs-families",
        "other",
    } <= codes
    no_spanking = ServiceType.objects.get(code="parent-group-no-spanking")
    assert no_spanking.parent is not None and no_spanking.parent.code == "family-support-centre"
    assert "Bez pēriena" in no_spanking.name_lv


def test_type_name_follows_language() -> None:
    from django.utils import translation

    t = service_type("family-assistant")
    with translation.override("lv"):
        assert t.name == "Ģimenes asistents"
    with translation.override("en"):
        assert t.name == "Family assistant"


def test_catalogue_entry_defaults_from_type(cast) -> None:
    entry = catalogue_entry(cast)
    assert entry.name == "Ģimenes asistents"
    assert entry.referring_roles == [Role.SOCIAL_WORKER.value, Role.COORDINATOR.value]
    assert entry.description
    assert can_refer(principal_for_user(cast.social_worker), entry)
    assert not can_refer(principal_for_user(cast.b_social_worker), entry)
    assert not can_refer(principal_for_user(cast.school_staff), entry)


def test_own_service_and_duplicate_name(cast) -> None:
    own = catalogue_entry(cast, code="other", name="Vasaras nometne")
    assert own.name == "Vasaras nometne"
    with pytest.raises(ValidationError):
        catalogue_entry(cast, code="other", name="Vasaras nometne")


def test_catalogue_refuses_other_municipality_and_unknown_roles(cast) -> None:
    with pytest.raises(PermissionDenied):
        catalogue_entry(cast, actor=cast.b_coordinator)
    with pytest.raises(PermissionDenied):
        catalogue_entry(cast, actor=cast.provider_staff)
    with pytest.raises(ValidationError) as error:
        services.municipal_service_create(
            actor=cast.coordinator,
            municipality=cast.municipality_a,
            service_type=service_type(),
            referring_roles=["wizard"],
        )
    assert "Unknown role" in str(error.value)


def test_update_switches_off(cast) -> None:
    entry = catalogue_entry(cast)
    services.municipal_service_update(
        actor=cast.social_worker,
        service=entry,
        name="Ģimenes asistents (NVO)",
        description="",
        target_group="",
        referring_roles=["social_worker"],
        is_active=False,
    )
    entry.refresh_from_db()
    assert not entry.is_active and entry.referring_roles == ["social_worker"]
    with pytest.raises(ValidationError):
        services.municipal_service_update(
            actor=cast.coordinator,
            service=entry,
            name="x",
            description="",
            target_group="",
            referring_roles=[],
            is_active=True,
        )


def test_contract_defaults_area_and_checks_rules(cast) -> None:
    c = contract(cast)
    assert list(c.service_area.all()) == [cast.municipality_a]
    assert c.unit_price == Decimal("14.50")
    with pytest.raises(ValidationError) as error:
        services.provider_contract_update(
            actor=cast.coordinator,
            contract=c,
            provider=c.provider,
            valid_from=datetime.date(2026, 5, 1),
            valid_to=datetime.date(2026, 4, 1),
            unit="hour",
            unit_price=Decimal("1"),
            capacity=1,
        )
    assert "end before it starts" in str(error.value)
    with pytest.raises(ValidationError):
        contract(cast, service=c.service, provider=cast.institutions["b_social"])
    with pytest.raises(PermissionDenied):
        contract(cast, service=c.service, actor=cast.b_coordinator)


def test_database_refuses_negative_price(cast) -> None:
    c = contract(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        ProviderContract.objects.filter(pk=c.pk).update(unit_price=Decimal("-1"))


def test_crisis_team_members_and_shifts(cast) -> None:
    from .helpers import crisis_team

    team = crisis_team(cast)
    with pytest.raises(ValidationError):
        services.crisis_team_member_add(
            actor=cast.coordinator, team=team, profession="psychologist"
        )
    member = services.crisis_team_member_add(
        actor=cast.coordinator, team=team, profession="psychologist", name="Ilze Psiholoģe"
    )
    start = datetime.datetime(2026, 3, 2, 8, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError):
        services.on_call_shift_add(
            actor=cast.coordinator, team=team, member=member, starts_at=start, ends_at=start
        )
    shift = services.on_call_shift_add(
        actor=cast.coordinator,
        team=team,
        member=member,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=12),
    )
    with pytest.raises(PermissionDenied):
        services.on_call_shift_delete(actor=cast.provider_staff, shift=shift)
    services.on_call_shift_delete(actor=cast.coordinator, shift=shift)
    with pytest.raises(PermissionDenied):
        services.crisis_team_member_add(
            actor=cast.b_coordinator, team=team, profession="psychologist", name="X"
        )
