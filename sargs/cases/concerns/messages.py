"""The concerns' system texts on a case's timeline (casework.messages), with their choices."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sargs.cases.casework.messages import Template, register_message

from .models import ConcernCategory

register_message(
    "concern_reported",
    Template(
        _("Concern reported: %(categories)s. %(description)s"), {"categories": ConcernCategory}
    ),
)
