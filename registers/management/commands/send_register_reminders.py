from django.core.management.base import BaseCommand

from registers.services import sweep


class Command(BaseCommand):
    help = "Send every register reminder that is due (need-to-know and group requests)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"Sent {sweep()} register reminders.")
