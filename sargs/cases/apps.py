from django.apps import AppConfig


class CasesConfig(AppConfig):
    """One app (label ``cases``) in four sub-areas: concerns, casework, referrals, court
    (docs/adr/0013-cases-sub-areas.md). The models are registered by ``models.py``."""

    name = "sargs.cases"
    verbose_name = "Concerns and cases"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sargs.registry.selectors import register_care_source
        from sargs.services.selectors import register_in_use_source, register_waiting_source

        from .casework.models import (
            Assessment,
            AssessmentArea,
            Case,
            CaseChild,
            CaseParticipant,
            PlanGoal,
            RehabilitationPlan,
            Task,
            TimelineEntry,
        )
        from .casework.transfer_models import CaseTransfer

        # System texts of the sub-areas above casework, read on any case's timeline.
        from .concerns import messages as concern_messages  # noqa: F401
        from .concerns.models import Alert, Concern
        from .court import messages as court_messages  # noqa: F401
        from .court.models import (
            CourtJudgment,
            DeprivationReview,
            Placement,
            PreventiveTalk,
            Proceeding,
        )
        from .court.selectors import placement_care_facts
        from .referrals import messages as referral_messages  # noqa: F401
        from .referrals.models import Referral, ReferralSession
        from .referrals.selectors import families_in_use, families_waiting

        auditlog.register(Concern)
        auditlog.register(Alert)
        auditlog.register(Case, exclude_fields=["updated_at"])
        auditlog.register(CaseChild)
        auditlog.register(CaseParticipant)
        # A system text's code and parameters repeat its words, which ``text`` / ``title``
        # keep as written: the trail records the words, not the machine's spelling of them.
        auditlog.register(TimelineEntry, exclude_fields=["message", "params"])
        auditlog.register(Task, exclude_fields=["title_message", "title_params"])
        auditlog.register(Assessment)
        auditlog.register(AssessmentArea)
        auditlog.register(RehabilitationPlan)
        auditlog.register(PlanGoal)
        auditlog.register(Referral, exclude_fields=["updated_at"])
        auditlog.register(ReferralSession)
        auditlog.register(Proceeding)
        auditlog.register(Placement)
        auditlog.register(CourtJudgment)
        auditlog.register(DeprivationReview)
        auditlog.register(PreventiveTalk)
        auditlog.register(CaseTransfer)

        # A handover carries the child's open case (docs/adr/0006).
        from sargs.responsibility.signals import handover_accepted

        from .casework.receivers import on_handover_accepted

        handover_accepted.connect(on_handover_accepted, dispatch_uid="cases.case_transfer")

        # Expected NPAIS entries are added as the events that oblige them are written.
        from django.db.models.signals import post_save

        from .npais import receivers as npais

        post_save.connect(npais.on_concern_saved, sender=Concern, dispatch_uid="npais.concern")
        post_save.connect(
            npais.on_participant_saved, sender=CaseParticipant, dispatch_uid="npais.owner"
        )
        post_save.connect(npais.on_matter_saved, sender=Proceeding, dispatch_uid="npais.matter")

        # The capacity page shows the families served now and waiting per contract.
        register_in_use_source(families_in_use)
        register_waiting_source(families_waiting)
        # The jurisdiction engine sees the current placement's deciding municipality (67(4)).
        register_care_source(placement_care_facts)
