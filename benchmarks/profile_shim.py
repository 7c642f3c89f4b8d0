"""A mypy plugin that is the real one with every hook timed (``overhead.py --profile``).

``plugins = profile_shim`` (this directory on ``sys.path``) loads ``TimedPlugin``: a subclass
of ``mypy_async_alchemy.main.AsyncAlchemyPlugin`` whose ``get_*_hook`` methods, and the
callbacks they return, are wrapped with a timer. Only the hooks the real plugin overrides
are wrapped, so mypy's behaviour is unchanged.

Where a ``get_*_hook`` call comes from: mypy passes only a fullname, so the shim reads the
module mypy is analysing or checking from the build's ``Errors`` object (found once through
the ``BuildManager`` that holds the plugin's options), and classifies it as SQLAlchemy's own
code, the user's code (the build's source files) or anything else (stdlib, typeshed,
other libraries).

Callback times are inclusive (they contain the mypy work a callback triggers, such as
``get_expression_type``); ``self`` time leaves out nested plugin callbacks. Times are the
thread's CPU time (``time.thread_time``), less the calibrated cost of reading the clock
(~1 us here), so that other processes on a shared machine do not inflate them;
``PROFILE_SHIM_CLOCK=wall`` switches to ``perf_counter``.
"""

from __future__ import annotations

import functools
import gc
import inspect
import os
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from mypy.build import BuildManager
from mypy.nodes import MypyFile
from mypy.plugin import Plugin

from mypy_async_alchemy.main import AsyncAlchemyPlugin


def _calibrate(read: Callable[[], float]) -> float:
    """The cost of one clock read, subtracted from every measured interval."""
    best = float("inf")
    for _ in range(20):
        start = read()
        for _ in range(1000):
            read()
        best = min(best, (read() - start) / 1001)
    return best


# CPU time of this thread by default: the machine may be shared, and wall time then counts
# the time other processes held the core. PROFILE_SHIM_CLOCK=wall uses perf_counter.
CLOCK_NAME = "wall" if os.environ.get("PROFILE_SHIM_CLOCK") == "wall" else "cpu"
clock: Callable[[], float] = time.perf_counter if CLOCK_NAME == "wall" else time.thread_time
CLOCK_COST = _calibrate(clock)

SQLALCHEMY, USER, OTHER = "sqlalchemy", "user", "other"


class Stats:
    def __init__(self) -> None:
        # (hook kind, origin) -> [calls, hooks returned, seconds]
        self.gets: defaultdict[tuple[str, str], list[float]] = defaultdict(lambda: [0, 0, 0.0])
        # (hook kind, callback label) -> [calls, inclusive s, self s, nested calls]
        self.callbacks: defaultdict[tuple[str, str], list[float]] = defaultdict(
            lambda: [0, 0.0, 0.0, 0]
        )
        # (hook kind, origin) -> [calls, top-level inclusive seconds]
        self.callback_origins: defaultdict[tuple[str, str], list[float]] = defaultdict(
            lambda: [0, 0.0]
        )
        self.get_seconds_outside_callbacks = 0.0
        self.callback_seconds_top_level = 0.0
        self.deps = [0, 0.0]  # get_additional_deps: calls, seconds
        self.config_data = [0, 0.0]  # report_config_data (summaries written): calls, seconds

    def reset(self) -> None:
        self.__init__()  # type: ignore[misc]


STATS = Stats()
_nesting: list[float] = []  # child time of each running callback
_managers: dict[int, BuildManager] = {}


def _manager(plugin: Plugin) -> BuildManager | None:
    key = id(plugin.options)
    if key not in _managers:
        found = [r for r in gc.get_referrers(plugin.options) if isinstance(r, BuildManager)]
        if not found:
            return None
        _managers[key] = found[0]
    return _managers[key]


def _origin(plugin: Plugin) -> str:
    manager = _manager(plugin)
    module = manager.errors.target_module if manager is not None else None
    if module is None:
        return OTHER
    if module == SQLALCHEMY or module.startswith(SQLALCHEMY + "."):
        return SQLALCHEMY
    if manager is not None and module in manager.source_set.source_modules:
        return USER
    return OTHER


def label(callback: Callable[..., Any]) -> str:
    """A readable name: ``guarded(...)`` and ``_chain`` wrappers opened up."""
    if isinstance(callback, functools.partial):
        return label(callback.func)
    name = getattr(callback, "__qualname__", repr(callback))
    cells = [c.cell_contents for c in (getattr(callback, "__closure__", None) or ())]
    if name.startswith("guarded("):
        inner = [c for c in cells if callable(c) and getattr(c, "__name__", "") != "<lambda>"]
        for cell in inner:
            if getattr(cell, "__qualname__", "") not in (
                "_default_return",
                "_default_attr",
                "_no_change",
                "_any_type",
            ):
                return label(cell)
    if name.endswith("run_all"):
        chained = [c for c in cells if isinstance(c, list)]
        if chained:
            return "+".join(label(c) for c in chained[0])
    return name.replace("<locals>.", "")


def _timed_callback(kind: str, callback: Callable[[Any], Any], origin: str):
    name = label(callback)

    def timed(ctx: Any) -> Any:
        _nesting.append(0.0)
        start = clock()
        try:
            return callback(ctx)
        finally:
            elapsed = max(0.0, clock() - start - CLOCK_COST)
            children = _nesting.pop()
            entry = STATS.callbacks[(kind, name)]
            entry[0] += 1
            entry[1] += elapsed
            entry[2] += elapsed - children
            if _nesting:
                _nesting[-1] += elapsed
                entry[3] += 1
            else:
                STATS.callback_seconds_top_level += elapsed
                where = STATS.callback_origins[(kind, origin)]
                where[0] += 1
                where[1] += elapsed

    return timed


def _timed_getter(kind: str) -> Callable[[Plugin, str], Any]:
    attribute = getattr(AsyncAlchemyPlugin, kind)
    # A hook may be a bound builtin (get_type_analyze_hook is a dict's .get), not a method.
    bound = not inspect.isfunction(attribute)

    def getter(self: Plugin, fullname: str) -> Any:
        start = clock()
        hook = attribute(fullname) if bound else attribute(self, fullname)
        elapsed = max(0.0, clock() - start - CLOCK_COST)
        origin = _origin(self)
        entry = STATS.gets[(kind, origin)]
        entry[0] += 1
        entry[2] += elapsed
        if _nesting:
            _nesting[-1] += elapsed
        else:
            STATS.get_seconds_outside_callbacks += elapsed
        if hook is None:
            return None
        entry[1] += 1
        return _timed_callback(kind, hook, origin)

    getter.__name__ = kind
    return getter


class TimedPlugin(AsyncAlchemyPlugin):
    def get_additional_deps(self, file: MypyFile) -> list[tuple[int, str, int]]:
        start = clock()
        try:
            return super().get_additional_deps(file)
        finally:
            STATS.deps[0] += 1
            STATS.deps[1] += max(0.0, clock() - start - CLOCK_COST)

    def report_config_data(self, ctx: Any) -> Any:
        start = clock()
        try:
            return super().report_config_data(ctx)
        finally:
            STATS.config_data[0] += 1
            STATS.config_data[1] += max(0.0, clock() - start - CLOCK_COST)


HOOK_KINDS = sorted(
    name
    for name in dir(Plugin)
    if name.startswith("get_")
    and name.endswith("_hook")
    and getattr(AsyncAlchemyPlugin, name) is not getattr(Plugin, name)
)
for _kind in HOOK_KINDS:
    setattr(TimedPlugin, _kind, _timed_getter(_kind))


def plugin(version: str) -> type[Plugin]:
    return TimedPlugin
