"""Answers kept: ``get_*_hook`` answers by name (mypy asks for the same names again and
again), and answers about the function or class being read (``LastAsked``).

mypy calls every ``get_*_hook`` for every name it meets (~180,000 calls on a mid-size
project, most of them for ``builtins``, ``typing`` and SQLAlchemy names while it checks
those libraries). A ``LibraryMemo``'s ``__getitem__`` is dict's own, so a name asked before
is answered without entering a Python frame; a new name runs the plugin's look-up once.

Only answers that are a function of the name alone are kept, chosen by the ``pure``
predicate of each hook kind: library names (their classes never change within a build),
and in a one-build run the user names of the checker-time hooks (see ``main._CHECKER_TIME``).
Answers for user names depend on the user's symbol tables, which change between dmypy
runs: there they are computed every time. No answer depends on the order modules are
checked in, so the memo is no state in the sense of mypy's plugin rules."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

_H = TypeVar("_H")


class LibraryMemo(dict[str, _H | None], Generic[_H]):
    __slots__ = ("_compute", "_pure")

    def __init__(
        self, compute: Callable[[str], _H | None], pure: Callable[[str], bool] | None
    ) -> None:
        super().__init__()
        self._compute = compute
        self._pure = pure

    def __missing__(self, fullname: str) -> _H | None:
        hook = self._compute(fullname)
        if self._pure is None or self._pure(fullname):
            self[fullname] = hook
        return hook


def memoised(
    compute: Callable[[str], _H | None], pure: Callable[[str], bool] | None
) -> Callable[[str], _H | None]:
    """``compute``, answered from a memo for the names ``pure`` accepts (None: every name)."""
    return LibraryMemo(compute, pure).__getitem__


_K = TypeVar("_K")
_V = TypeVar("_V")


class LastAsked(Generic[_K, _V]):
    """An answer about one node (a function, a class), kept for the last node asked.

    Checker hooks fire function by function while mypy checks a module (every read of a
    function comes before the next function's), and summaries go method by method through a
    class, so one entry, keyed by identity (a function node, a class's symbol table), answers
    nearly every repeated question. An answer is a function of the node and of the
    declarations it names, whatever order modules are checked in. Not kept where mypy
    checks a node again in place (dmypy: ``fresh``), after the node or a module it calls
    into changed."""

    __slots__ = ("_entry",)

    def __init__(self) -> None:
        self._entry: tuple[_K, _V] | None = None

    def get(self, key: _K, make: Callable[[], _V], *, fresh: bool = False) -> _V:
        """The answer for ``key``: kept, or ``make()`` (always when ``fresh``)."""
        entry = self._entry
        if entry is not None and entry[0] is key and not fresh:
            return entry[1]
        value = make()
        self._entry = (key, value)
        return value
