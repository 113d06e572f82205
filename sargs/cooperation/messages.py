"""The cooperation group's system text on a case's timeline (casework.messages): a decision on
the case, read in the reader's language. Codes are never renamed: rows hold them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sargs.cases.casework.messages import Template, register_message

register_message(
    "cooperation_decision",
    Template(_("Cooperation group %(group)s, meeting No. %(number)s of %(date)s: %(text)s")),
)
