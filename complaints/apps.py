from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Complaints and grievances"

    def ready(self) -> None:
        from complaints import receivers  # noqa: F401
