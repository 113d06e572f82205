from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "sargs.registry"
    verbose_name = "Registry"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sargs.audit.subjects import register_subject_finder

        from .audit_subjects import child_subjects
        from .models import (
            Child,
            ChildRepresentative,
            CustodyRecord,
            Household,
            LegalRepresentative,
            ResidenceRecord,
        )

        auditlog.register(Household, exclude_fields=["updated_at"])
        auditlog.register(Child, exclude_fields=["updated_at", "search_name"])
        auditlog.register(LegalRepresentative, exclude_fields=["updated_at", "search_name"])
        auditlog.register(ChildRepresentative)
        auditlog.register(ResidenceRecord)
        auditlog.register(CustodyRecord)
        register_subject_finder(child_subjects)
