"""The orphan's court's system texts (casework.messages): task titles and timeline entries
its steps write, read in the reader's language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sargs.cases.casework.messages import Template, register_message

register_message(
    "custody_review",
    Template(
        _(
            "One year since custody was suspended: decide whether to apply to a court for "
            "deprivation (Civil Law 203)"
        )
    ),
)
