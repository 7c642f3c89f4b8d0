"""pyright over the sample app and ~2,200 API probes, without and with the stubs.

With them, the only new diagnostics are the intended deprecations, on the marked lines of
``sample_app/mistakes.py`` and on probes that name a target; every revealed type and every
other diagnostic is identical, but for the probes in ``KNOWN_DIFFERENCES``.
"""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import Projects, PyrightRuns
from stub_checkers import DEPRECATION_SUFFIX, SAMPLE_APP, Diagnostic, expected_deprecations
from stub_probes import PROBES_FILE, known_lines

from mypy_async_alchemy.stubs import load_targets

pytestmark = pytest.mark.slow

TARGET_NAMES = frozenset(target.qualname.rpartition(".")[2] for target in load_targets())
PROBES = f"{SAMPLE_APP}/{PROBES_FILE}"
REVEAL_PREFIX = 'Type of "'


def _comparable(diagnostics: list[Diagnostic], known: set[int]) -> list[Diagnostic]:
    return [d for d in diagnostics if not (d.file == PROBES and d.line in known)]


def _reveals(diagnostics: list[Diagnostic]) -> dict[tuple[str, int, int], str]:
    return {
        (d.file, d.line, d.column): d.message
        for d in diagnostics
        if d.severity == "information" and d.message.startswith(REVEAL_PREFIX)
    }


def _new(runs: PyrightRuns, projects: Projects) -> list[Diagnostic]:
    """Diagnostics only the run with stubs has (none may disappear)."""
    known = known_lines(projects.probes, "pyright")
    remaining = Counter(_comparable(runs.without, known))
    new = []
    for diagnostic in _comparable(runs.with_stubs, known):
        if remaining[diagnostic]:
            remaining[diagnostic] -= 1
        else:
            new.append(diagnostic)
    assert not +remaining, f"diagnostics the stubs removed: {sorted(+remaining)[:10]}"
    return new


def test_every_revealed_type_is_identical(pyright_runs: PyrightRuns, projects: Projects) -> None:
    known = known_lines(projects.probes, "pyright")
    without = _reveals(_comparable(pyright_runs.without, known))
    with_stubs = _reveals(_comparable(pyright_runs.with_stubs, known))
    # Every probe revealed something (one that pyright rejects still reveals "Unknown").
    assert len(without) >= projects.probe_count - len(known)
    changed = [(key, text, with_stubs.get(key)) for key, text in without.items()]
    changed = [item for item in changed if item[1] != item[2]]
    assert changed == []
    assert with_stubs.keys() == without.keys()


def test_known_differences_still_differ(pyright_runs: PyrightRuns, projects: Projects) -> None:
    known = known_lines(projects.probes, "pyright")
    assert known, "KNOWN_DIFFERENCES names no pyright probe that exists"
    for line in known:
        without = _reveals([d for d in pyright_runs.without if d.line == line])
        with_stubs = _reveals([d for d in pyright_runs.with_stubs if d.line == line])
        assert without.keys() == with_stubs.keys()
        assert without != with_stubs, f"{PROBES}:{line} no longer differs: drop it from the list"


def test_only_new_diagnostics_are_the_intended_deprecations(
    pyright_runs: PyrightRuns, projects: Projects
) -> None:
    for diagnostic in _new(pyright_runs, projects):
        assert diagnostic.rule == "reportDeprecated", diagnostic
        assert diagnostic.severity == "error", diagnostic
        assert DEPRECATION_SUFFIX in diagnostic.message, diagnostic
        assert diagnostic.name in TARGET_NAMES, diagnostic


def test_sample_app_reports_exactly_the_marked_lines(
    pyright_runs: PyrightRuns, projects: Projects
) -> None:
    new = _new(pyright_runs, projects)
    reported = sorted((d.file, d.line, d.name) for d in new if d.file != PROBES)
    assert reported == expected_deprecations(projects.with_stubs)


def test_every_target_is_reported(pyright_runs: PyrightRuns, projects: Projects) -> None:
    # Engine.begin is a contextmanager: pyright's message names it "", the column "begin".
    assert {d.name for d in _new(pyright_runs, projects)} == TARGET_NAMES


def test_sample_app_is_clean_without_stubs(pyright_runs: PyrightRuns) -> None:
    """Strict pyright has nothing to say about the app itself: the comparison is fair."""
    problems = [
        d for d in pyright_runs.without if d.severity != "information" and d.file != PROBES
    ]
    assert problems == []


def test_sync_aliases_and_loaded_are_clean_with_stubs(pyright_runs: PyrightRuns) -> None:
    """SyncSession/SyncConnection in callbacks, listeners and a subclass; Loaded[...]."""
    legitimate = {f"{SAMPLE_APP}/{name}" for name in ("db.py", "service.py", "probes.py")}
    problems = [
        d for d in pyright_runs.with_stubs if d.severity != "information" and d.file in legitimate
    ]
    assert problems == []


@pytest.mark.parametrize("run", ["without", "with_stubs"])
def test_loaded_is_the_plain_model(pyright_runs: PyrightRuns, run: str) -> None:
    reveals = {
        d.message
        for d in getattr(pyright_runs, run)
        if d.file == f"{SAMPLE_APP}/probes.py" and d.message.startswith(REVEAL_PREFIX + "user")
    }
    assert reveals == {'Type of "user" is "User"', 'Type of "user.posts" is "list[Post]"'}
