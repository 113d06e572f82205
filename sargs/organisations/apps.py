from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "sargs.organisations"
    verbose_name = "Organisations"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import Institution, Membership, User

        auditlog.register(User, exclude_fields=["password", "last_login"])
        auditlog.register(Institution, exclude_fields=["updated_at"])
        auditlog.register(Membership)
