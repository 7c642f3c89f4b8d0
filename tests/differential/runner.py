"""Run generated programs for real and record what every guarded statement did.

Usage: ``python runner.py OUT.json ROOT PACKAGE.MODULE...`` (ROOT goes on ``sys.path``).
Each module's ``main(rec)`` runs under ``asyncio.run`` in a child process forked from this
one; ``rec`` is a ``Recorder``:

- ``with rec.read(line, base):`` guards one read; an exception is recorded and swallowed
  (a failed lazy load changes nothing, so the scenario goes on), unless it came from the
  autoflush before the lazy load (that rolls the session back) or from the scenario's
  time limit: those end the scenario;
- ``with rec.step(line, base):`` guards an assignment or ``awaitable_attrs`` await; an
  exception is recorded and ends the scenario (what comes after it never ran);
- ``with rec.scenario(n):`` records an exception that ended scenario ``n`` and goes on to
  the next one.

Inside a window, every call of the lazy loader (``_load_for_state``, SQLAlchemy's private
entry point behind every lazy load) is recorded: on which object (the window's ``base``, or
another), which attribute, and whether it went for SQL (``_emit_lazyload``) or answered
without it (a many-to-one found in the identity map, or a pending object).

So is every load of column attributes (``loading._load_scalar_attributes``, 2.0's
``load_scalar_attributes``: what an expired object's ``_load_expired`` and a deferred
column's loader call): an event of kind ``columns``, with the keys it loads, ``nested``
when it ran inside a lazy load: a read of a relationship of an expired object runs it
inside the lazy loader (for the key the lazy clause needs), a read of an expired or
deferred column on its own. ``instrument`` runs
before the generated models are mapped: a mapper keeps the function it found then.

Every ``Session.rollback()`` records whether a transaction was open (``rollbacks``, in
order, with its scenario): without one, a rollback expires nothing.

This file runs as a script in its own interpreter: it imports nothing from the test package.
"""

from __future__ import annotations

import asyncio
import importlib
import json
import os
import signal
import sys
import time
import traceback
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session, loading, strategies

_LAZY_LOADER: Any = getattr(strategies, "_LazyLoader", None) or strategies.LazyLoader
_SCALAR_LOADER = (
    "_load_scalar_attributes"
    if hasattr(loading, "_load_scalar_attributes")
    else "load_scalar_attributes"
)
SCENARIO_SECONDS = 10
PROGRAM_SECONDS = 60


class ScenarioTimeout(Exception):
    """Raised by SIGALRM in a scenario that runs too long."""


def _time_out(signum: int, frame: object) -> None:
    raise ScenarioTimeout(f"the scenario ran for {SCENARIO_SECONDS} s")


def classify(error: BaseException) -> str:
    """What an exception says about the statement that raised it.

    - ``missing-greenlet``: IO was attempted outside ``greenlet_spawn``;
    - ``lazy-raise``: lazy="raise"/"raise_on_sql" or raiseload();
    - ``pending-rollback``: IO was attempted after an earlier lazy load's autoflush failed;
    - ``empty``: a read went past a relationship that holds nothing (``[]``/``None``), as
      ``noload()`` or a transient object leave it: the hops after it were not reached;
    - ``rejected``: SQLAlchemy refused to combine the query's options with a refresh's or
      a lazy load's (the reverse ``lazyload()`` an ``immediateload`` adds: at query time
      in 2.0), or could not run them: ``load_only()`` leaves out the foreign key that a
      many-to-one's ``subqueryload`` reads from the row (NoSuchColumnError);
    - ``timeout``: the scenario ran for ``SCENARIO_SECONDS`` (SQLAlchemy loops forever on
      some option chains over self-referential cycles);
    - ``error``: anything else (a bug in the generator or the harness).
    """
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        orig = getattr(current, "orig", None)
        current = orig if isinstance(orig, BaseException) else current.__cause__
    if any(isinstance(item, sa_exc.MissingGreenlet) for item in chain):
        return "missing-greenlet"
    if isinstance(error, sa_exc.PendingRollbackError):
        # IO after an earlier lazy load's autoflush failed with MissingGreenlet.
        return "pending-rollback"
    if isinstance(error, sa_exc.InvalidRequestError) and _conflicting_loaders(str(error)):
        return "rejected"
    if isinstance(error, sa_exc.InvalidRequestError) and "is not available due to lazy=" in str(
        error
    ):
        return "lazy-raise"
    if any(isinstance(item, sa_exc.NoSuchColumnError) for item in chain):
        return "rejected"
    if any(isinstance(item, ScenarioTimeout) for item in chain):
        return "timeout"  # also when the alarm went off inside SQL (a StatementError)
    if isinstance(error, IndexError) or (
        isinstance(error, AttributeError) and "'NoneType'" in str(error)
    ):
        return "empty"
    return "error"


def _conflicting_loaders(message: str) -> bool:
    """SQLAlchemy's "two loaders for one path" error: "Loader strategy replacement ... is in
    conflict" (2.1.x), "Loader strategies for ORM Path[...] conflict" (2.0, 2.1 betas)."""
    return "Loader strategy replacement" in message or (
        "Loader strategies for" in message and "conflict" in message
    )


class Window:
    def __init__(self, kind: str, line: int, base: object) -> None:
        if isinstance(base, list):
            base = base[0] if base else None
        self.base = base
        # "timeout" until the window ends: the alarm may go off anywhere in it, even while
        # its exception is being classified.
        self.record: dict[str, Any] = {
            "kind": kind, "line": line, "base_missing": base is None, "events": [],
            "outcome": "timeout",
        }  # fmt: skip
        self.open: list[dict[str, Any]] = []


class Recorder:
    def __init__(self) -> None:
        self.windows: list[dict[str, Any]] = []
        self.aborts: list[dict[str, Any]] = []
        self.current: Window | None = None
        self.rollbacks: list[dict[str, Any]] = []
        self.scenario_number: int | None = None

    @contextmanager
    def scenario(self, number: int) -> Iterator[None]:
        signal.alarm(SCENARIO_SECONDS)
        self.scenario_number = number
        try:
            yield
        except Exception as error:
            self.aborts.append(
                {"scenario": number, "outcome": classify(error), "exception": _describe(error)}
            )
        finally:
            signal.alarm(0)

    @contextmanager
    def read(self, line: int, base: object) -> Iterator[None]:
        with self._window("read", line, base, swallow=True):
            yield

    @contextmanager
    def step(self, line: int, base: object) -> Iterator[None]:
        with self._window("step", line, base, swallow=False):
            yield

    @contextmanager
    def _window(self, kind: str, line: int, base: object, *, swallow: bool) -> Iterator[None]:
        window = Window(kind, line, base)
        self.windows.append(window.record)
        self.current = window
        try:
            yield
        except Exception as error:
            window.record["outcome"] = classify(error)
            window.record["exception"] = _describe(error)
            if not swallow or _in_autoflush(error) or window.record["outcome"] == "timeout":
                # A failed autoflush rolled the session back and expired its objects: what
                # the scenario does next is not what the checker was shown.
                raise
        else:
            window.record["outcome"] = "ok"
        finally:
            self.current = None

    def lazy_load(self, loader: Any, state: Any, call: Any) -> Any:
        window = self.current
        if window is None:
            return call()
        event = {
            "on_base": window.base is not None and state.obj() is window.base,
            "attribute": f"{loader.parent.class_.__name__}.{loader.key}",
            "sql": False,
            "raised": False,
        }
        window.record["events"].append(event)
        window.open.append(event)
        try:
            return call()
        except BaseException:
            event["raised"] = True
            raise
        finally:
            window.open.pop()

    def column_load(self, state: Any, names: Any, call: Any) -> Any:
        window = self.current
        if window is None:
            return call()
        event = {
            "kind": "columns",
            "on_base": window.base is not None and state.obj() is window.base,
            "attribute": f"{state.class_.__name__}.({','.join(sorted(names or ()))})",
            "columns": sorted(names or ()),
            "nested": bool(window.open),  # inside a lazy load (the keys its clause needs)
            "sql": True,
            "raised": False,
        }
        window.record["events"].append(event)
        try:
            return call()
        except BaseException:
            event["raised"] = True
            raise

    def emitting_sql(self) -> None:
        if self.current is not None and self.current.open:
            self.current.open[-1]["sql"] = True


def _in_autoflush(error: BaseException) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    return any(frame.name == "_autoflush" for frame in frames)


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {str(error).splitlines()[0][:300] if str(error) else ''}"


def instrument(recorder: Recorder) -> None:
    """Route every lazy load and column load through ``recorder`` (once per interpreter)."""
    load_for_state = _LAZY_LOADER._load_for_state
    emit_lazyload = _LAZY_LOADER._emit_lazyload

    def patched_load(self: Any, state: Any, passive: Any, *args: Any, **kwargs: Any) -> Any:
        return recorder.lazy_load(
            self, state, lambda: load_for_state(self, state, passive, *args, **kwargs)
        )

    def patched_emit(self: Any, *args: Any, **kwargs: Any) -> Any:
        recorder.emitting_sql()
        return emit_lazyload(self, *args, **kwargs)

    _LAZY_LOADER._load_for_state = patched_load
    _LAZY_LOADER._emit_lazyload = patched_emit

    load_scalar_attributes = getattr(loading, _SCALAR_LOADER)

    def patched_scalar(mapper: Any, state: Any, names: Any, passive: Any) -> Any:
        return recorder.column_load(
            state, names, lambda: load_scalar_attributes(mapper, state, names, passive)
        )

    setattr(loading, _SCALAR_LOADER, patched_scalar)

    rollback = Session.rollback

    def patched_rollback(self: Any) -> None:
        recorder.rollbacks.append(
            {"scenario": recorder.scenario_number, "open": self.in_transaction()}
        )
        rollback(self)

    Session.rollback = patched_rollback  # type: ignore[method-assign]


def run(module_name: str, recorder: Recorder) -> dict[str, Any]:
    error = None
    try:
        module = importlib.import_module(module_name)
        asyncio.run(module.main(recorder))
    except ScenarioTimeout as timeout:  # it escaped from the event loop's own code
        recorder.aborts.append({"scenario": None, "outcome": "timeout", "exception": str(timeout)})
    except Exception:
        error = traceback.format_exc()
    return {
        "error": error,
        "windows": recorder.windows,
        "aborts": recorder.aborts,
        "rollbacks": recorder.rollbacks,
    }


def run_in_child(module_name: str, recorder: Recorder, out: Path) -> dict[str, Any]:
    """``run`` in a forked child (SQLAlchemy already imported), killed after
    ``PROGRAM_SECONDS``: a hang that the scenario alarm cannot interrupt (in the event
    loop's own shutdown, say) costs one program, not the batch."""
    pid = os.fork()
    if pid == 0:  # the child
        try:
            out.write_text(json.dumps(run(module_name, recorder)))
        finally:
            os._exit(0)
    deadline = time.monotonic() + PROGRAM_SECONDS
    while os.waitpid(pid, os.WNOHANG) == (0, 0):
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            timeout = f"the program ran for {PROGRAM_SECONDS} s"
            aborts = [{"scenario": None, "outcome": "timeout", "exception": timeout}]
            return {"error": None, "windows": [], "aborts": aborts}
        time.sleep(0.005)
    return dict(json.loads(out.read_text()))


def main(argv: list[str]) -> None:
    out, root, *modules = argv
    sys.path.insert(0, root)
    # noload() is deprecated; a failed lazy load leaves a coroutine never awaited.
    warnings.simplefilter("ignore")
    signal.signal(signal.SIGALRM, _time_out)
    recorder = Recorder()
    instrument(recorder)
    results = {
        name: run_in_child(name, recorder, Path(f"{out}.{index}"))
        for index, name in enumerate(modules)
    }
    Path(out).write_text(json.dumps(results))


if __name__ == "__main__":
    main(sys.argv[1:])
