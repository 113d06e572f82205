"""Family support services: the national list of service types, each municipality's catalogue,
the contracts with the providers who deliver them, staff qualifications and crisis teams.

See docs/adr/0007-support-services.md. Referrals, episodes and their results are case-level
facts and live in the cases app, which points at ``MunicipalService`` and ``ProviderContract``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from sargs.core.language import pick
from sargs.organisations.models import Institution, Municipality
from sargs.organisations.roles import Role


class Delivery(models.TextChoices):
    MUNICIPAL = "municipal", _("Municipal staff")
    CONTRACTED = "contracted", _("Contracted provider")
    EITHER = "either", _("Municipal staff or contracted provider")


class ServiceType(models.Model):
    """A type of family support service on the national list shared by all municipalities."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_lv = models.CharField(_("name (Latvian)"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    delivery = models.CharField(
        _("provided by"), max_length=12, choices=Delivery.choices, default=Delivery.EITHER
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("service type")
        verbose_name_plural = _("service types")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the interface language."""
        return pick(self.name_lv, self.name_en)


def default_referring_roles() -> list[str]:
    return [Role.SOCIAL_WORKER.value, Role.COORDINATOR.value]


class MunicipalService(models.Model):
    """A municipality's catalogue entry: a service it offers, on a type from the national list."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="services",
    )
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("service type"),
        on_delete=models.PROTECT,
        related_name="municipal_services",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    referring_roles = models.JSONField(
        _("who may refer"), default=default_referring_roles, blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality", "service_type__sort_order", "name", "pk"]
        verbose_name = _("municipal service")
        verbose_name_plural = _("municipal services")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "service_type", "name"],
                name="municipal_service_unique_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.municipality_id}

    def referring_role_labels(self) -> list[str]:
        labels = dict(Role.choices)
        return [str(labels.get(value, value)) for value in self.referring_roles or []]


class Unit(models.TextChoices):
    HOUR = "hour", _("hour")
    SESSION = "session", _("session")
    DAY = "day", _("day")
    MONTH = "month", _("month")
    FAMILY = "family", _("family")


class ProviderContract(models.Model):
    """Who provides a municipality's service, for which period, at what price and capacity.

    The provider is the municipality's own institution (e.g. its social service) or a
    contracted NGO. Capacity counts families served at the same time.
    """

    provider = models.ForeignKey(
        Institution,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="service_contracts",
    )
    service = models.ForeignKey(
        MunicipalService,
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    reference = models.CharField(_("contract number"), max_length=60, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices, default=Unit.HOUR)
    unit_price = models.DecimalField(_("price per unit (EUR)"), max_digits=12, decimal_places=2)
    capacity = models.PositiveIntegerField(_("capacity (families at once)"))
    service_area = models.ManyToManyField(
        Municipality, verbose_name=_("service area"), related_name="+", blank=True
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-valid_from", "pk"]
        verbose_name = _("provider contract")
        verbose_name_plural = _("provider contracts")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="provider_contract_valid_range",
            ),
            models.CheckConstraint(
                condition=Q(unit_price__gte=0), name="provider_contract_price_not_negative"
            ),
        ]
        indexes = [models.Index(fields=["provider", "valid_from"])]

    def __str__(self) -> str:
        return f"{self.service} – {self.provider}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.service.municipality_id}

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Education(models.TextChoices):
    HIGHER_SOCIAL_WORK = "higher_social_work", _("Higher education in social work")
    HIGHER_SOCIAL_CARE = "higher_social_care", _("Higher education in social care")
    HIGHER_SOCIAL_REHABILITATION = (
        "higher_social_rehabilitation",
        _("Higher education in social rehabilitation"),
    )
    HIGHER_PEDAGOGY = "higher_pedagogy", _("Higher education in pedagogy")
    HIGHER_PSYCHOLOGY = "higher_psychology", _("Higher education in psychology")
    VOCATIONAL_SOCIAL_CARE = (
        "vocational_social_care",
        _("Vocational secondary education in social care"),
    )
    VOCATIONAL_HEALTH_CARE = (
        "vocational_health_care",
        _("Vocational secondary education in health care"),
    )
    OTHER_HIGHER = "other_higher", _("Other higher education")
    OTHER = "other", _("Other education")


class StaffQualification(models.Model):
    """A staff member's education, recorded to check the family assistant qualification."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        related_name="qualifications",
    )
    education = models.CharField(_("education"), max_length=40, choices=Education.choices)
    institution_name = models.CharField(_("school"), max_length=200, blank=True)
    programme = models.CharField(_("study programme"), max_length=200, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["user", "-completed_on", "pk"]
        verbose_name = _("staff qualification")
        verbose_name_plural = _("staff qualifications")

    def __str__(self) -> str:
        return f"{self.user} – {self.get_education_display()}"

    def get_additional_data(self) -> dict[str, object]:
        first = self.user.memberships.select_related("institution").first()
        return {"municipality_id": first.institution.municipality_id if first else None}


class CrisisTeam(models.Model):
    """A municipality's multi-professional crisis intervention team, on call around the clock."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="crisis_teams",
    )
    name = models.CharField(_("name"), max_length=200)
    provider = models.ForeignKey(
        Institution,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="crisis_teams",
    )
    phone = models.CharField(_("on-call phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality", "name"]
        verbose_name = _("crisis intervention team")
        verbose_name_plural = _("crisis intervention teams")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="crisis_team_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.municipality_id}


class Profession(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("Social worker")
    SOCIAL_REHABILITATOR = "social_rehabilitator", _("Social rehabilitator")
    PSYCHOLOGIST = "psychologist", _("Psychologist")
    ADDICTION_SPECIALIST = "addiction_specialist", _("Addiction specialist")
    FAMILY_ASSISTANT = "family_assistant", _("Family assistant")


class CrisisTeamMember(models.Model):
    """A named professional in a crisis team: a Sargs user, or a name when they have no account."""

    team = models.ForeignKey(
        CrisisTeam, verbose_name=_("team"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="crisis_team_memberships",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    profession = models.CharField(_("profession"), max_length=30, choices=Profession.choices)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["team", "profession", "name", "pk"]
        verbose_name = _("crisis team member")
        verbose_name_plural = _("crisis team members")
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(name=""),
                name="crisis_team_member_named",
            ),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return str(self.user) if self.user_id else ""

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.team.municipality_id}


class OnCallShift(models.Model):
    """One member on call for the team from ``starts_at`` to ``ends_at`` (exclusive)."""

    team = models.ForeignKey(
        CrisisTeam, verbose_name=_("team"), on_delete=models.CASCADE, related_name="shifts"
    )
    member = models.ForeignKey(
        CrisisTeamMember,
        verbose_name=_("on call"),
        on_delete=models.CASCADE,
        related_name="shifts",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["team", "starts_at", "pk"]
        verbose_name = _("on-call shift")
        verbose_name_plural = _("on-call shifts")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="on_call_shift_order"
            ),
        ]
        indexes = [models.Index(fields=["team", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.member} {self.starts_at:%d.%m.%Y %H:%M}–{self.ends_at:%d.%m.%Y %H:%M}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.team.municipality_id}
