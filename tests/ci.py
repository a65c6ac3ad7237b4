"""Whether this run is CI's: `CI` set to any non-empty value (`.ci/run` sets CI=true).

There a test that needs PostgreSQL, Redis or a browser fails rather than skips or is left
out, and Hypothesis runs the CI profile (tests/conftest.py). Every check asks `in_ci()`."""
from __future__ import annotations

import os


def in_ci() -> bool:
    return bool(os.environ.get("CI"))
