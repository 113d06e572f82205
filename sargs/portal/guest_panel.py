"""The home panel of someone invited to a cooperation group meeting (issue 18, point 6).

An invited participant holds no role for the group, so no role's panels lead them there: this
panel is shown to every user who has an invitation, whatever their roles, and says until when
each meeting stays open to them and when access to a past one ended."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sargs.cooperation.selectors import guest_invitations

from .casework_panels import SHOWN, day
from .panels import HomeContext, Line, Panel, url


def invitations(ctx: HomeContext) -> list[Line]:
    """The meetings I was invited to: open ones with their last day, then ended ones."""
    lines = []
    for invitation in guest_invitations(principal=ctx.principal, today=ctx.today)[:SHOWN]:
        meeting = invitation.meeting
        label = _("%(group)s, meeting No. %(number)s") % {
            "group": meeting.group.name,
            "number": meeting.number,
        }
        if invitation.open:
            note = _("%(date)s; open to you until %(until)s") % {
                "date": day(meeting.date),
                "until": day(invitation.access_until),
            }
            lines.append(Line(label, url("cooperation:meeting-detail", meeting.pk), note=note))
        else:
            note = _("Your access ended on %(date)s") % {"date": day(invitation.access_until)}
            lines.append(Line(label, None, note=note, tone="warn"))
    return lines


INVITATIONS = Panel(
    "invitations",
    gettext_lazy("Meetings you are invited to"),
    gettext_lazy("Here you will see the cooperation group meetings you are invited to."),
    invitations,
    hide_when_empty=True,
)
