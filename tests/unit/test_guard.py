"""``guarded``: a failing hook falls back to mypy's default instead of crashing mypy."""

from __future__ import annotations

import pytest

from mypy_async_alchemy import guard, hooks
from mypy_async_alchemy.guard import RAISE_ENV, guarded


class HookFailure(Exception):
    pass


def failing_hook(ctx: str) -> str:
    raise HookFailure(f"broken on {ctx}")


def fallback(ctx: str) -> str:
    return f"default for {ctx}"


@pytest.fixture
def fresh_log(monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """An empty "already logged" set, so that tests do not see each other's logs."""
    logged: set[str] = set()
    monkeypatch.setattr(guard, "_logged", logged)
    return logged


def test_failing_hook_returns_fallback_and_logs_once(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fresh_log: set[str]
) -> None:
    monkeypatch.delenv(RAISE_ENV, raising=False)
    hook = guarded(failing_hook, fallback)

    assert hook("a") == "default for a"
    assert hook("b") == "default for b"

    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert failing_hook.__qualname__ in lines[0]
    assert repr(HookFailure("broken on a")) in lines[0]


def test_each_failing_hook_is_logged(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fresh_log: set[str]
) -> None:
    def other_failing_hook(ctx: str) -> str:
        raise ValueError(ctx)

    monkeypatch.delenv(RAISE_ENV, raising=False)
    guarded(failing_hook, fallback)("a")
    guarded(other_failing_hook, fallback)("b")

    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert failing_hook.__qualname__ in lines[0]
    assert other_failing_hook.__qualname__ in lines[1]


def test_failing_hook_reraises_when_env_is_set(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fresh_log: set[str]
) -> None:
    monkeypatch.setenv(RAISE_ENV, "1")
    hook = guarded(failing_hook, fallback)

    with pytest.raises(HookFailure, match="broken on a"):
        hook("a")
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("env", [None, "1"])
def test_working_hook_is_transparent(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fresh_log: set[str],
    env: str | None,
) -> None:
    if env is None:
        monkeypatch.delenv(RAISE_ENV, raising=False)
    else:
        monkeypatch.setenv(RAISE_ENV, env)
    hook = guarded(str.upper, fallback)

    assert hook("a") == "A"
    assert capsys.readouterr().err == ""
    assert not fresh_log


def _hook_tables() -> list[tuple[str, object]]:
    tables: list[tuple[str, object]] = [
        *((f"function {name}", hook) for name, hook in hooks.FUNCTION_HOOKS.items()),
        *(
            (f"function signature {name}", hook)
            for name, hook in hooks.FUNCTION_SIGNATURE_HOOKS.items()
        ),
        *(
            (f"constructor signature {family}", hook)
            for family, hook in hooks.CONSTRUCTOR_SIGNATURE_HOOKS.items()
        ),
        ("transient", hooks.TRANSIENT_HOOK),
        ("options", hooks.OPTIONS_HOOK),
        ("loader method", hooks.LOADER_METHOD_HOOK),
    ]
    for table in (hooks.METHOD_HOOKS, hooks.METHOD_SIGNATURE_HOOKS):
        for family, methods in table.items():
            tables.extend((f"method {family}.{name}", hook) for name, hook in methods.items())
    return tables


def test_every_dispatched_hook_is_guarded() -> None:
    tables = _hook_tables()
    assert tables
    unguarded = [label for label, hook in tables if not _is_guarded(hook)]
    assert not unguarded


def _is_guarded(hook: object) -> bool:
    return getattr(hook, "__qualname__", "").startswith("guarded(")
