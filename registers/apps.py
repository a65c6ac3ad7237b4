from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "registers"
    verbose_name = "Protocol registers"

    def ready(self) -> None:
        from protocol.machinery.deadline_moves import register
        from registers.services.deadlines import REGISTER_DEADLINES

        for kind in REGISTER_DEADLINES:
            register(kind)
