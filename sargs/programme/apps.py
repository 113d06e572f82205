from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "sargs.programme"
    verbose_name = "Child rights protection programme"
