"""The orphan's court's system texts (casework.messages): task titles and timeline entries
its steps write, read in the reader's language. Codes are never renamed: rows hold them."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sargs.cases.casework.messages import Template, register_message

from .models import CareForm, CustodyOutcome, JudgmentKind, PlacementEnd, ProceedingKind

register_message(
    "custody_review",
    Template(
        _(
            "One year since custody was suspended: decide whether to apply to a court for "
            "deprivation (Civil Law 203)"
        )
    ),
)
register_message(
    "court_matter_opened",
    Template(
        _("The orphan's court opened a matter: %(kind)s; decision due %(date)s."),
        {"kind": ProceedingKind},
    ),
)
register_message(
    "court_matter_social_task",
    Template(
        _("The orphan's court opened a matter (%(kind)s): give your assessment and support"),
        {"kind": ProceedingKind},
    ),
)
register_message(
    "court_parent_warned", Template(_("The parent was warned; term to remedy until %(date)s."))
)
register_message(
    "court_term_end_task",
    Template(_("The term to remedy ends: assess whether the conditions were remedied")),
)
register_message(
    "court_term_extended",
    Template(_("The term for the decision was extended to %(date)s: %(reason)s")),
)
register_message(
    "court_decided",
    Template(
        _("The orphan's court decided on %(date)s (%(kind)s): %(decision)s"),
        {"kind": ProceedingKind},
    ),
)
register_message(
    "court_decided_custody",
    Template(_("%(decided)s Custody of %(parent)s: %(outcome)s."), {"outcome": CustodyOutcome}),
)
register_message(
    "court_support_record_attached",
    Template(
        _(
            "The support record of %(date)s was attached to the matter: %(problems)s problems, "
            "%(gaps)s with a gap."
        )
    ),
)
register_message(
    "court_judgment",
    Template(
        _("Court judgment (%(court)s, No. %(number)s, %(date)s): %(parent)s, %(judgment)s."),
        {"judgment": JudgmentKind},
    ),
)
register_message(
    "court_talk_held",
    Template(_("Preventive talk with the parents on %(date)s. Next steps: %(steps)s")),
)
register_message(
    "court_placed",
    Template(
        _("%(child)s placed in out-of-family care (%(form)s, %(carer)s) on %(date)s."),
        {"form": CareForm},
    ),
)
register_message(
    "court_placement_ended",
    Template(_("Out-of-family care ended on %(date)s: %(reason)s."), {"reason": PlacementEnd}),
)
