from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "sargs.programme"
    verbose_name = "Child rights protection programme"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import (
            Activity,
            ActivityCost,
            CouncilMember,
            MonitoringReport,
            Programme,
            ProgrammeVersion,
        )

        # Questionnaire responses are not registered: auditlog would store the respondent's
        # address with each change, and the answers must stay anonymous.
        auditlog.register(Programme)
        auditlog.register(ProgrammeVersion, exclude_fields=["updated_at"])
        auditlog.register(Activity, m2m_fields={"cooperating"})
        auditlog.register(ActivityCost)
        auditlog.register(CouncilMember)
        auditlog.register(MonitoringReport)
