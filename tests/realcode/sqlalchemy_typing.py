"""SQLAlchemy's own typing tests, checked by mypy with and without the plugin.

The sdist of SQLAlchemy ships ``test/typing/plain_files/``: small programs that SQLAlchemy's
CI checks with ``mypy --strict``. Nobody here wrote them, so the plugin must not change what
mypy says about them: every line mypy prints without the plugin (errors and notes,
``reveal_type`` included) is printed with it, and no other line, except the plugin's own
reports (the codes of ``errorcodes.ALL``) and the notes that follow them. A crash, an
internal error or an exit code other than 0 and 1 fails either run.

The sdist of the installed SQLAlchemy version is downloaded with pip (``--no-binary
sqlalchemy``: its build requirements, which pip installs to read its metadata, come as
wheels) and the typing tests alone are extracted, both cached per version under
``$XDG_CACHE_HOME/mypy-async-alchemy/sqlalchemy-typing/`` (``~/.cache/...``) behind a file
lock: pytest-xdist workers, nox sessions and checkouts on one machine share them.

Each file is checked on its own, as SQLAlchemy does, once per variant (without and with the
plugin), each variant with one cache directory for all files, so that only its first file
checks SQLAlchemy itself. A run is ``mypy.api.run`` in a child of a forkserver that has
imported mypy and the plugin (see ``run_mypy``): the same output as ``python -m mypy``
(all files, both variants, byte for byte), in half the time.

Standalone, every difference of every file (exit status 1 if there is one)::

    python -m tests.realcode.sqlalchemy_typing [FILE ...] [--subprocess] [--show-reports]
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.util
import io
import multiprocessing
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path, PurePosixPath

import mypy.version
from mypy import api
from mypy.options import Options

import mypy_async_alchemy
from mypy_async_alchemy import errorcodes
from mypy_async_alchemy.guard import RAISE_ENV

SDIST_DIR = ("test", "typing", "plain_files")
PLUGIN_CODES = frozenset(code.code for code in errorcodes.ALL)
# The summary, context lines, colours and wrapping vary between runs and terminals.
FLAGS = (
    "--strict",
    "--show-error-codes",
    "--show-column-numbers",
    "--no-error-summary",
    "--hide-error-context",
    "--no-color-output",
    "--no-pretty",
    "--show-traceback",
    # mypy 2's default; opt-in on mypy 1.19, where it makes a warm run 3 times faster (and
    # a TypedDict read from the cache is revealed with its keys in another order, alike in
    # both variants).
    *(("--fixed-format-cache",) if hasattr(Options(), "fixed_format_cache") else ()),
)
VARIANTS = ("plain", "plugin")
_CONFIG = "[mypy]\n"
_PLUGIN_CONFIG = "plugins = mypy_async_alchemy\n"
_LINE = re.compile(
    r"^(?P<path>.+?\.pyi?):(?P<line>\d+):(?:(?P<column>\d+):)? (?P<severity>error|note): "
    r"(?P<message>.*?)(?:  \[(?P<code>[a-z0-9-]+)\])?$"
)
# SQLAlchemy skips a file that starts a line with this marker on older Pythons.
_PYTHON_VERSION = re.compile(r"^#\s*PYTHON_VERSION\s?>=\s?(\d+)\.(\d+)", re.MULTILINE)
# The plugin's own internal-error message goes to stderr, which must stay empty anyway.
_CRASH_MARKERS = ("INTERNAL ERROR", "Traceback (most recent call last)")
_DOWNLOAD_TIMEOUT = 900
_MYPY_TIMEOUT = 600


class Unavailable(Exception):
    """The sdist could not be downloaded, or it holds no typing tests."""


# --- the typing tests -----------------------------------------------------------------------


def installed_version() -> str:
    return importlib.metadata.version("sqlalchemy")


def cache_home() -> Path:
    """Where downloads and extractions are kept between runs."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "mypy-async-alchemy" / "sqlalchemy-typing"


_found: dict[str, Path | Unavailable] = {}


def typing_tests(version: str | None = None) -> Path:
    """The extracted ``plain_files`` of SQLAlchemy ``version`` (the installed one by default).

    The answer is kept for the process: a failed download is not retried by every caller.
    """
    version = version or installed_version()
    if version not in _found:
        try:
            _found[version] = _fetch(version)
        except Unavailable as exc:
            _found[version] = exc
    found = _found[version]
    if isinstance(found, Unavailable):
        raise found
    return found


def list_files(root: Path) -> list[str]:
    """The typing tests under ``root``, as sorted POSIX paths relative to it."""
    return sorted(path.relative_to(root).as_posix() for path in root.rglob("*.py"))


def required_python(path: Path) -> tuple[int, int] | None:
    """The ``# PYTHON_VERSION>=X.Y`` that SQLAlchemy's runner honours, if the file has one."""
    match = _PYTHON_VERSION.search(path.read_text(encoding="utf-8"))
    return None if match is None else (int(match[1]), int(match[2]))


def _fetch(version: str) -> Path:
    """Download and extract under the lock; a failure while we waited is not retried."""
    home = cache_home().resolve() / version
    target = home / "plain_files"
    if target.is_dir():
        return target
    home.mkdir(parents=True, exist_ok=True)
    failure = home / "failure.txt"
    waiting_since = time.time()
    with _locked(home / ".lock"):
        if target.is_dir():
            return target
        if failure.is_file() and failure.stat().st_mtime >= waiting_since:
            raise Unavailable(failure.read_text(encoding="utf-8"))
        try:
            _extract(_download(version, home / "sdist"), target)
        except Unavailable as exc:
            failure.write_text(str(exc), encoding="utf-8")
            raise
    return target


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        if sys.platform != "win32":
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX)
        yield  # the lock goes with the file's closing


def _download(version: str, directory: Path) -> Path:
    """The sdist in ``directory``, downloaded with pip unless it is there already."""
    found = sorted(directory.glob("*.tar.gz"))
    if found:
        return found[0]
    staging = directory.with_name(directory.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    command = [
        *_pip(),
        "download", "--no-deps", "--no-binary", "sqlalchemy",
        "--disable-pip-version-check", "--no-input", "--retries", "2", "--timeout", "30",
        "--dest", str(staging), f"sqlalchemy=={version}",
    ]  # fmt: skip
    try:
        result = subprocess.run(
            command,
            capture_output=True,
            text=True,
            timeout=_DOWNLOAD_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        raise Unavailable(f"{' '.join(command)}: no answer in {exc.timeout} s") from exc
    found = sorted(staging.glob("*.tar.gz"))
    if result.returncode != 0 or not found:
        raise Unavailable(
            f"{' '.join(command)} failed (exit {result.returncode}):\n{result.stderr[-3000:]}"
        )
    staging.rename(directory)
    return directory / found[0].name


def _pip() -> list[str]:
    """A pip to download with: this interpreter's, else its base interpreter's.

    nox's uv backend makes virtualenvs without pip; pip's download touches no environment.
    """
    if importlib.util.find_spec("pip") is not None:
        return [sys.executable, "-m", "pip"]
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    bases = [
        getattr(sys, "_base_executable", ""),
        *(Path(sys.base_prefix) / "bin" / name for name in (f"python{version}", "python3")),
        Path(sys.base_prefix) / "python.exe",
    ]
    for base in map(str, bases):
        if base and base != sys.executable and Path(base).is_file():
            probe = subprocess.run(
                [base, "-m", "pip", "--version"], capture_output=True, check=False, timeout=60
            )
            if probe.returncode == 0:
                return [base, "-m", "pip"]
    raise Unavailable(f"no pip to download with: neither {sys.executable} nor its base has one")


def _extract(sdist: Path, target: Path) -> None:
    """Write the regular files under ``<top>/test/typing/plain_files/`` to ``target``."""
    staging = target.with_name(target.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    count = 0
    try:
        with tarfile.open(sdist) as archive:
            for member in archive:
                parts = PurePosixPath(member.name).parts
                inside = parts[4:]
                if parts[1:4] != SDIST_DIR or not inside or not member.isfile():
                    continue
                if any(part in ("", ".", "..") for part in inside):
                    raise Unavailable(f"{sdist}: unsafe member {member.name!r}")
                source = archive.extractfile(member)
                assert source is not None
                destination = staging.joinpath(*inside)
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(source.read())
                count += 1
    except (OSError, tarfile.TarError) as exc:
        raise Unavailable(f"{sdist}: cannot be read: {exc!r}") from exc
    if not count:
        raise Unavailable(f"{sdist.name} holds no {'/'.join(SDIST_DIR)}/")
    staging.rename(target)


# --- running mypy ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """A mypy configuration (plugin or not) and the cache directory all its runs share."""

    name: str
    config: Path
    cache_dir: Path


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str


def write_variants(directory: Path) -> tuple[Variant, Variant]:
    """The plain and the plugin variant, their config files and caches in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    variants = []
    for name in VARIANTS:
        config = directory / f"{name}.ini"
        config.write_text(_CONFIG + (_PLUGIN_CONFIG if name == "plugin" else ""))
        variants.append(Variant(name, config, directory / f"cache-{name}"))
    return variants[0], variants[1]


def run_mypy(variant: Variant, path: Path, *, subprocess_only: bool = False) -> Run:
    """mypy on the one file ``path``, in a fresh process either way.

    By default ``mypy.api.run`` in a child of a forkserver that has imported mypy and the
    plugin: no interpreter start-up, no plugin state carried over, and the run's garbage
    (some 25 MB, cyclic: a collection costs more than the run) goes with the child.
    """
    args = [
        *FLAGS,
        "--config-file", str(variant.config),
        "--cache-dir", str(variant.cache_dir),
        str(path),
    ]  # fmt: skip
    if subprocess_only or "forkserver" not in multiprocessing.get_all_start_methods():
        result = subprocess.run(
            [sys.executable, "-m", "mypy", *args],
            capture_output=True,
            text=True,
            timeout=_MYPY_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        return Run(result.returncode, result.stdout, result.stderr)
    return _run_forked(args)


def _run_forked(args: list[str]) -> Run:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(_preload())
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(args, sender), daemon=True)
    child.start()
    sender.close()
    try:
        if receiver.poll(_MYPY_TIMEOUT):
            stdout, stderr, exit_code = receiver.recv()
            return Run(exit_code, stdout, stderr)
        child.kill()
        return Run(-1, "", f"mypy gave no answer in {_MYPY_TIMEOUT} s")
    except EOFError:
        child.join()
        return Run(-1, "", f"the mypy child process died (exit {child.exitcode})")
    finally:
        receiver.close()
        child.join()


def _preload() -> list[str]:
    """What the forkserver imports once: mypy, and the plugin's module (its entry point's)."""
    plugin_class = mypy_async_alchemy.plugin(mypy.version.__version__)
    return ["mypy.api", "mypy.build", plugin_class.__module__]


def _child(args: list[str], sender: Connection) -> None:
    # A crash report goes partly to sys.stdout and sys.stderr, not to api.run's streams.
    crash_out, crash_err = io.StringIO(), io.StringIO()
    with redirect_stdout(crash_out), redirect_stderr(crash_err):
        stdout, stderr, exit_code = api.run(args)
    sender.send((stdout + crash_out.getvalue(), stderr + crash_err.getvalue(), exit_code))
    sender.close()


# --- comparing ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One error or note that mypy printed."""

    path: str
    line: int
    column: int
    severity: str
    message: str
    code: str | None

    @property
    def from_plugin(self) -> bool:
        return self.code in PLUGIN_CODES

    def __str__(self) -> str:
        code = f"  [{self.code}]" if self.code else ""
        return f"{self.path}:{self.line}:{self.column}: {self.severity}: {self.message}{code}"


@dataclass(frozen=True)
class Difference:
    """What the plugin changed in mypy's report on one file; empty lists: nothing."""

    file: str
    added: list[Line]
    removed: list[Line]
    failures: list[str]
    plugin_reports: list[Line]
    # Why mypy itself could not check the file here (both runs stopped alike), if it could not.
    unchecked: str | None = None

    @property
    def clean(self) -> bool:
        return not (self.added or self.removed or self.failures)

    def render(self) -> str:
        parts = [f"{self.file}:"]
        parts += [f"  failure: {failure}" for failure in self.failures]
        parts += [f"  + {line}" for line in self.added]
        parts += [f"  - {line}" for line in self.removed]
        return "\n".join(parts)


def parse(run: Run, root: Path) -> tuple[list[Line], list[str]]:
    """The errors and notes of a run, paths relative to ``root``, and any other stdout line."""
    lines, strays = [], []
    for text in run.stdout.splitlines():
        match = _LINE.match(text)
        if match is None:
            strays.append(text)
            continue
        path = Path(os.path.abspath(match["path"]))
        shown = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        lines.append(
            Line(
                shown,
                int(match["line"]),
                int(match["column"] or 0),
                match["severity"],
                match["message"],
                match["code"],
            )
        )
    return lines, strays


def compare(file: str, plain: Run, plugin: Run, root: Path) -> Difference:
    """The lines the plugin added to mypy's own report on ``file`` or removed from it.

    A note that follows a plugin error on its line belongs to that error; it is not counted
    as added, but it may stand for a note of the plain run (a ``reveal_type`` on that line).
    """
    if _stopped_alike(plain, plugin):
        reason = f"mypy itself stops on it here (exit 2): {plain.stdout.strip()[:300]}"
        return Difference(file, [], [], [], [], unchecked=reason)
    plain_lines, plain_strays = parse(plain, root)
    plugin_lines, plugin_strays = parse(plugin, root)
    failures = [
        *_run_failures("plain", plain, plain_strays),
        *_run_failures("plugin", plugin, plugin_strays),
        *(f"plain run reports a plugin code: {line}" for line in plain_lines if line.from_plugin),
    ]
    reports, attached, others = _split(plugin_lines)
    expected = Counter(plain_lines)
    printed = Counter(others) + Counter(attached)
    added = (printed - expected) - Counter(attached)
    removed = expected - printed
    return Difference(
        file, _in_order(added, plugin_lines), _in_order(removed, plain_lines), failures, reports
    )


def _stopped_alike(plain: Run, plugin: Run) -> bool:
    """Both runs stopped on a blocking error of mypy's own (a file this Python or this mypy
    cannot check, e.g. newer syntax), printing the same thing, and neither crashed."""
    return (
        plain.exit_code == plugin.exit_code == 2
        and plain.stdout == plugin.stdout
        and not plain.stderr.strip()
        and not plugin.stderr.strip()
        and not any(marker in plain.stdout for marker in _CRASH_MARKERS)
    )


def _run_failures(name: str, run: Run, strays: list[str]) -> list[str]:
    failures = []
    if run.exit_code not in (0, 1):
        failures.append(f"{name} run: mypy exited with {run.exit_code}")
    output = run.stdout + run.stderr
    if any(marker in output for marker in _CRASH_MARKERS):
        failures.append(f"{name} run crashed")
    if run.stderr.strip():
        failures.append(f"{name} run wrote on stderr:\n{run.stderr[-5000:]}")
    if strays:
        failures.append(f"{name} run printed unexpected lines:\n" + "\n".join(strays[:50]))
    return failures


def _split(lines: list[Line]) -> tuple[list[Line], list[Line], list[Line]]:
    """Plugin errors, the notes that follow them on their line, and the other lines."""
    reports: list[Line] = []
    attached: list[Line] = []
    others: list[Line] = []
    owner: Line | None = None
    for line in lines:
        if line.severity == "error":
            owner = line if line.from_plugin else None
            (reports if line.from_plugin else others).append(line)
        elif owner is not None and (line.path, line.line) == (owner.path, owner.line):
            attached.append(line)
        else:
            owner = None
            others.append(line)
    return reports, attached, others


def _in_order(counts: Counter[Line], lines: list[Line]) -> list[Line]:
    """The lines counted in ``counts``, in the order of ``lines``."""
    left = Counter(counts)
    chosen = []
    for line in lines:
        if left[line] > 0:
            left[line] -= 1
            chosen.append(line)
    return chosen


def check_file(
    root: Path, file: str, variants: tuple[Variant, Variant], *, subprocess_only: bool = False
) -> Difference:
    """Both runs on ``root/file`` and their difference."""
    plain, plugin = (
        run_mypy(variant, root / file, subprocess_only=subprocess_only) for variant in variants
    )
    return compare(file, plain, plugin, root)


# --- standalone -----------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.realcode.sqlalchemy_typing",
        description="List every change the plugin makes to mypy's report on SQLAlchemy's "
        "typing tests (test/typing/plain_files of the installed version's sdist).",
    )
    parser.add_argument("files", nargs="*", help="paths relative to plain_files (default: all)")
    parser.add_argument("--subprocess", action="store_true", help="run mypy in subprocesses")
    parser.add_argument("--show-reports", action="store_true", help="print the plugin's reports")
    parser.add_argument("--mypy-cache", type=Path, help="keep the variants' caches here")
    options = parser.parse_args(argv)
    # Plugin bugs crash mypy (exit 2) instead of being logged and skipped, as in the suite.
    os.environ.setdefault(RAISE_ENV, "1")
    try:
        root = typing_tests()
    except Unavailable as exc:
        print(f"SQLAlchemy's typing tests are unavailable: {exc}", file=sys.stderr)
        return 2
    files = options.files or list_files(root)
    print(f"SQLAlchemy {installed_version()}: {len(files)} files in {root}", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        variants = write_variants(options.mypy_cache or Path(scratch))
        return _report(root, files, variants, options)


def _report(
    root: Path, files: list[str], variants: tuple[Variant, Variant], options: argparse.Namespace
) -> int:
    start = time.perf_counter()
    differing = 0
    codes: Counter[str] = Counter()
    for file in files:
        required = required_python(root / file)
        if required is not None and sys.version_info < required:
            print(f"{file}: skipped, needs Python {required[0]}.{required[1]}")
            continue
        difference = check_file(root, file, variants, subprocess_only=options.subprocess)
        codes.update(line.code for line in difference.plugin_reports if line.code)
        if not difference.clean:
            differing += 1
            print(difference.render(), flush=True)
        if options.show_reports:
            for line in difference.plugin_reports:
                print(f"  plugin: {line}")
    elapsed = time.perf_counter() - start
    print(f"{differing} of {len(files)} files differ ({elapsed:.1f} s)")
    print("plugin reports: " + (", ".join(f"{c} {n}" for c, n in sorted(codes.items())) or "none"))
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
