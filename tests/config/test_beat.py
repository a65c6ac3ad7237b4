"""The beat schedule names tasks that exist: a typo would sweep nothing, silently."""
import pytest
from django.conf import settings

from config.celery import app


@pytest.mark.parametrize("entry", sorted(settings.CELERY_BEAT_SCHEDULE))
def test_each_scheduled_task_is_registered(entry):
    app.loader.import_default_modules()
    assert settings.CELERY_BEAT_SCHEDULE[entry]["task"] in app.tasks


def test_every_app_with_reminders_is_swept():
    scheduled = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()}
    app.loader.import_default_modules()
    sweeps = {name for name in app.tasks if name.endswith(".send_reminders")}
    assert sweeps and sweeps <= scheduled
