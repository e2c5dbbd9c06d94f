from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo market and the development launcher. Nothing imports it: settings name its context processor."""

    name = "demo"
    verbose_name = "Demo"
