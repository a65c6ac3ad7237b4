from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Complaints and grievances"

    def ready(self) -> None:
        from complaints import receivers  # noqa: F401
        from complaints.services.deadlines import STAGE_LIMITS
        from protocol.deadline_moves import register

        register(STAGE_LIMITS)
