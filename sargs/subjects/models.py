"""Data subjects' requests (GDPR articles 15 and 16) and the corrections made on them.

A parent asks what Sargs holds about them and their child, or asks for a correction. The
municipality's data protection officer records the request (who asked, in what relation, when,
on which article), finds the people it is about by personal code, hands over an export of
every record about each (``selectors.subject_export``) and records each correction: which
field of which record, the old and the new value, who asked and who changed it. The change
itself is made by the app that owns the record, through its service (docs/adr/0020).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sargs.organisations.models import Municipality
from sargs.registry.models import Child, LegalRepresentative

# The person's own data a correction may change, as the pages name them.
CORRECTABLE_LABELS = {
    "first_name": _("first name"),
    "last_name": _("last name"),
    "personal_code": _("personal code"),
    "birth_date": _("birth date"),
    "sex": _("sex"),
}


class LegalBasis(models.TextChoices):
    ACCESS = "access", _("Access to one's data (GDPR article 15)")
    RECTIFICATION = "rectification", _("Correction of one's data (GDPR article 16)")


class RequesterRelation(models.TextChoices):
    SELF = "self", _("The person themselves")
    PARENT = "parent", _("Parent of the child")
    GUARDIAN = "guardian", _("Guardian of the child")
    AUTHORISED = "authorised", _("Authorised representative")


class RequestStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("subject request", "Open")
    ANSWERED = "answered", pgettext_lazy("subject request", "Answered")


class SubjectRequest(models.Model):
    """One request from a data subject (or for them), answered by ``municipality``'s data
    protection officer."""

    municipality = models.ForeignKey(
        Municipality, verbose_name=_("municipality"), on_delete=models.PROTECT, related_name="+"
    )
    requester_name = models.CharField(_("who asked"), max_length=200)
    requester_relation = models.CharField(
        _("relation to the people asked about"),
        max_length=12,
        choices=RequesterRelation.choices,
    )
    legal_basis = models.CharField(_("legal basis"), max_length=14, choices=LegalBasis.choices)
    received_on = models.DateField(_("received on"))
    note = models.TextField(_("note"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("data subject request")
        verbose_name_plural = _("data subject requests")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", answered_on__isnull=True)
                | Q(status="answered", answered_on__isnull=False),
                name="subject_request_answered_has_date",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "status", "-received_on"])]

    def __str__(self) -> str:
        return f"{_('data subject request')} #{self.pk}"

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.municipality_id}


class RequestPerson(models.Model):
    """A person the request is about: a child or a parent (legal representative) kept in the
    request's municipality's registry."""

    request = models.ForeignKey(
        SubjectRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="people"
    )
    child = models.ForeignKey(
        Child,
        verbose_name=_("child"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    representative = models.ForeignKey(
        LegalRepresentative,
        verbose_name=_("parent or guardian"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("person of a request")
        verbose_name_plural = _("people of a request")
        constraints = [
            models.CheckConstraint(
                condition=Q(child__isnull=False, representative__isnull=True)
                | Q(child__isnull=True, representative__isnull=False),
                name="request_person_one_subject",
            ),
            models.UniqueConstraint(
                fields=["request", "child"],
                name="request_child_once",
                condition=Q(child__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["request", "representative"],
                name="request_representative_once",
                condition=Q(representative__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return str(self.person)

    @property
    def person(self) -> Child | LegalRepresentative:
        person = self.child if self.child_id else self.representative
        assert person is not None  # the constraint: exactly one
        return person

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.request.municipality_id}


class Correction(models.Model):
    """A correction made on a request (GDPR article 16): which field of which record, the value
    before and after, who asked and who changed it. Written after the owning app's service
    made the change, in the same transaction."""

    request = models.ForeignKey(
        SubjectRequest,
        verbose_name=_("request"),
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    person = models.ForeignKey(
        RequestPerson, verbose_name=_("person"), on_delete=models.PROTECT, related_name="+"
    )
    record_type = models.CharField(_("record"), max_length=100)
    record_pk = models.CharField(_("record No."), max_length=40)
    field = models.CharField(_("field"), max_length=100, choices=list(CORRECTABLE_LABELS.items()))
    old_value = models.TextField(_("before"), blank=True)
    new_value = models.TextField(_("after"), blank=True)
    asked_by = models.CharField(_("asked by"), max_length=200)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("correction")
        verbose_name_plural = _("corrections")

    def __str__(self) -> str:
        return f"{_('correction')} #{self.pk}"

    @property
    def field_label(self) -> str:
        return str(CORRECTABLE_LABELS.get(self.field, self.field))

    def get_additional_data(self) -> dict[str, object]:
        return {"municipality_id": self.request.municipality_id}
