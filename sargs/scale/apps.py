from django.apps import AppConfig


class ScaleConfig(AppConfig):
    """Tools for running Sargs at national scale: the realistic data generator."""

    name = "sargs.scale"
    verbose_name = "National scale"
