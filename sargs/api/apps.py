from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "sargs.api"
    verbose_name = "API"

    def ready(self) -> None:
        from . import schema  # noqa: F401  (registers the OpenAPI extension)
