"""The plugin never crashes mypy: every hook runs behind ``guarded``.

An unexpected exception is logged once per hook on stderr and mypy's default is used instead.
The test suite sets ``MYPY_ASYNC_ALCHEMY_RAISE=1`` so that plugin bugs still fail tests.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import Final, TypeVar

from mypy_async_alchemy import messages

RAISE_ENV: Final = "MYPY_ASYNC_ALCHEMY_RAISE"

_C = TypeVar("_C")
_R = TypeVar("_R")

# Hook names already logged in this process, so a broken hook is reported once, not per call.
_logged: set[str] = set()


def guarded(hook: Callable[[_C], _R], fallback: Callable[[_C], _R]) -> Callable[[_C], _R]:
    """Wrap ``hook`` so that an exception returns ``fallback(ctx)`` instead of crashing."""
    name = getattr(hook, "__qualname__", repr(hook))

    def run(ctx: _C) -> _R:
        try:
            return hook(ctx)
        except Exception as exc:
            if os.environ.get(RAISE_ENV):
                raise
            if name not in _logged:
                _logged.add(name)
                print(messages.INTERNAL_ERROR.format(name, repr(exc)), file=sys.stderr)
            return fallback(ctx)

    run.__qualname__ = f"guarded({name})"
    return run
