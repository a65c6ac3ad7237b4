from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = "Councillor enquiries"

    def ready(self) -> None:
        from casework.services.recalculate import FOLLOW_UP_WINDOWS, OPEN_ENQUIRIES
        from protocol.machinery.deadline_moves import register

        register(OPEN_ENQUIRIES)
        register(FOLLOW_UP_WINDOWS)
