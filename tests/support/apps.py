from django.apps import AppConfig


class SupportConfig(AppConfig):
    """Test-only helpers (installed by config.settings.test)."""

    name = "tests.support"
    label = "test_support"
