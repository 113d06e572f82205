"""Core's one table: the form submissions already taken (``sargs.core.forms.once_per_form``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class FormSubmission(models.Model):
    """A one-time form token that has been used, and the page its submission led to. Inserted
    in the same transaction as the record the form created; a second submission of the same
    token (Back and submit again, a double click) finds it and is shown that page instead."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "form submission"

    def __str__(self) -> str:
        return f"{self.user_id}: {self.result_url}"
