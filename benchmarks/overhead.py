"""The plugin's cost: mypy with and without it on one project, cold and warm cache.

    python benchmarks/overhead.py [TARGET] [--reps 5] [--num-workers N]
    python benchmarks/overhead.py [TARGET] --profile [--cprofile]

TARGET is a project directory (mypy checks ``.`` from there); without one, the project of
``generate_project.py`` is generated under ``benchmarks/.work/`` (``--size``, ``--layout``,
``--models``, ``--queries``, ``--modules``, ``--seed`` are passed on; ``--size large``: the
~1,000-module application).

Timing mode runs ``python -m mypy`` in a subprocess, for each repetition and each variant
(the two alternate which goes first): cold (an empty cache directory), then warm (the
same command again on that cache). The two ``mypy.ini`` files differ only by the
``plugins`` line. Reported: the median CPU time (user+sys of mypy and its workers, from
``getrusage(RUSAGE_CHILDREN)``), the ratio plugin/no plugin, the plugin's diagnostics by
code, and mypy's other errors with and without the plugin (they must be the same).
``expected.txt`` in TARGET (written by the generator) is compared with what was reported.

``--profile`` runs mypy once in this process with ``profile_shim`` as the plugin: the real
plugin with every hook timed. It prints the time and call counts per hook kind, per
callback, and where the ``get_*_hook`` calls come from (SQLAlchemy, the user's code, other
modules). ``--cprofile`` adds Python's profiler over that run: the plugin functions and the
mypy calls they make, by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

import _runner
import instructions
from _runner import Run, count_codes, format_counts, median, table
from generate_project import add_arguments, generate_from, resolve_size

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
MYPY_OPTIONS = {"strict": "True", "show_error_codes": "True"}
VARIANTS = ("no plugin", "plugin")
PHASES = ("cold", "warm")


def _versions() -> str:
    import mypy.version
    import sqlalchemy

    return (
        f"mypy {mypy.version.__version__}, SQLAlchemy {sqlalchemy.__version__}, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores"
    )


def _prepare_target(args: argparse.Namespace) -> Path:
    if args.target is not None:
        return args.target.resolve()
    target = WORK / f"project-{args.layout}-{args.models}m-{args.queries}q"
    if args.app:
        target = target.with_name(f"{target.name}-app")
    queries, files, lines, expected = generate_from(target, args)
    print(
        f"generated {target.relative_to(HERE.parent)}: {args.models} models, {queries} "
        f"queries, {files} files, {lines} lines, {len(expected)} expected errors"
    )
    return target


def _command(config: Path, cache: Path, extra: list[str]) -> list[str]:
    return [
        sys.executable,
        "-m",
        "mypy",
        "--config-file",
        str(config),
        "--cache-dir",
        str(cache),
        *extra,
        ".",
    ]


def measure(
    target: Path, work: Path, reps: int, extra: list[str], env: dict[str, str]
) -> dict[str, dict[str, list[Run]]]:
    work.mkdir(parents=True, exist_ok=True)
    configs = {
        variant: _runner.write_config(work / f"mypy-{i}.ini", variant == "plugin", MYPY_OPTIONS)
        for i, variant in enumerate(VARIANTS)
    }
    runs: dict[str, dict[str, list[Run]]] = {v: {p: [] for p in PHASES} for v in VARIANTS}
    for rep in range(reps):
        order = VARIANTS if rep % 2 == 0 else VARIANTS[::-1]
        for variant in order:
            cache = work / f"cache-{VARIANTS.index(variant)}"
            shutil.rmtree(cache, ignore_errors=True)
            for phase in PHASES:
                result = _runner.run(_command(configs[variant], cache, extra), target, env)
                runs[variant][phase].append(result)
                if rep == 0:
                    _runner.save_output(result, work / "outputs", f"{variant} {phase}")
                print(
                    f"  rep {rep + 1}/{reps} {variant:9} {phase}: {result.cpu:6.2f} s CPU, "
                    f"{result.wall:6.2f} s wall, exit {result.returncode}",
                    flush=True,
                )
    return runs


def _expected(target: Path) -> set[tuple[str, int, str]] | None:
    path = target / "expected.txt"
    if not path.exists():
        return None
    found = set()
    for line in path.read_text().splitlines():
        file, number, code = line.split(":", 2)
        found.add((file, int(number), code.strip()))
    return found


def report(
    target: Path, runs: dict[str, dict[str, list[Run]]], extra: list[str], plugin: str
) -> int:
    problems: list[str] = []
    failed = [
        r for v in VARIANTS for p in PHASES for r in runs[v][p] if r.returncode not in (0, 1)
    ]
    if failed:
        print(f"mypy failed (exit {failed[0].returncode}):\n{failed[0].stdout}{failed[0].stderr}")
        return 2
    rows = []
    for phase in PHASES:
        base = [r.cpu for r in runs["no plugin"][phase]]
        plug = [r.cpu for r in runs["plugin"][phase]]
        ratios = [p / b for p, b in zip(plug, base, strict=True)]
        ratio = median(plug) / median(base)
        rows.append(
            [
                phase,
                f"{median(base):.2f}",
                f"{median(plug):.2f}",
                f"{ratio:.3f}",
                f"{(ratio - 1) * 100:+.1f}%",
                f"{min(ratios):.3f}-{max(ratios):.3f}",
                f"{median(r.wall for r in runs['no plugin'][phase]):.2f}",
                f"{median(r.wall for r in runs['plugin'][phase]):.2f}",
            ]
        )
    reps = len(runs["plugin"]["cold"])
    print()
    print(f"mypy-async-alchemy overhead on {target} ({_versions()})")
    print(plugin)
    print(f"mypy options: {MYPY_OPTIONS} {' '.join(extra)}; {reps} repetitions, medians")
    print(
        table(
            rows,
            [
                "run",
                "no plugin CPU s",
                "plugin CPU s",
                "ratio",
                "overhead",
                "ratio range",
                "no plugin wall s",
                "plugin wall s",
            ],
        )
    )

    first = {v: runs[v]["cold"][0] for v in VARIANTS}
    plugin_errors = first["plugin"].plugin_errors()
    print()
    print(
        f"plugin diagnostics: {len(plugin_errors)} ({format_counts(count_codes(plugin_errors))})"
    )
    others = {
        v: Counter((d.path, d.line, d.code or "") for d in first[v].other_errors())
        for v in VARIANTS
    }
    for variant in VARIANTS:
        errors = first[variant].other_errors()
        print(
            f"mypy's other errors, {variant}: {len(errors)} ({format_counts(count_codes(errors))})"
        )
    if others["plugin"] != others["no plugin"]:
        only_without = others["no plugin"] - others["plugin"]
        only_with = others["plugin"] - others["no plugin"]
        problems.append(
            f"mypy's own errors differ: {sum(only_without.values())} only without the plugin "
            f"({format_counts(Counter(c for _p, _l, c in only_without.elements()))}), "
            f"{sum(only_with.values())} only with it "
            f"({format_counts(Counter(c for _p, _l, c in only_with.elements()))})"
        )
    internal = sorted({line for r in runs["plugin"]["cold"] for line in r.internal_errors()})
    print(f"internal errors / crashes: {len(internal)}")
    for line in internal:
        print(f"  {line}")
    if internal:
        problems.append(f"{len(internal)} internal error line(s) on stderr")
    for variant in VARIANTS:
        reports = {tuple(r.report()) for phase in PHASES for r in runs[variant][phase]}
        if len(reports) != 1:
            problems.append(f"{variant}: output differs between runs (cold/warm or repetitions)")
    expected = _expected(target)
    if expected is not None:
        found = {(d.path, d.line, d.code or "") for d in first["plugin"].errors()}
        missing, unexpected = expected - found, found - expected
        print(
            f"expected.txt: {len(expected)} expected, {len(expected & found)} reported, "
            f"{len(missing)} missing, {len(unexpected)} unexpected"
        )
        for path, number, code in sorted(missing):
            print(f"  missing    {path}:{number}: {code}")
        for path, number, code in sorted(unexpected):
            print(f"  unexpected {path}:{number}: {code}")
        if missing or unexpected:
            problems.append("the plugin's report differs from expected.txt")
    print()
    for problem in problems:
        print(f"PROBLEM: {problem}")
    print("all checks passed" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


def profile(target: Path, work: Path, use_cprofile: bool, plugin_src: Path | None) -> int:
    if plugin_src is not None:
        sys.path.insert(0, str(plugin_src))
    import mypy.api
    import profile_shim

    import mypy_async_alchemy

    print(
        f"mypy-async-alchemy {mypy_async_alchemy.__version__} from "
        f"{Path(mypy_async_alchemy.__file__).parent}"
    )

    work.mkdir(parents=True, exist_ok=True)
    config = work / "mypy-profile.ini"
    config.write_text(
        "[mypy]\n"
        + "".join(f"{k} = {v}\n" for k, v in MYPY_OPTIONS.items())
        + "plugins = profile_shim\n"
    )
    cache = work / "cache-profile"
    shutil.rmtree(cache, ignore_errors=True)
    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    profile_shim.STATS.reset()
    profiler = cProfile.Profile() if use_cprofile else None
    previous = Path.cwd()
    os.chdir(target)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    try:
        if profiler is not None:
            profiler.enable()
        stdout, stderr, status = mypy.api.run(
            ["--config-file", str(config), "--cache-dir", str(cache), "."]
        )
    finally:
        if profiler is not None:
            profiler.disable()
        os.chdir(previous)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    stats = profile_shim.STATS
    diagnostics = _runner.parse(stdout)
    plugin_errors = [d for d in diagnostics if d.severity == "error" and d.is_plugin]
    internal = [line for line in stderr.splitlines() if _runner.INTERNAL_ERROR_MARK in line]
    print(
        f"profile of one cold run, in process ({_versions()}): exit {status}, "
        f"{cpu:.2f} s CPU, {wall:.2f} s wall{' (under cProfile)' if profiler else ''}"
    )
    print(
        f"plugin diagnostics: {format_counts(count_codes(plugin_errors))}; "
        f"internal errors: {len(internal)}"
    )
    for line in internal:
        print(f"  {line}")
    total = (
        stats.get_seconds_outside_callbacks
        + stats.callback_seconds_top_level
        + stats.deps[1]
        + stats.config_data[1]
    )
    whole = wall if profile_shim.CLOCK_NAME == "wall" else cpu
    print(
        f"\ntime in the plugin ({profile_shim.CLOCK_NAME} clock, "
        f"{profile_shim.CLOCK_COST * 1e6:.2f} us per clock read subtracted): "
        f"{total:.3f} s = {total / whole * 100:.1f}% of the run's {profile_shim.CLOCK_NAME} "
        f"time (get_*_hook dispatch {stats.get_seconds_outside_callbacks:.3f} s, callbacks "
        f"{stats.callback_seconds_top_level:.3f} s, get_additional_deps {stats.deps[1]:.3f} s "
        f"in {stats.deps[0]} calls, report_config_data with the summaries "
        f"{stats.config_data[1]:.3f} s in {stats.config_data[0]} calls)"
    )

    kinds = sorted({k for k, _o in stats.gets} | {k for k, _n in stats.callbacks})
    rows = []
    for kind in kinds:
        gets = [v for (k, _o), v in stats.gets.items() if k == kind]
        cbs = [v for (k, _n), v in stats.callbacks.items() if k == kind]
        calls, hits, secs = (sum(v[i] for v in gets) for i in range(3))
        cb_calls = sum(v[0] for v in cbs)
        cb_top = sum(v[1] for (k, _o), v in stats.callback_origins.items() if k == kind)
        rows.append(
            [
                kind,
                f"{int(calls)}",
                f"{int(hits)}",
                f"{secs:.3f}",
                f"{secs / calls * 1e6 if calls else 0:.1f}",
                f"{int(cb_calls)}",
                f"{cb_top:.3f}",
            ]
        )
    print("\nper hook kind (get_*_hook = the dispatch mypy calls for every candidate name)")
    print(
        table(
            rows,
            [
                "hook kind",
                "get calls",
                "hooks given",
                "get s",
                "us/get",
                "callback calls",
                "callback s (top-level)",
            ],
        )
    )

    rows = []
    for (kind, name), (calls, incl, self_s, nested) in sorted(
        stats.callbacks.items(), key=lambda item: -item[1][1]
    ):
        rows.append(
            [
                name,
                kind.removeprefix("get_").removesuffix("_hook"),
                f"{int(calls)}",
                f"{int(nested)}",
                f"{incl:.3f}",
                f"{self_s:.3f}",
                f"{incl / calls * 1e6:.0f}",
            ]
        )
    print(
        "\nper callback (inclusive: with the mypy work it triggers; self: without nested "
        "plugin callbacks)"
    )
    print(table(rows, ["callback", "kind", "calls", "nested", "inclusive s", "self s", "us/call"]))

    rows = []
    for origin in (profile_shim.SQLALCHEMY, profile_shim.USER, profile_shim.OTHER):
        gets = [v for (_k, o), v in stats.gets.items() if o == origin]
        cbs = [v for (_k, o), v in stats.callback_origins.items() if o == origin]
        rows.append(
            [
                origin,
                f"{int(sum(v[0] for v in gets))}",
                f"{int(sum(v[1] for v in gets))}",
                f"{sum(v[2] for v in gets):.3f}",
                f"{int(sum(v[0] for v in cbs))}",
                f"{sum(v[1] for v in cbs):.3f}",
            ]
        )
    print("\nwhere the calls come from (the module mypy was processing)")
    print(
        table(
            rows,
            ["origin", "get calls", "hooks given", "get s", "callbacks (top-level)", "callback s"],
        )
    )
    rows = []
    for (kind, origin), (calls, hits, secs) in sorted(stats.gets.items()):
        rows.append([kind, origin, f"{int(calls)}", f"{int(hits)}", f"{secs:.3f}"])
    print(table(rows, ["hook kind", "origin", "get calls", "hooks given", "get s"]))

    if profiler is not None:
        _print_cprofile(profiler)
        profiler.dump_stats(work / "cprofile.pstats")
        print(f"\nfull cProfile data: {work / 'cprofile.pstats'} (python -m pstats)")
    return 0


def _print_cprofile(profiler: cProfile.Profile) -> None:
    stream = io.StringIO()
    st = pstats.Stats(profiler, stream=stream)
    st.sort_stats("tottime")
    st.print_stats(r"mypy_async_alchemy", 30)
    print("\ncProfile: the plugin's own functions by own time (profiler overhead included)")
    print("\n".join(line for line in stream.getvalue().splitlines()[4:] if line.strip()))
    stream = io.StringIO()
    st = pstats.Stats(profiler, stream=stream)
    st.sort_stats("tottime")
    st.print_callees(r"mypy_async_alchemy.*(with_state|map_states|model_and_state|_class_info)")
    text = stream.getvalue().splitlines()
    print("\ncProfile: what the hottest plugin helpers call")
    print("\n".join(line for line in text[4:80] if line.strip()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", nargs="?", type=Path)
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument(
        "--num-workers", type=int, default=0, help="pass --num-workers N to mypy (both variants)"
    )
    parser.add_argument("--profile", action="store_true", help="time each plugin hook")
    parser.add_argument("--cprofile", action="store_true", help="with --profile: cProfile too")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions under valgrind (one cold run per variant)",
    )
    parser.add_argument(
        "--plugin-rev",
        metavar="REV",
        help="measure the plugin at this git revision (default: as installed)",
    )
    parser.add_argument("--work-dir", type=Path, default=WORK / "overhead")
    add_arguments(parser)
    args = parser.parse_args(argv)
    resolve_size(parser, args)
    target = _prepare_target(args)
    args.work_dir = args.work_dir.resolve()
    plugin_src = _runner.plugin_snapshot(args.plugin_rev, WORK) if args.plugin_rev else None
    if args.profile:
        return profile(target, args.work_dir, args.cprofile, plugin_src)
    env = _runner.plugin_env(plugin_src)
    plugin = _runner.describe_plugin(sys.executable, env)
    extra = ["--num-workers", str(args.num_workers)] if args.num_workers else []
    if args.instructions:
        return instructions.compare(target, args.work_dir, MYPY_OPTIONS, extra, env, plugin)
    runs = measure(target, args.work_dir, args.reps, extra, env)
    return report(target, runs, extra, plugin)


if __name__ == "__main__":
    sys.exit(main())
