from django.core.management.base import BaseCommand

from casework.services import sweep


class Command(BaseCommand):
    help = "Send every enquiry reminder that is due (what Celery beat runs every few minutes)."

    def handle(self, *args, **options) -> None:
        result = sweep()
        self.stdout.write(f"Sent {result.reminders} reminders.")
