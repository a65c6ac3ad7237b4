"""`manage.py verify_history`: walk every history's hash chain (protocol.machinery.history) and name
the first broken link of each case, then check the seal on every row people wrote on
(protocol.machinery.history.records), by ids only. Exits non-zero if anything is broken."""
from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from protocol.machinery.history import chained_models, sealed_models, unsealed, verify


class Command(BaseCommand):
    help = "Check the hash chains of the case histories and the seals on what people wrote; "
    help += "exit 1 if any is broken."

    def handle(self, *args, **options) -> None:
        broken = sum(self._chains(model) for model in chained_models())
        broken += sum(self._rows(model) for model in sealed_models())
        if broken:
            raise CommandError(f"{broken} broken chain{'s' if broken != 1 else ''} or seal"
                               f"{'s' if broken != 1 else ''}: the history has been changed "
                               "outside the application.")
        self.stdout.write(self.style.SUCCESS("Every chain is intact."))

    def _chains(self, model) -> int:
        result = verify(model)
        case = model._meta.get_field(model.chain.on).related_model._meta.verbose_name
        self.stdout.write(f"{model._meta.label}: {result.events:,} events on "
                          f"{result.cases:,} {case} chains, {len(result.breaks)} broken.")
        for brk in result.breaks:
            self.stdout.write(f"  {case} {brk.case}: event {brk.event} {brk.problem}.")
        return len(result.breaks)

    def _rows(self, model) -> int:
        name, rows = model._meta.verbose_name, model._base_manager.count()
        found = list(unsealed(model))
        self.stdout.write(f"{model._meta.label}: {rows:,} rows sealed, {len(found)} changed.")
        for pk, problem in found:
            self.stdout.write(f"  {name} {pk} {problem}.")
        return len(found)
