"""Where a target is defined in a module's source: the lines that get a decorator.

Line numbers from ``ast`` are reliable here because the source is SQLAlchemy's own, parsed by
the interpreter that has it installed (never user code, never another Python's grammar).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from mypy_async_alchemy.stubs.targets import StubsError

_Definition = ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef


@dataclass(frozen=True)
class Site:
    """Insert a decorator above line ``line`` (0-based), indented with ``indent``."""

    line: int
    indent: str


def definition_sites(tree: ast.Module, lines: Sequence[str], qualname: str) -> list[Site]:
    """Every definition of ``qualname``: a class, or each overload and the implementation.

    A name defined in both branches of an ``if`` (``TYPE_CHECKING``) is found in each. The
    site is the first existing decorator (so they all stay below ours) or the ``def`` line.
    """
    parts = qualname.split(".")
    found = list(_find(tree.body, parts))
    if not found:
        raise StubsError(f'"{qualname}" is not defined')
    if len({type(node) is ast.ClassDef for node in found}) > 1:
        raise StubsError(f'"{qualname}" is both a class and a function')
    return [_site(node, lines, qualname) for node in found]


def _find(body: Sequence[ast.stmt], parts: Sequence[str]) -> Iterator[_Definition]:
    for node in _statements(body):
        if not isinstance(node, _Definition) or node.name != parts[0]:
            continue
        if len(parts) == 1:
            yield node
        elif isinstance(node, ast.ClassDef):
            yield from _find(node.body, parts[1:])


def _statements(body: Sequence[ast.stmt]) -> Iterator[ast.stmt]:
    """The statements of a module or class body, looking into ``if``/``try`` blocks."""
    for node in body:
        if isinstance(node, ast.If):
            yield from _statements(node.body)
            yield from _statements(node.orelse)
        elif isinstance(node, ast.Try):
            yield from _statements(node.body)
            for handler in node.handlers:
                yield from _statements(handler.body)
            yield from _statements(node.orelse)
            yield from _statements(node.finalbody)
        else:
            yield node


def _site(node: _Definition, lines: Sequence[str], qualname: str) -> Site:
    first = min([node.lineno, *(decorator.lineno for decorator in node.decorator_list)])
    index = first - 1
    text = lines[index]
    keyword = "class" if isinstance(node, ast.ClassDef) else "def"
    expected = "@" if node.decorator_list else ("async " if _is_async(node) else keyword)
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    if len(indent) != node.col_offset or not text[len(indent) :].startswith(expected):
        raise StubsError(
            f'"{qualname}": line {first} does not start its definition: {text.strip()!r}'
        )
    return Site(index, indent)


def _is_async(node: _Definition) -> bool:
    return isinstance(node, ast.AsyncFunctionDef)


def import_line(tree: ast.Module) -> int:
    """The 0-based line after the module docstring and ``from __future__`` imports.

    The import of ``deprecated`` goes there: ``__future__`` imports must come first.
    """
    end = 0
    for index, node in enumerate(tree.body):
        is_docstring = (
            index == 0
            and isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        )
        is_future = isinstance(node, ast.ImportFrom) and node.module == "__future__"
        if not (is_docstring or is_future):
            break
        end = node.end_lineno or node.lineno
    return end
