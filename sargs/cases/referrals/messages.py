"""The referrals' system texts on a case's timeline (casework.messages), read in the reader's
language. Codes are never renamed: rows hold them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sargs.cases.casework.messages import Template, register_message
from sargs.cases.casework.models import SupportArea

from .models import OutcomeRating

register_message(
    "referral_accepted", Template(_("%(service)s: the provider accepted the referral."))
)
register_message(
    "referral_waitlisted", Template(_("%(service)s: the family is on the waiting list."))
)
register_message(
    "referral_started", Template(_("%(service)s: work with the family started on %(date)s."))
)
register_message("referral_session", Template(_("%(service)s, %(date)s: %(hours)s h")))
register_message(
    "referral_session_areas",
    Template(_("%(service)s, %(date)s: %(hours)s h (%(areas)s)"), {"areas": SupportArea}),
)
register_message("with_note", Template(_("%(text)s. %(note)s")))
register_message(
    "referral_completed",
    Template(_("%(service)s completed: %(rating)s."), {"rating": OutcomeRating}),
)
register_message("referral_ended", Template(_("%(service)s ended early: %(reason)s")))
