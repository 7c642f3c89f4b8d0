"""``fullnames.py`` against the installed SQLAlchemy: a rename upstream fails here.

Every dotted ``Final`` constant (alone or inside a frozenset/tuple) must be importable and be
the *definition site* of what it names, because mypy hands hooks definition-site fullnames.
Every bare name (method, keyword, loader function) must exist on the runtime surface that the
dotted names describe. Runs on SQLAlchemy 2.0 and 2.1; names only 2.1 has are listed below.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import inspect
import sys
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path
from types import ModuleType

import pytest
import sqlalchemy

from mypy_async_alchemy import fullnames

SQLALCHEMY_2_1 = tuple(int(part) for part in sqlalchemy.__version__.split(".")[:2]) >= (2, 1)

# Names the plugin matches that SQLAlchemy added in 2.1; absent on 2.0, present on 2.1.
ADDED_IN_2_1 = frozenset(
    {
        "merge_all",  # Session.merge_all / AsyncSession.merge_all
        "delete_all",  # Session.delete_all / AsyncSession.delete_all
    }
)
# Bare names of optional packages the plugin only recognises (threadpool.py), by the
# constant holding them: checked where the package is installed, like their dotted names.
OPTIONAL_PACKAGE_NAMES = {
    "ADD_API_ROUTE_METHOD": "fastapi",
    "DEPENDENCY_ARGUMENT": "fastapi",
    "ENDPOINT_ARGUMENT": "fastapi",
    "FASTAPI_ROUTE_DECORATORS": "fastapi",
    "ADD_TASK_METHOD": "starlette",
    "TASK_ARGUMENT": "starlette",
    # Pydantic schemas (loading/schemas.py, serialization.py).
    "MODEL_CONFIG": "pydantic",
    "FROM_ATTRIBUTES": "pydantic",
    "FIELD_ALIAS": "pydantic",
    "FIELD_VALIDATION_ALIAS": "pydantic",
    "MODEL_VALIDATE": "pydantic",
}
# Dotted names of the standard library that older Pythons lack: (name, first version).
NEWER_PYTHON_NAMES = {"asyncio.taskgroups.TaskGroup.create_task": (3, 11)}
# Names a library moved between the versions the plugin supports: their constants hold both
# sites, and the installed version defines exactly one (test_a_moved_name_is_defined_once).
MOVED_NAMES = {"PYDANTIC_ALIAS_CHOICES": "pydantic", "PYDANTIC_ALIAS_PATH": "pydantic"}
_PLUGIN_PACKAGE = "mypy_async_alchemy"
# Top-level packages, which are fullnames without a dot.
_PACKAGES = frozenset({_PLUGIN_PACKAGE, "sqlalchemy", "fastapi"})


def _final_constants() -> Iterator[tuple[str, object]]:
    """``(name, value)`` of every ``Final`` module constant in fullnames.py."""
    for name, annotation in inspect.get_annotations(fullnames).items():
        if str(annotation).startswith("Final"):
            yield name, getattr(fullnames, name)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (frozenset, tuple)) and all(isinstance(item, str) for item in value):
        return sorted(value)
    return []


CONSTANTS = dict(_final_constants())


def _is_fullname(text: str) -> bool:
    return "." in text or text in _PACKAGES


DOTTED = sorted(
    {
        (name, text)
        for name, value in CONSTANTS.items()
        for text in _strings(value)
        if _is_fullname(text)
    }
)
BARE = sorted(
    {
        (name, text)
        for name, value in CONSTANTS.items()
        for text in _strings(value)
        if not _is_fullname(text)
    }
)


def _source_defines(fullname: str) -> bool:
    """Whether the plugin's own source defines ``fullname``, as mypy reads it.

    Stub-only modules (``_markers.pyi``) and ``if TYPE_CHECKING:`` blocks count: mypy sees them.
    """
    parts = fullname.split(".")
    package_dir = Path(inspect.getfile(importlib.import_module(_PLUGIN_PACKAGE))).parent
    for split in range(len(parts), 0, -1):
        source = _module_source(package_dir.joinpath(*parts[1:split]))
        if source is None:
            continue
        body = ast.parse(source.read_text()).body
        for part in parts[split:]:
            found = [node for node in _statements(body) if _defined_name(node) == part]
            if not found:
                return False
            body = found[0].body if isinstance(found[0], ast.ClassDef) else []
        return True
    return False


def _module_source(path: Path) -> Path | None:
    candidates = [path.with_suffix(".pyi"), path.with_suffix(".py")]
    candidates += [path / "__init__.pyi", path / "__init__.py"]
    return next((candidate for candidate in candidates if candidate.is_file()), None)


def _statements(body: list[ast.stmt]) -> Iterator[ast.stmt]:
    """Statements of a body, those of ``if TYPE_CHECKING:`` blocks (and their else) included."""
    for node in body:
        yield node
        if isinstance(node, ast.If):
            yield from _statements(node.body)
            yield from _statements(node.orelse)


def _defined_name(node: ast.stmt) -> str | None:
    if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
        return node.name
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return node.target.id
    if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
        return node.targets[0].id
    return None


def resolve(fullname: str) -> object:
    """Import the longest module prefix of ``fullname``, then getattr the rest."""
    parts = fullname.split(".")
    for split in range(len(parts), 0, -1):
        module_name = ".".join(parts[:split])
        try:
            spec = find_spec(module_name)
        except ModuleNotFoundError:
            continue
        if spec is None:
            continue
        obj: object = importlib.import_module(module_name)
        for part in parts[split:]:
            obj = getattr(obj, part)
        return obj
    raise ModuleNotFoundError(f"no module prefix of {fullname!r} is importable")


def _definition_site(obj: object) -> str | None:
    if isinstance(obj, ModuleType):
        return obj.__name__
    if inspect.isclass(obj) or inspect.isfunction(obj):
        return f"{obj.__module__}.{obj.__qualname__}"
    return None  # typing aliases and the like: resolving is all we can check


def test_constants_are_found() -> None:
    # Guards the collection itself: an empty parametrization would pass vacuously.
    assert DOTTED
    assert BARE


@pytest.mark.parametrize(("constant", "fullname"), DOTTED, ids=[f"{c}-{f}" for c, f in DOTTED])
def test_fullname_is_a_definition_site(constant: str, fullname: str) -> None:
    if fullname.split(".")[0] == _PLUGIN_PACKAGE:
        # Some of these only type checkers see (stubs, TYPE_CHECKING): read the source.
        assert _source_defines(fullname), f"{constant} = {fullname!r} is not defined"
        return
    if constant in MOVED_NAMES:
        pytest.skip(f"{fullname} moved between versions: test_a_moved_name_is_defined_once")
    since = NEWER_PYTHON_NAMES.get(fullname)
    if since is not None and sys.version_info < since:
        pytest.skip(f"{fullname} is new in Python {since[0]}.{since[1]}")
    if find_spec(fullname.split(".")[0]) is None:
        # Third-party names the plugin only recognises (threads.py): checked where installed.
        pytest.skip(f"{fullname.split('.')[0]} is not installed")
    try:
        obj = resolve(fullname)
    except (ImportError, AttributeError) as exc:
        pytest.fail(f"{constant} = {fullname!r} does not resolve: {exc!r}")
    site = _definition_site(obj)
    assert site in (None, fullname), (
        f"{constant} = {fullname!r} is defined at {site!r}: mypy will report that name"
    )


@pytest.mark.parametrize(("constant", "package"), sorted(MOVED_NAMES.items()))
def test_a_moved_name_is_defined_once(constant: str, package: str) -> None:
    pytest.importorskip(package)
    sites = getattr(fullnames, constant)
    assert len(sites) > 1, f"{constant} holds one name: not a moved name"
    defined = []
    for fullname in sites:
        try:
            obj = resolve(fullname)
        except (ImportError, AttributeError):
            continue
        if _definition_site(obj) == fullname:
            defined.append(fullname)
    assert len(defined) == 1, (constant, sorted(sites), defined)


def _runtime_surface() -> set[str]:
    """Attributes of every class and module named in fullnames.py, their methods' params,
    and the params of the functions it names (``Field(validation_alias=...)``)."""
    surface: set[str] = set()
    for _, fullname in DOTTED:
        try:
            obj = resolve(fullname)
        except (ImportError, AttributeError):
            continue  # stub-only names; their own test covers them
        if inspect.isfunction(obj):
            with contextlib.suppress(TypeError, ValueError):
                surface.update(inspect.signature(obj).parameters)
            continue
        if not (inspect.isclass(obj) or isinstance(obj, ModuleType)):
            continue
        for attr in dir(obj):
            surface.add(attr)
            member = getattr(obj, attr, None)
            if callable(member):
                with contextlib.suppress(TypeError, ValueError):  # builtins without one
                    surface.update(inspect.signature(member).parameters)
    return surface


RUNTIME_SURFACE = _runtime_surface()


@pytest.mark.parametrize(("constant", "name"), BARE, ids=[f"{c}-{n}" for c, n in BARE])
def test_bare_name_exists_at_runtime(constant: str, name: str) -> None:
    if not SQLALCHEMY_2_1 and name in ADDED_IN_2_1:
        pytest.skip(f"{name} is new in SQLAlchemy 2.1")
    package = OPTIONAL_PACKAGE_NAMES.get(constant)
    if package is not None and find_spec(package) is None:
        pytest.skip(f"{package} is not installed")
    assert name in RUNTIME_SURFACE, (
        f"{constant} contains {name!r}, which no class or module named in fullnames.py has"
    )


def _public_coroutine_methods(cls: type) -> set[str]:
    return {
        name
        for name in dir(cls)
        if not name.startswith("_") and inspect.iscoroutinefunction(getattr(cls, name, None))
    }


def test_async_io_methods_are_the_coroutine_methods_of_async_io_classes() -> None:
    classes = [resolve(fullname) for fullname in fullnames.ASYNC_IO_CLASSES]
    assert all(isinstance(cls, type) for cls in classes)
    runtime = set().union(*(_public_coroutine_methods(cls) for cls in classes))

    missing = runtime - fullnames.ASYNC_IO_METHODS
    assert not missing, f"coroutine methods the plugin does not hook: {sorted(missing)}"

    extra = fullnames.ASYNC_IO_METHODS - runtime
    expected_extra = set() if SQLALCHEMY_2_1 else ADDED_IN_2_1 & fullnames.ASYNC_IO_METHODS
    assert extra == expected_extra, f"hooked names that are no coroutine method: {sorted(extra)}"


@pytest.mark.parametrize(
    ("class_fullname", "methods"),
    [
        (fullnames.ENGINE, fullnames.ENGINE_IO_METHODS),
        (fullnames.CONNECTION, fullnames.CONNECTION_IO_METHODS),
        (fullnames.SESSION, fullnames.SESSION_IO_METHODS),
        (fullnames.SESSION, frozenset({fullnames.QUERY_METHOD})),
        (fullnames.SCOPED_SESSION, frozenset({fullnames.QUERY_METHOD})),
    ],
    ids=["engine", "connection", "session", "session-query", "scoped-session-query"],
)
def test_sync_io_methods_exist(class_fullname: str, methods: frozenset[str]) -> None:
    cls = resolve(class_fullname)
    missing = {name for name in methods if not callable(getattr(cls, name, None))}
    if not SQLALCHEMY_2_1:
        missing -= ADDED_IN_2_1
    assert not missing, f"{class_fullname} has no method(s) {sorted(missing)}"


def test_added_in_2_1_is_accurate() -> None:
    """The allowance for 2.0 covers exactly the names 2.0 lacks (and 2.1 has them all)."""
    session = resolve(fullnames.SESSION)
    present = {name for name in ADDED_IN_2_1 if hasattr(session, name)}
    assert present == (ADDED_IN_2_1 if SQLALCHEMY_2_1 else set())
