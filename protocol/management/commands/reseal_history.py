"""`manage.py reseal_history`: re-seal every history's chain and head and every sealed row
with the current CASEWORK_HISTORY_KEY, after the key was replaced (the old one listed in
CASEWORK_HISTORY_OLD_KEYS meanwhile). It checks first, with every accepted key, and
refuses if anything is broken: a re-seal must never launder a change made behind the
application's back. Afterwards the old key can be dropped."""
from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from protocol.machinery.history import chained_models, reseal, seal_rows, sealed_models


class Command(BaseCommand):
    help = "Re-seal the histories and what people wrote with the current history key."

    def handle(self, *args, **options) -> None:
        call_command("verify_history", stdout=self.stdout)  # raises if anything is broken
        for model in chained_models():
            with transaction.atomic():
                changed = reseal(model, model.chain, heads=True)
            self.stdout.write(f"{model._meta.label}: {changed:,} events re-sealed.")
        for sealed in sealed_models():
            with transaction.atomic():
                changed = seal_rows(sealed)
            self.stdout.write(f"{sealed._meta.label}: {changed:,} rows re-sealed.")
        self.stdout.write(self.style.SUCCESS("Everything is sealed with the current key."))
