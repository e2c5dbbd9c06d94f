from django.apps import AppConfig


class WebConfig(AppConfig):
    """Helpers every app's web side shares: validators, images, i18n, URL converters, template tags."""

    name = "web"
    verbose_name = "Web helpers"

    def ready(self) -> None:
        from django.urls import register_converter

        from web.converters import IdConverter, TokenConverter

        # Before any app's URL conf is imported: they name ids as <id:pk> and secrets as <token:token>.
        register_converter(IdConverter, "id")
        register_converter(TokenConverter, "token")
