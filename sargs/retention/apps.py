from django.apps import AppConfig


class RetentionConfig(AppConfig):
    name = "sargs.retention"
    label = "retention"
    verbose_name = "Retention and scrubbing"
