from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = "Councillor enquiries"

    def ready(self) -> None:
        from casework import receivers  # noqa: F401
