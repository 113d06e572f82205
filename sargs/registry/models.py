"""Children, their households and legal representatives, with dated histories.

Residences and custody are histories, never overwritten: each row has a start date (and a
residence an optional end date), so the registry can answer "as of" any past day. Every row
belongs to the municipality that keeps the child's (or family's) record; ``get_additional_data``
gives it to the audit trail.
"""

from __future__ import annotations

import datetime
import unicodedata

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from sargs.organisations.models import Institution, Municipality
from sargs.organisations.roles import InstitutionType

from . import personal_codes
from .custody_grounds import GROUND_CODES, GROUND_MAX_LENGTH
from .custody_grounds import SuspensionGround as SuspensionGround

PERSONAL_CODE_PATTERN = r"^[0-3][0-9]{10}$"


def normalise_name(*parts: str) -> str:
    """Lower case, no diacritics, single spaces: "Ēriks  Bērziņš" → "eriks berzins"."""
    text = unicodedata.normalize("NFKD", " ".join(parts))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.casefold().split())


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Household(models.Model):
    """A family as the municipality keeps it: the children and adults who live together."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=200, help_text=_("E.g. “Bērziņu ģimene”."))
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("household")
        verbose_name_plural = _("households")

    def __str__(self) -> str:
        return self.name

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.municipality_id}


class Person(models.Model):
    """Names, personal code and birth date, shared by children and representatives."""

    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    # Unique within the keeping municipality only (see the constraints below): a registry
    # never answers whether another municipality keeps the person (docs/adr/0005). NULL, not
    # "", when unknown: many people without a code must not collide in that constraint.
    personal_code = models.CharField(  # noqa: DJ001
        _("personal code"), max_length=11, null=True, blank=True, db_index=True
    )
    # Lower case without diacritics, for search and duplicate checks (set on save).
    search_name = models.CharField(max_length=201, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: object, **kwargs: object) -> None:
        self.search_name = normalise_name(self.first_name, self.last_name)
        if self.personal_code == "":
            self.personal_code = None
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_name"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def personal_code_masked(self) -> str:
        return personal_codes.mask(self.personal_code)

    @property
    def personal_code_display(self) -> str:
        return personal_codes.display(self.personal_code)


class Child(Person):
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality keeping the record"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    birth_date = models.DateField(_("birth date"))
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    school = models.ForeignKey(
        Institution,
        verbose_name=_("school or kindergarten"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"type": InstitutionType.SCHOOL},
    )
    has_disability = models.BooleanField(_("disability"), default=False)
    disability_note = models.TextField(_("disability note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("child")
        verbose_name_plural = _("children")
        constraints = [
            models.CheckConstraint(
                condition=Q(personal_code__isnull=True)
                | Q(personal_code__regex=PERSONAL_CODE_PATTERN),
                name="child_personal_code_format",
            ),
            models.UniqueConstraint(
                fields=["municipality", "personal_code"], name="child_personal_code_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "birth_date"]),
            # The computed indicators count a case's, a referral's or a placement's children
            # by age and sex: looked up by id from this index alone (PostgreSQL), the count
            # reads the municipality's children, never the whole country's table (issue 20).
            models.Index(fields=["id"], include=["birth_date", "sex"], name="child_age_sex_by_id"),
            # Lists of a municipality's children in name order (the children API, the child
            # search): the first page read from the index, not a sort of every child the
            # municipality keeps (issue 20).
            models.Index(
                fields=["municipality", "last_name", "first_name", "id"], name="child_by_name"
            ),
            # And on PostgreSQL a trigram index on search_name for the name search's
            # LIKE '%word%' (migration 0008, raw SQL: other databases have no such index).
        ]

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.municipality_id}


class LegalRepresentative(Person):
    """A parent or (later) a guardian, kept by the municipality that keeps the family."""

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality keeping the record"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    household = models.ForeignKey(
        Household,
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adults",
    )

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("legal representative")
        verbose_name_plural = _("legal representatives")
        constraints = [
            models.CheckConstraint(
                condition=Q(personal_code__isnull=True)
                | Q(personal_code__regex=PERSONAL_CODE_PATTERN),
                name="representative_personal_code_format",
            ),
            models.UniqueConstraint(
                fields=["municipality", "personal_code"],
                name="representative_personal_code_unique",
            ),
        ]

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.municipality_id}


class RepresentativeRole(models.TextChoices):
    MOTHER = "mother", _("Mother")
    FATHER = "father", _("Father")
    GUARDIAN = "guardian", _("Guardian")


class ChildRepresentative(models.Model):
    """A representative's relation to one child, and whether the child lives with them."""

    child = models.ForeignKey(
        Child, verbose_name=_("child"), on_delete=models.CASCADE, related_name="representations"
    )
    representative = models.ForeignKey(
        LegalRepresentative,
        verbose_name=_("legal representative"),
        on_delete=models.PROTECT,
        related_name="representations",
    )
    role = models.CharField(_("role"), max_length=10, choices=RepresentativeRole.choices)
    lives_with_child = models.BooleanField(_("the child lives with them"), default=False)

    class Meta:
        ordering = ["role", "pk"]
        verbose_name = _("child's legal representative")
        verbose_name_plural = _("child's legal representatives")
        constraints = [
            models.UniqueConstraint(
                fields=["child", "representative"], name="child_representative_unique"
            ),
            models.UniqueConstraint(
                fields=["child", "role"],
                condition=Q(role__in=["mother", "father"]),
                name="child_one_mother_one_father",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.representative} – {self.get_role_display()}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.child.municipality_id}


class ResidenceKind(models.TextChoices):
    DECLARED = "declared", _("Declared residence")
    ACTUAL = "actual", _("Actual residence")
    TEMPORARY = "temporary", _("Temporary residence")


class ResidenceQuerySet(models.QuerySet["ResidenceRecord"]):
    def on(self, day: datetime.date) -> ResidenceQuerySet:
        return self.filter(valid_from__lte=day).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )


class ResidenceRecord(models.Model):
    """Where a child or a representative lived, of one kind, for a period (ends inclusive).

    Periods of the same subject and kind never overlap (checked in ``services``).
    """

    child = models.ForeignKey(
        Child,
        verbose_name=_("child"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="residences",
    )
    representative = models.ForeignKey(
        LegalRepresentative,
        verbose_name=_("legal representative"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="residences",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ResidenceKind.choices)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    address = models.CharField(_("address"), max_length=250, blank=True)
    valid_from = models.DateField(_("from"))
    valid_to = models.DateField(_("to"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ResidenceQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "-valid_from", "pk"]
        verbose_name = _("residence")
        verbose_name_plural = _("residences")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="residence_valid_range",
            ),
            models.CheckConstraint(
                condition=Q(child__isnull=False, representative__isnull=True)
                | Q(child__isnull=True, representative__isnull=False),
                name="residence_one_subject",
            ),
        ]
        indexes = [
            models.Index(fields=["child", "kind", "valid_from"]),
            models.Index(fields=["representative", "kind", "valid_from"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.municipality}"

    def get_additional_data(self) -> dict[str, object]:
        subject = self.child if self.child_id else self.representative
        return {"municipality_id": subject.municipality_id if subject else None}

    def is_valid_on(self, day: datetime.date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class CustodyStatus(models.TextChoices):
    FULL = "full", _("Full custody")
    SUSPENDED = "suspended", _("Suspended by the orphan's court")
    RESTORED = "restored", _("Restored by the orphan's court")
    DEPRIVED = "deprived", _("Deprived by a court judgment")
    RESTORED_BY_COURT = "restored_by_court", _("Restored by a court")


class CustodySource(models.TextChoices):
    """How a custody record came in. Decisions and judgments made while the municipality uses
    Sargs are written only through the orphan's court's matter (sargs/cases/court); the
    registry's own form records history from before Sargs, marked as such (issue 16)."""

    MATTER = "matter", _("Orphan's court matter in Sargs")
    HISTORICAL = "historical", _("History before Sargs")


class CustodyRecord(models.Model):
    """A change in one parent's custody of one child, in effect from ``effective_from``."""

    relation = models.ForeignKey(
        ChildRepresentative,
        verbose_name=_("parent and child"),
        on_delete=models.CASCADE,
        related_name="custody_records",
    )
    status = models.CharField(_("custody"), max_length=20, choices=CustodyStatus.choices)
    effective_from = models.DateField(_("in effect from"))
    decision_number = models.CharField(_("decision or judgment No."), max_length=50, blank=True)
    decided_by = models.CharField(_("decided by"), max_length=200, blank=True)
    grounds = models.CharField(
        _("grounds (Civil Law 203)"),
        max_length=GROUND_MAX_LENGTH,
        choices=SuspensionGround.choices,
        blank=True,
    )
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(
        _("recorded through"),
        max_length=10,
        choices=CustodySource.choices,
        default=CustodySource.MATTER,
        db_default=CustodySource.MATTER,  # bulk writers (sargs/scale) name older columns only
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["effective_from", "pk"]
        verbose_name = _("custody record")
        verbose_name_plural = _("custody records")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="suspended", grounds__in=GROUND_CODES)
                | (~Q(status="suspended") & Q(grounds="")),
                name="custody_grounds_iff_suspended",
            ),
            models.CheckConstraint(
                condition=Q(source__in=CustodySource.values), name="custody_source_known"
            ),
            # History before Sargs is told as history: it says where it comes from.
            models.CheckConstraint(
                condition=~Q(source="historical") | ~Q(note=""),
                name="custody_history_has_source_note",
            ),
            models.UniqueConstraint(
                fields=["relation", "effective_from"], name="custody_one_change_a_day"
            ),
        ]
        indexes = [
            # The computed indicators F1/F2 count the year's custody decisions: read from this
            # index alone (PostgreSQL), then each record's relation and child looked up by id,
            # rather than hashing every child-representative relation in the country (issue 20).
            models.Index(
                fields=["effective_from"],
                include=["relation", "status"],
                name="custody_by_effective_from",
            ),
        ]

    def __str__(self) -> str:
        return self.get_status_display()

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.relation.child.municipality_id}
