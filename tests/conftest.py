"""Test-wide settings: plugin bugs must fail tests instead of being logged and skipped."""

import os

from mypy_async_alchemy.guard import RAISE_ENV

os.environ[RAISE_ENV] = "1"
