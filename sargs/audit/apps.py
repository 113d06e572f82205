from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "sargs.audit"
    verbose_name = "Audit"

    def ready(self) -> None:
        from sargs.core.reads import use_read_recorder

        from .services import record_view

        # Apps below audit (organisations) record reads through core (docs/adr/0013-layers.md).
        use_read_recorder(record_view)
