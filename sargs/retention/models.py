"""A record of each retention run: when, what kinds, how many rows (never which ones)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionRun(models.Model):
    """One run of ``manage.py retention`` that removed records (dry runs are not kept)."""

    ran_at = models.DateTimeField(_("ran at"), auto_now_add=True)
    # {"closed_cases": 3, "closed_cases.rows": {"cases.Case": 3, …}, …}: counts only.
    removed: models.JSONField[dict[str, object]] = models.JSONField(
        _("records removed"), default=dict
    )

    class Meta:
        ordering = ["-ran_at"]
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")

    def __str__(self) -> str:
        return f"retention {self.ran_at:%Y-%m-%d %H:%M}"
