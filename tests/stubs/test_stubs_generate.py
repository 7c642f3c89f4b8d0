"""The generator: every target found and decorated, and nothing else changed."""

from __future__ import annotations

import ast
from collections.abc import Callable

import pytest

from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy.stubs import StubPackage, StubsError, Target, build, load_targets
from mypy_async_alchemy.stubs.render import DECORATOR, IMPORT, render
from mypy_async_alchemy.stubs.targets import read_targets_text

TARGETS = load_targets()
MODULES = sorted({target.module for target in TARGETS})


def _stub(stub_package: StubPackage, module: str) -> str:
    return stub_package.files[module.removeprefix("sqlalchemy.").replace(".", "/") + ".pyi"]


def _flat(body: list[ast.stmt]) -> list[ast.stmt]:
    """Statements of a body, with those of ``if`` blocks (``TYPE_CHECKING``) spliced in."""
    flat: list[ast.stmt] = []
    for node in body:
        flat.extend(_flat(node.body) + _flat(node.orelse) if isinstance(node, ast.If) else [node])
    return flat


def _definitions(tree: ast.Module, qualname: str) -> list[ast.stmt]:
    *owners, name = qualname.split(".")
    scope = _flat(tree.body)
    for owner in owners:
        owner_class = next(n for n in scope if isinstance(n, ast.ClassDef) and n.name == owner)
        scope = _flat(owner_class.body)
    return [n for n in scope if getattr(n, "name", None) == name]


def _is_ours(decorator: ast.expr) -> bool:
    return (
        isinstance(decorator, ast.Call)
        and isinstance(decorator.func, ast.Name)
        and decorator.func.id == DECORATOR
    )


def test_package_layout(stub_package: StubPackage) -> None:
    assert stub_package.files["py.typed"] == "partial\n"
    assert stub_package.files["VERSION"].splitlines()[1] == stub_package.sqlalchemy_version
    assert sorted(name for name in stub_package.files if name.endswith(".pyi")) == [
        "engine/base.pyi",
        "engine/create.pyi",
        "orm/query.pyi",
        "orm/scoping.pyi",
        "orm/session.pyi",
    ]


@pytest.mark.parametrize("target", TARGETS, ids=lambda t: f"{t.module}:{t.qualname}")
def test_every_definition_of_a_target_is_decorated_outermost(
    stub_package: StubPackage, target: Target
) -> None:
    """Each overload and the implementation; existing decorators stay, below ours."""
    tree = ast.parse(_stub(stub_package, target.module))
    definitions = _definitions(tree, target.qualname)
    assert definitions
    for node in definitions:
        assert isinstance(node, (ast.ClassDef, ast.FunctionDef))
        ours = [d for d in node.decorator_list if _is_ours(d)]
        assert len(ours) == 1 and node.decorator_list[0] is ours[0]
        assert isinstance(ours[0], ast.Call)
        message = ours[0].args[0]
        assert isinstance(message, ast.Constant) and message.value == target.message


def test_overloads_each_get_the_decorator(stub_package: StubPackage) -> None:
    tree = ast.parse(_stub(stub_package, "sqlalchemy.orm.session"))
    queries = _definitions(tree, "Session.query")
    assert len(queries) > 5  # the overloads and the implementation
    tree = ast.parse(_stub(stub_package, "sqlalchemy.engine.create"))
    assert len(_definitions(tree, "create_engine")) == 3


def test_nothing_else_changes(stub_package: StubPackage) -> None:
    """Drop the header, the import and our decorators: SQLAlchemy's source, byte for byte."""
    from importlib.util import decode_source, find_spec
    from pathlib import Path

    for module in MODULES:
        spec = find_spec(module)
        assert spec is not None and spec.origin is not None
        original = decode_source(Path(spec.origin).read_bytes())
        stub = _stub(stub_package, module).split("\n")
        header = next(i for i, line in enumerate(stub) if line == "#")
        kept = [
            line
            for line in stub[header + 1 :]
            if line != IMPORT.rstrip("\n") and not line.lstrip().startswith(f"@{DECORATOR}(")
        ]
        assert "\n".join(kept) == original


def test_decorator_count(stub_package: StubPackage) -> None:
    total = 0
    for module in MODULES:
        tree = ast.parse(_stub(stub_package, module))
        total += sum(_is_ours(d) for n in ast.walk(tree) for d in getattr(n, "decorator_list", []))
    assert total == stub_package.decorators


def test_targets_cover_what_the_plugin_reports() -> None:
    """The sync APIs that are wrong wherever they appear; IO methods of Engine included."""
    qualified = {f"{t.module}.{t.qualname}" for t in TARGETS}
    assert {names.SESSION, names.SESSIONMAKER, names.SCOPED_SESSION, names.QUERY} <= qualified
    assert qualified >= names.SYNC_ENGINE_FACTORIES
    assert {f"{names.ENGINE}.{method}" for method in names.ENGINE_IO_METHODS} <= qualified
    assert f"{names.SESSION}.{names.QUERY_METHOD}" in qualified


def test_a_missing_target_stops_the_generator() -> None:
    missing = Target("sqlalchemy.orm.session", "Session.no_such_method", "gone")
    with pytest.raises(StubsError, match=r'sqlalchemy.orm.session: "Session.no_such_method"'):
        build([*TARGETS, missing])


def test_a_missing_module_stops_the_generator() -> None:
    with pytest.raises(StubsError, match=r"sqlalchemy\.orm\.no_such_module"):
        build([Target("sqlalchemy.orm.no_such_module", "Thing", "gone")])


@pytest.mark.parametrize(
    ("edit", "error"),
    [
        (
            lambda text: text.replace('message = "engine-io"', 'message = "nope"'),
            "unknown message",
        ),
        (lambda text: text.replace('names = ["Query"]', "names = []"), "non-empty list"),
        (lambda text: text + "\n[[target]]\nmodule = 1\n", "module must be"),
        (lambda text: text + "\n[oops\n", "targets.toml"),
    ],
)
def test_a_bad_target_list_is_reported(edit: Callable[[str], str], error: str) -> None:
    with pytest.raises(StubsError, match=error):
        load_targets(edit(read_targets_text()))


SOURCE = """\
\"\"\"Docstring.\"\"\"
from __future__ import annotations
import typing

if typing.TYPE_CHECKING:
\tclass Thing:
\t\tdef run(self) -> None: ...
else:
    class Thing:
        @staticmethod
        @other
        async def run() -> None: ...

@typing.overload
def make(x: int) -> int: ...
@typing.overload
def make(x: str) -> str: ...
def make(x): return x
"""


def test_render_places_the_import_and_keeps_indentation() -> None:
    targets = [Target("m", "Thing", "class"), Target("m", "Thing.run", "run")]
    targets.append(Target("m", "make", "make"))
    stub, count = render(SOURCE, targets, ["header"])
    lines = stub.split("\n")
    assert lines[:4] == [
        "# header",
        '"""Docstring."""',
        "from __future__ import annotations",
        IMPORT.rstrip(),
    ]
    assert count == 2 + 2 + 3
    assert f"\t@{DECORATOR}('class')\n\tclass Thing:\n\t\t@{DECORATOR}('run')\n" in stub
    decorated = f"@{DECORATOR}('run')\n        @staticmethod\n        @other\n        async def"
    assert f"        {decorated}" in stub
    assert stub.count(f"@{DECORATOR}('make')\n") == 3
    compile(stub, "m.pyi", "exec")


def test_render_without_docstring_imports_first() -> None:
    stub, _ = render("class A:\n    pass\n", [Target("m", "A", "a")], [])
    assert stub.split("\n")[:3] == [IMPORT.rstrip(), f"@{DECORATOR}('a')", "class A:"]


def test_render_refuses_a_name_clash() -> None:
    with pytest.raises(StubsError, match=DECORATOR):
        render(f"{DECORATOR} = 1\n", [], [])


def test_render_rejects_a_class_that_is_also_a_function() -> None:
    source = "if X:\n    class A: ...\nelse:\n    def A(): ...\n"
    with pytest.raises(StubsError, match="both a class and a function"):
        render(source, [Target("m", "A", "a")], [])
