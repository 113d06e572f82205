from django.apps import AppConfig


class ResponsibilityConfig(AppConfig):
    name = "sargs.responsibility"
    verbose_name = "Handovers and cost claims"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sargs.registry.signals import residence_changed

        from .models import CostClaim, CostClaimEvent, Handover
        from .receivers import on_residence_changed

        auditlog.register(Handover, exclude_fields=["updated_at"])
        auditlog.register(CostClaim, exclude_fields=["updated_at"])
        auditlog.register(CostClaimEvent)
        residence_changed.connect(
            on_residence_changed, dispatch_uid="responsibility.handover_review"
        )
