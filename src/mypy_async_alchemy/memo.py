"""``get_*_hook`` answers, kept: mypy asks for the same names again and again.

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
