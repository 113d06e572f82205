from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "sargs.cooperation"
    verbose_name = "Cooperation groups"
