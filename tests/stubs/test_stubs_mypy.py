"""mypy with the plugin over the same projects: the stubs change nothing it reports.

mypy does not read ``typings/`` (pyright's stubPath). These runs put it on PYTHONPATH, where
mypy finds stub packages, to show that the stubs are harmless if mypy does see them.
"""

from __future__ import annotations

import re

import pytest
from conftest import MypyRuns, Projects
from stub_checkers import SAMPLE_APP
from stub_probes import PROBES_FILE, known_lines

pytestmark = pytest.mark.slow

PROBES = f"{SAMPLE_APP}/{PROBES_FILE}"
REVEALED = "Revealed type is"
_LOCATION = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+): ")


def _split(output: list[str], known: set[int]) -> tuple[list[str], list[str]]:
    """(lines about the known probes, the rest)."""
    about_known, rest = [], []
    for line in output:
        match = _LOCATION.match(line)
        is_known = bool(match and match["file"] == PROBES and int(match["line"]) in known)
        (about_known if is_known else rest).append(line)
    return about_known, rest


def test_mypy_output_is_identical(mypy_runs: MypyRuns, projects: Projects) -> None:
    known = known_lines(projects.probes, "mypy")
    known_without, without = _split(mypy_runs.without, known)
    known_with, with_stubs = _split(mypy_runs.with_stubs, known)
    assert with_stubs == without
    assert sum(REVEALED in line for line in without) >= projects.probe_count - len(known)
    assert known and known_with != known_without, "a KNOWN_DIFFERENCES entry is not needed"


def test_mypy_read_the_stubs(mypy_runs: MypyRuns) -> None:
    """With mypy's own ``deprecated`` code on, the stubs' deprecations show up."""
    output = mypy_runs.with_stubs_deprecated
    deprecated = [line for line in output if line.endswith("[deprecated]")]
    assert any(line.startswith(f"{SAMPLE_APP}/mistakes.py") for line in deprecated)
    assert [line for line in output if not line.endswith("[deprecated]")] == mypy_runs.with_stubs


def test_plugin_accepts_the_sync_aliases(mypy_runs: MypyRuns) -> None:
    """run_sync() callbacks, listeners and a subclass using SyncSession/SyncConnection."""
    legitimate = tuple(f"{SAMPLE_APP}/{name}:" for name in ("db.py", "service.py"))
    assert [line for line in mypy_runs.without if line.startswith(legitimate)] == []


def test_plugin_still_reports_the_mistakes(mypy_runs: MypyRuns) -> None:
    codes = {
        line.rpartition("[")[2].rstrip("]")
        for line in mypy_runs.with_stubs
        if line.startswith(f"{SAMPLE_APP}/mistakes.py") and ": error:" in line
    }
    assert codes == {"alchemy-sync-engine", "alchemy-sync-session", "alchemy-legacy-query"}
