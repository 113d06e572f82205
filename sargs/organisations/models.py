"""Municipalities, institutions, users and the memberships that give users roles."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .roles import EITHER_TYPES, MUNICIPAL_TYPES, STATE_TYPES, InstitutionType, Role


class MunicipalityKind(models.TextChoices):
    STATE_CITY = "state_city", _("State city")
    NOVADS = "novads", _("Novads")


class MunicipalityQuerySet(models.QuerySet["Municipality"]):
    def valid_on(self, day: datetime.date) -> MunicipalityQuerySet:
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def current(self) -> MunicipalityQuerySet:
        return self.valid_on(timezone.localdate())


class Municipality(models.Model):
    """A Latvian municipality (pašvaldība), identified by its ATVK code; reference data."""

    atvk = models.CharField(_("ATVK code"), max_length=7, unique=True)
    lau = models.CharField(_("LAU code"), max_length=12)
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("type"), max_length=20, choices=MunicipalityKind.choices)
    iso_3166_2 = models.CharField(_("ISO 3166-2 code"), max_length=10, blank=True)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        verbose_name=_("successor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )
    note = models.TextField(_("note"), blank=True)

    objects = MunicipalityQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="municipality_valid_range",
            ),
            models.CheckConstraint(
                condition=Q(atvk__regex=r"^[0-9]{7}$"), name="municipality_atvk_7_digits"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Institution(models.Model):
    """An institution taking part in child rights protection: a school, a social service, …"""

    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=32, choices=InstitutionType.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="institutions",
    )
    registration_number = models.CharField(_("registration number"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    type__in=sorted(t.value for t in MUNICIPAL_TYPES), municipality__isnull=False
                )
                | Q(type__in=sorted(t.value for t in STATE_TYPES), municipality__isnull=True)
                | Q(type__in=sorted(t.value for t in EITHER_TYPES)),
                name="institution_municipality_matches_type",
            ),
            models.UniqueConstraint(
                fields=["municipality", "type", "name"], name="institution_unique_name"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "type"])]

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.municipality_id}


class User(AbstractUser):
    """A person who signs in. Roles come from memberships, never from the user row."""

    # Names and e-mail are personal data; the username is the sign-in name only.
    REQUIRED_FIELDS = ["email"]

    created_by = models.ForeignKey(
        "self",
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["last_name", "first_name", "username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        full = self.get_full_name()
        return full or self.username

    def get_additional_data(self) -> dict[str, object]:
        first = self.memberships.select_related("institution").first() if self.pk else None
        return {"municipality_id": first.institution.municipality_id if first else None}


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self, day: datetime.date | None = None) -> MembershipQuerySet:
        day = day or timezone.localdate()
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
            institution__is_active=True,
            user__is_active=True,
        )


class Membership(models.Model):
    """A user holds a role in an institution, for a period."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name=_("institution"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["institution__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "institution", "role"], name="membership_unique_role"
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="membership_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} ({self.institution})"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.institution.municipality_id}
