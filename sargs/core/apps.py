from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sargs.core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Every date field takes dd.mm.yyyy typed, every decimal field a decimal comma
        # (sargs.core.widgets).
        from .widgets import use_date_input, use_decimal_input

        use_date_input()
        use_decimal_input()
