"""The plugin changes nothing mypy says about SQLAlchemy's own typing tests.

One test per file of ``test/typing/plain_files`` in the sdist of the installed SQLAlchemy
(downloaded once per machine and version, see ``sqlalchemy_typing.py``): mypy ``--strict``
runs without and with the plugin, and the plugin run must print every error and note of the
plain run and nothing else but the plugin's own ``alchemy-*`` reports and their notes.

Without the sdist (no network, an unreleased SQLAlchemy), ``test_typing_tests_available``
fails on CI (``CI=true``) and is skipped elsewhere; the per-file tests are then not
generated. Every difference of every file, rather than one failure per test:
``python -m tests.realcode.sqlalchemy_typing``.
"""

from __future__ import annotations

import os
import sys
from collections import Counter

import pytest

from . import sqlalchemy_typing
from .sqlalchemy_typing import Unavailable, Variant

pytestmark = pytest.mark.slow


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "typing_file" in metafunc.fixturenames:
        try:
            files = sqlalchemy_typing.list_files(sqlalchemy_typing.typing_tests())
        except Unavailable:
            files = []  # test_typing_tests_available tells why
        metafunc.parametrize("typing_file", files)


def _on_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def test_typing_tests_available() -> None:
    try:
        root = sqlalchemy_typing.typing_tests()
    except Unavailable as exc:
        reason = f"SQLAlchemy's typing tests are unavailable: {exc}"
        if _on_ci():
            pytest.fail(reason)
        pytest.skip(reason)
    assert sqlalchemy_typing.list_files(root), f"no typing tests in {root}"


def test_plugin_changes_no_verdict_of_mypy(
    typing_file: str, variants: tuple[Variant, Variant], plugin_reports: Counter[str]
) -> None:
    root = sqlalchemy_typing.typing_tests()
    required = sqlalchemy_typing.required_python(root / typing_file)
    if required is not None and sys.version_info < required:
        pytest.skip(f"SQLAlchemy checks it on Python {required[0]}.{required[1]}+ only")

    difference = sqlalchemy_typing.check_file(root, typing_file, variants)
    if difference.unchecked is not None:
        pytest.skip(difference.unchecked)

    plugin_reports.update(line.code for line in difference.plugin_reports if line.code)
    print("\n".join(f"plugin: {line}" for line in difference.plugin_reports))
    assert difference.clean, "the plugin changed mypy's report:\n" + difference.render()
