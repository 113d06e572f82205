from django.apps import AppConfig


class SubjectsConfig(AppConfig):
    name = "sargs.subjects"
    verbose_name = "Data subject requests"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Correction, RequestPerson, SubjectRequest

        auditlog.register(SubjectRequest, exclude_fields=["updated_at"])
        auditlog.register(RequestPerson)
        auditlog.register(Correction)
