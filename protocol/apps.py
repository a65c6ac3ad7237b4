from django.apps import AppConfig


class ProtocolConfig(AppConfig):
    name = "protocol"
    verbose_name = "Council and protocol"

    def ready(self) -> None:
        from protocol import receivers

        receivers.connect()
