"""The test database's flush, allowed through the timeline's append-only trigger.

Transactional tests (browser tests) empty the database with `flush`, which TRUNCATEs the
timeline; on PostgreSQL the trigger refuses that unless the session opts in, as retention
erasure does. The opt-in lasts only for the flush."""
from django.core.management.commands import flush
from django.db import connections


class Command(flush.Command):
    def handle(self, **options) -> None:
        connection = connections[options["database"]]
        opt_in = connection.vendor == "postgresql"
        if opt_in:
            with connection.cursor() as cursor:
                cursor.execute("SET casework.allow_erase = 'on'")
        try:
            super().handle(**options)
        finally:
            if opt_in:
                with connection.cursor() as cursor:
                    cursor.execute("RESET casework.allow_erase")
