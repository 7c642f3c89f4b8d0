"""Generate ``reveal_type`` probes over SQLAlchemy's API, for the installed version.

- Every public name of ``sqlalchemy.orm``, ``sqlalchemy.engine``, ``sqlalchemy.ext.asyncio``
  and every attribute those classes define themselves, read through the class.
- Every module-level name of the modules the stubs replace, and for each of their classes
  every name its body defines or ``self.<name> = ...`` assigns, read through an instance:
  unannotated attributes are where a ``.pyi`` copy could infer differently from the ``.py``.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from importlib.util import find_spec
from pathlib import Path

from mypy_async_alchemy.stubs import load_targets

PACKAGES = ("sqlalchemy.orm", "sqlalchemy.engine", "sqlalchemy.ext.asyncio")
PROBES_FILE = "api_probes.py"

# Probes whose type differs with the stubs, by checker and expression, each with why. A test
# fails when an entry is no longer needed, as well as when a probe outside this list differs.
KNOWN_DIFFERENCES = {
    ("pyright", "sqlalchemy.orm.sessionmaker.__init__"): (
        "pyright does not infer a return type for overloads in a .py file (Unknown) and takes"
        " None for an unannotated __init__ in a stub: better with the stubs"
    ),
    ("pyright", "sessionmaker_obj.__init__"): "the same, read through an instance",
    ("mypy", "sessionmaker_obj.kw"): (
        "mypy does not infer attributes assigned only in a method body of a stub (self.kw ="
        " kw is unannotated): Any. mypy reads typings/ only when put on its path"
    ),
}
# Dunder methods worth probing; the rest are object's.
_DUNDERS = frozenset(
    {"__init__", "__call__", "__enter__", "__exit__", "__aenter__", "__aexit__", "__iter__"}
)


def probe_source() -> tuple[str, int]:
    """The probes module and how many probes it has."""
    modules = sorted({target.module for target in load_targets()})
    body: list[str] = []
    for package in PACKAGES:
        body.extend(_package_probes(package))
    for module in modules:
        body.extend(_module_probes(module))
    imports = [f"import {name}" for name in sorted({*PACKAGES, *modules})]
    header = [
        '"""Generated probes (tests/stubs/stub_probes.py)."""',
        "# pyright: reportPrivateUsage=false",
        "from __future__ import annotations",
        "",
        *imports,
        "from typing_extensions import reveal_type",
        "",
    ]
    count = sum("reveal_type(" in line for line in body)
    return "\n".join([*header, *body, ""]), count


def _package_probes(package: str) -> list[str]:
    module = importlib.import_module(package)
    names = getattr(module, "__all__", None) or [n for n in dir(module) if not n.startswith("_")]
    lines = []
    for name in sorted(set(names)):
        value = getattr(module, name, None)
        lines.append(f"reveal_type({package}.{name})")
        if inspect.isclass(value):
            lines.extend(
                f"reveal_type({package}.{name}.{attribute})"
                for attribute in sorted(vars(value))
                if _probed(attribute)
            )
    return lines


def _module_probes(module: str) -> list[str]:
    spec = find_spec(module)
    assert spec is not None and spec.origin is not None
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    lines = [f"reveal_type({module}.{name})" for name in sorted(_defined(tree.body))]
    classes = [node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    top_level = {node.name for node in tree.body if isinstance(node, ast.ClassDef)}
    for index, node in enumerate(sorted(classes, key=lambda node: node.lineno)):
        if node.name not in top_level:
            continue
        attributes = sorted(name for name in _defined(node.body) | _self_assigned(node))
        attributes = [name for name in attributes if _probed(name) or name.startswith("_")]
        if not attributes:
            continue
        instance = f"{node.name}_obj"
        function = f"_probe_{module.replace('.', '_')}_{index}"
        lines.append(f"def {function}({instance}: {module}.{node.name}) -> None:")
        lines.extend(f"    reveal_type({instance}.{name})" for name in attributes)
    return lines


def _probed(name: str) -> bool:
    return not name.startswith("_") or name in _DUNDERS


def _defined(body: list[ast.stmt]) -> set[str]:
    names: set[str] = set()
    for node in body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
        elif isinstance(node, ast.If):
            names |= _defined(node.body) | _defined(node.orelse)
    return {name for name in names if not (name.startswith("__") and name.endswith("__"))} | (
        names & _DUNDERS
    )


def _self_assigned(node: ast.ClassDef) -> set[str]:
    names = set()
    for function in node.body:
        if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for item in ast.walk(function):
            targets = (
                item.targets
                if isinstance(item, ast.Assign)
                else [item.target]
                if isinstance(item, ast.AnnAssign)
                else []
            )
            names.update(
                target.attr
                for target in targets
                if isinstance(target, ast.Attribute)
                and isinstance(target.value, ast.Name)
                and target.value.id == "self"
            )
    return names


def probe_expressions(source: str) -> dict[int, str]:
    """Line number -> the expression that line reveals."""
    found = {}
    for number, line in enumerate(source.splitlines(), 1):
        _, call, rest = line.partition("reveal_type(")
        if call:
            found[number] = rest.rpartition(")")[0]
    return found


def known_lines(source: str, checker: str) -> set[int]:
    """The lines of the probes that KNOWN_DIFFERENCES lists for ``checker``."""
    return {
        line
        for line, expression in probe_expressions(source).items()
        if (checker, expression) in KNOWN_DIFFERENCES
    }
