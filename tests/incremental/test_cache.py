"""mypy's incremental cache with the plugin: warm runs report exactly what cold runs do."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from .project import MODULES, Project, Run

pytestmark = pytest.mark.slow


def _assert_same_report(warm: Run, cold: Run) -> None:
    assert warm.report() == cold.report(), warm.stderr[-3000:]


def test_warm_run_uses_the_cache_and_reports_the_same(project: Project) -> None:
    cold = project.mypy("--verbose")
    warm = project.mypy("--verbose")

    assert cold.returncode == 1, cold
    assert "[alchemy-sync-" in cold.stdout, "the plugin reports nothing: the test proves nothing"
    assert cold.modules_logged("fresh") == set()
    assert cold.modules_cached(), "mypy cached nothing"
    assert warm.modules_logged("fresh") == cold.modules_cached()
    # Nothing changed: not even the order of the files may differ.
    assert (warm.returncode, warm.stdout) == (cold.returncode, cold.stdout)


def test_plugin_config_change_rechecks_every_module(
    project: Project, cold_mypy: Callable[[Project], Run]
) -> None:
    first = project.mypy("--verbose")
    project.set_plugin_config("strict = true")
    changed = project.mypy("--verbose")
    again = project.mypy("--verbose")

    # report_config_data() carries the config: every module's cache is dropped ...
    assert first.modules_cached(), "mypy cached nothing"
    dropped = changed.modules_logged("abandoned", "plugin configuration differs")
    assert dropped == first.modules_cached()
    assert changed.modules_logged("fresh") == set()
    _assert_same_report(changed, cold_mypy(project))
    # ... and rewritten with the new config, so that the next run is warm again.
    assert again.modules_logged("fresh") == changed.modules_cached()
    _assert_same_report(again, changed)


# (file, text, replacement): each changes what mypy or the plugin reports.
EDITS = {
    # Dependents read the renamed attribute: they must be rechecked.
    "model-attribute-renamed": ("models.py", "name: Mapped[str]", "full_name: Mapped[str]"),
    # A new plugin error in the edited module only.
    "new-sync-session-call": (
        "repository.py",
        "session = Session(engine)\n",
        "session = Session(engine)\nsession.commit()\n",
    ),
    # A plugin error fixed: the stale error must not come back from the cache.
    "sync-engine-removed": (
        "repository.py",
        'engine = create_engine("sqlite://")\nsession = Session(engine)\n',
        "session = Session()\n",
    ),
    # A module starts using another module's sync session.
    "dependent-starts-doing-io": (
        "service.py",
        "from models import User\n",
        "from models import User\nfrom repository import session\n\nsession.flush()\n",
    ),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_edit_reports_what_a_cold_run_reports(
    project: Project, cold_mypy: Callable[[Project], Run], edit: tuple[str, str, str]
) -> None:
    before = project.mypy()
    project.edit(*edit)
    after = project.mypy("--verbose")

    assert after.stdout != before.stdout, "the edit changes nothing: the test proves nothing"
    assert after.modules_logged("fresh") != set(MODULES)
    _assert_same_report(after, cold_mypy(project))
