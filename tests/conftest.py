"""Test-wide settings.

- Plugin bugs must fail tests instead of being logged and skipped (``RAISE_ENV``).
- pytest-mypy-plugins runs the ``mypy`` found on PATH: use the one beside this interpreter,
  so the suite works from an unactivated virtualenv.
"""

import os
import sys
from pathlib import Path

from mypy_async_alchemy.guard import RAISE_ENV

os.environ[RAISE_ENV] = "1"
os.environ["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
