"""`manage.py verify_history`: walk every history's hash chain (protocol.history) and name
the first broken link of each case, by ids only. Exits non-zero if any link is broken."""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from protocol.history import chained_models, verify


class Command(BaseCommand):
    help = "Check the hash chains of the case histories; exit 1 if any is broken."

    def handle(self, *args, **options) -> None:
        broken = 0
        for model in chained_models():
            result = verify(model)
            case = model._meta.get_field(model.chain.on).related_model._meta.verbose_name
            self.stdout.write(f"{model._meta.label}: {result.events:,} events on "
                              f"{result.cases:,} {case} chains, {len(result.breaks)} broken.")
            for brk in result.breaks:
                self.stdout.write(f"  {case} {brk.case}: event {brk.event} {brk.problem}.")
            broken += len(result.breaks)
        if broken:
            raise CommandError(f"{broken} broken chain{'s' if broken != 1 else ''}: the "
                               "history has been changed outside the application.")
        self.stdout.write(self.style.SUCCESS("Every chain is intact."))
