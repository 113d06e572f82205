from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "sargs.organisations"
    verbose_name = "Organisations"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from sargs.core.access import use_principal_source

        from .principal import principal_for

        # Core's access rules get the request's principal from here (core imports no app).
        use_principal_source(principal_for)

        from sargs.core.admin_site import admin_site

        from .grants import IS_ADMINISTRATOR

        # The Django admin is open to administrators only (docs/adr/0002-access-model.md).
        admin_site.access_rule = IS_ADMINISTRATOR

        from .models import Institution, Membership, User

        auditlog.register(User, exclude_fields=["password", "last_login"])
        auditlog.register(Institution, exclude_fields=["updated_at"])
        auditlog.register(Membership)
