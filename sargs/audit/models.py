"""The audit trail: one append-only table for reads and changes of personal data.

django-auditlog writes create/update/delete rows (with values before and after) through its
model signals; reads are written by ``audit.services.record_view``. Both land in
``AuditEntry``, our swappable subclass of auditlog's log entry, which adds the municipality
whose data it is, so that a coordinator's search is one indexed filter.
"""

from __future__ import annotations

from typing import Any

from auditlog.models import AbstractLogEntry, LogEntryManager
from django.db import models
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or delete an audit entry."""


class AuditEntryQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("The audit trail is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The audit trail is append-only.")


class AuditEntryManager(LogEntryManager.from_queryset(AuditEntryQuerySet)):  # type: ignore[misc]
    pass


class AuditEntry(AbstractLogEntry):
    municipality = models.ForeignKey(  # type: ignore[var-annotated]
        "organisations.Municipality",
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # every index below starts with it
    )

    objects = AuditEntryManager()

    class Meta(AbstractLogEntry.Meta):
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        # What the searches filter by, each in the order the page shows (newest first, the id
        # breaking ties), so a page is the first rows of one index range (ADR 0022).
        indexes = [
            models.Index(fields=["municipality", "-timestamp", "-id"], name="audit_muni_time_id"),
            models.Index(
                fields=["municipality", "content_type", "-timestamp", "-id"],
                name="audit_muni_type_time",
            ),
            models.Index(fields=["actor", "-timestamp", "-id"], name="audit_actor_time"),
            models.Index(fields=["content_type", "object_pk"], name="audit_object"),
        ]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("The audit trail is append-only.")


@receiver(pre_save, sender=AuditEntry)
def _scope_to_municipality(sender: type[AuditEntry], instance: AuditEntry, **kwargs: Any) -> None:
    """Copy the municipality the audited record belongs to into its own column."""
    data = instance.additional_data or {}
    if instance.municipality_id is None and isinstance(data, dict):
        instance.municipality_id = data.get("municipality_id")
