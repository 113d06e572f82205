from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AssessmentConfig(AppConfig):
    name = "sargs.assessment"
    verbose_name = "Annual situation assessment"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Assessment, ReportedValue, ReportingPeriod, Submission
        from .sync import sync_catalogue

        post_migrate.connect(sync_catalogue, sender=self, dispatch_uid="assessment_catalogue")
        auditlog.register(ReportingPeriod, exclude_fields=["created_at"])
        auditlog.register(Submission, exclude_fields=["updated_at", "revision"])
        auditlog.register(ReportedValue)
        auditlog.register(Assessment, exclude_fields=["updated_at"])
