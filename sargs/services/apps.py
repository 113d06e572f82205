from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "sargs.services"
    verbose_name = "Family support services"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import (
            CrisisTeam,
            CrisisTeamMember,
            MunicipalService,
            OnCallShift,
            ProviderContract,
            StaffQualification,
        )

        auditlog.register(MunicipalService, exclude_fields=["updated_at"])
        auditlog.register(
            ProviderContract, exclude_fields=["updated_at"], m2m_fields={"service_area"}
        )
        auditlog.register(StaffQualification, exclude_fields=["updated_at"])
        auditlog.register(CrisisTeam, exclude_fields=["updated_at"])
        auditlog.register(CrisisTeamMember)
        auditlog.register(OnCallShift)
