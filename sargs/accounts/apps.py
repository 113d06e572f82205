from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "sargs.accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from .models import ApiToken

        auditlog.register(ApiToken, exclude_fields=["token_hash", "last_used_at"])
