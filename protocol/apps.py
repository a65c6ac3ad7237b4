from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ProtocolConfig(AppConfig):
    name = "protocol"
    verbose_name = "Council and protocol"

    def ready(self) -> None:
        from protocol import receivers

        receivers.connect()
        post_migrate.connect(grant_app_role, sender=self, dispatch_uid="protocol-db-roles")


def grant_app_role(sender, using: str = "default", **kwargs) -> None:
    """After `migrate`, as the owner: grant the application's own role
    (protocol.machinery.db_roles)."""
    from django.db import connections

    from protocol.machinery import db_roles

    found = db_roles.app_role()
    if found and connections[using].vendor == "postgresql":
        db_roles.grant(connections[using], *found)
