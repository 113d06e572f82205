from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "sargs.cooperation"
    verbose_name = "Cooperation groups"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        # The decision's text on a case's timeline, read on any case page.
        from . import messages  # noqa: F401
        from .models import (
            AgendaItem,
            CooperationGroup,
            Decision,
            DecisionTask,
            GroupMember,
            Meeting,
            MeetingParticipant,
        )

        auditlog.register(CooperationGroup)
        auditlog.register(GroupMember)
        auditlog.register(Meeting)
        auditlog.register(MeetingParticipant)
        auditlog.register(AgendaItem)
        auditlog.register(Decision)
        auditlog.register(DecisionTask)
