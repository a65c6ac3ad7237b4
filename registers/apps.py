from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "registers"
    verbose_name = "Protocol registers"

    def ready(self) -> None:
        from registers import receivers  # noqa: F401
