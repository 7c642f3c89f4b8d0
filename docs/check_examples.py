"""Type-check the examples in the docs with the plugin, so that every page shows real output.

    python docs/check_examples.py            # compare; exit 1 on any difference
    python docs/check_examples.py --update   # rewrite the output blocks from real runs
    python docs/check_examples.py README.md docs/install.md   # only these pages

The pages are every Markdown file under ``docs/`` and the README. mypy is the one of the
interpreter that runs this script (``python -m mypy``), with the plugin installed there.
Conventions in the Markdown pages:

- A fenced block with a ``title="<path>"`` (``python``, ``toml``, ``ini``) is a file: each
  page's files are written to one temporary directory. ``docs/rules/index.md``'s
  ``models.py`` is available to every page. Without a config file of its own, a page gets
  a ``pyproject.toml`` with ``plugins = ["mypy_async_alchemy"]`` and ``strict = true``.
- A ``text`` block titled ``mypy <args>`` right after a file is that command's expected
  output. A ``.py`` file with no such block must type-check clean on its own, except files
  in a subdirectory (``app/db/session.py``): those belong to a layout that a ``mypy``
  block checks as a whole.
- A config file (``pyproject.toml``, ``mypy.ini``, ``setup.cfg``) followed by a ``mypy``
  block is checked on its own, in a directory holding only it and ``models.py``: that is
  how a page shows a configuration mistake without breaking its other examples.
- ``<!-- check: in <dir>, `mypy <args>` exits with <status> -->`` right before a ``text``
  block: that block is the output of ``mypy <args>`` run in ``<dir>`` (relative to the
  repository root, e.g. ``examples/backend``), which must exit with ``<status>``.
- In an expected output, a line ``...`` stands for one or more lines left out. ``--update``
  keeps as many lines before and after it as the page showed.
- A ``text`` or ``console`` block that looks like mypy's output but is checked by none of
  the above is an error: every output shown is a real one.
- A page containing ``<!-- check: pending -->`` documents a rule that is not released:
  its outputs are printed for information, not compared.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
README = ROOT / "README.md"
FIXTURE_PAGE = DOCS / "rules" / "index.md"
PENDING_MARK = "<!-- check: pending -->"
DEFAULT_CONFIG = '[tool.mypy]\nplugins = ["mypy_async_alchemy"]\nstrict = true\n'
CONFIG_NAMES = ("pyproject.toml", "mypy.ini", "setup.cfg")
ELLIPSIS = "..."

FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>\w+)(?P<attrs>[^\n]*)\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
TITLE = re.compile(r'title="(?P<title>[^"]+)"')
RUN_MARK = re.compile(
    r"<!-- check: in (?P<cwd>[^,]+), `mypy (?P<args>[^`]*)` exits with (?P<status>\d+) -->"
)
# Lines only mypy (or the plugin's config check) prints: a text block holding one is checked.
MYPY_OUTPUT = re.compile(
    r"^(Found \d+ errors? in \d+ files?|Success: no issues found"
    r"|\S+:\d+: (error|note): .*|mypy-async-alchemy: error: .*)",
    re.MULTILINE,
)


@dataclass
class Block:
    lang: str
    title: str | None
    body: str
    fence: int  # offset of the opening fence in the page
    line: int  # its line number, for messages
    start: int  # offsets of the body in the page, for --update
    end: int


@dataclass
class Run:
    """One mypy command and the block that shows its output."""

    where: str
    args: str
    cwd: Path
    output: Block | None  # None: the file must type-check clean
    status: int | None = None  # expected exit status, when the page states it


CLEAN = "Success: no issues found in 1 source file"


def blocks(text: str) -> list[Block]:
    found = []
    for match in FENCE.finditer(text):
        indent = match["indent"]
        body = "\n".join(
            line[len(indent) :] if line.startswith(indent) else line
            for line in match["body"].split("\n")
        )
        title = TITLE.search(match["attrs"])
        found.append(
            Block(
                match["lang"],
                title["title"] if title else None,
                body,
                match.start(),
                text.count("\n", 0, match.start()) + 1,
                match.start("body"),
                match.end("body"),
            )
        )
    return found


def run_mypy(args: str, cwd: Path, cache: Path) -> tuple[str, int]:
    command = [sys.executable, "-m", "mypy", "--cache-dir", str(cache), *args.split()]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    return (done.stdout + done.stderr).strip(), done.returncode


def matches(expected: list[str], actual: list[str]) -> bool:
    """``expected`` equals ``actual``, where a line ``...`` stands for one or more lines."""
    if not expected:
        return not actual
    if expected[0] == ELLIPSIS:
        return any(matches(expected[1:], actual[skip:]) for skip in range(1, len(actual) + 1))
    return bool(actual) and expected[0] == actual[0] and matches(expected[1:], actual[1:])


def excerpt(shown: list[str], actual: list[str]) -> list[str]:
    """``actual`` cut like ``shown``: as many lines before and after its ``...``."""
    if ELLIPSIS not in shown:
        return actual
    head = shown.index(ELLIPSIS)
    tail = len(shown) - 1 - max(i for i, line in enumerate(shown) if line == ELLIPSIS)
    if len(actual) <= head + tail:
        return actual
    return [*actual[:head], ELLIPSIS, *actual[len(actual) - tail :]]


def is_output(block: Block) -> bool:
    return block.lang == "text" and (block.title or "").startswith("mypy ")


def write_files(root: Path, files: list[Block], *, default_config: bool) -> None:
    for block in files:
        assert block.title is not None
        path = root / block.title
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(block.body)
    if default_config and not any(b.title in CONFIG_NAMES for b in files):
        (root / "pyproject.toml").write_text(DEFAULT_CONFIG)


def page_runs(
    name: str, text: str, page_blocks: list[Block], fixtures: list[Block], tmp: Path
) -> Iterator[Run]:
    """The page's mypy commands, with the files they need written under ``tmp``."""
    pairs = list(zip(page_blocks, [*page_blocks[1:], None], strict=True))
    isolated = [
        (block, output)
        for block, output in pairs
        if block.title in CONFIG_NAMES and output is not None and is_output(output)
    ]
    files = [
        block
        for block in page_blocks
        if block.title
        and block.lang in ("python", "toml", "ini")
        and all(block is not config for config, _ in isolated)
    ]
    shared = tmp / "page"
    shared.mkdir()
    write_files(shared, [*fixtures, *files], default_config=True)
    for block, output in pairs:
        if not (block.lang == "python" and block.title):
            continue
        if output is not None and is_output(output):
            assert output.title is not None
            yield Run(f"{name}: {block.title}", output.title.removeprefix("mypy "), shared, output)
        elif "/" not in block.title:
            yield Run(f"{name}: {block.title}", block.title, shared, None)
    for index, (config, output) in enumerate(isolated):
        alone = tmp / f"config-{index}"
        alone.mkdir()
        write_files(alone, [*fixtures, config], default_config=False)
        assert output.title is not None
        where = f"{name}:{config.line}: {config.title}"
        yield Run(where, output.title.removeprefix("mypy "), alone, output)
    for mark in RUN_MARK.finditer(text):
        found = next((b for b in page_blocks if b.fence > mark.end()), None)
        where = f"{name}: `mypy {mark['args']}` in {mark['cwd']}"
        if found is None or found.lang != "text" or text[mark.end() : found.fence].strip():
            raise SystemExit(f"{where}: the check mark is not right before a text block")
        yield Run(where, mark["args"], ROOT / mark["cwd"], found, int(mark["status"]))


def check_page(page: Path, fixtures: list[Block], update: bool) -> tuple[bool, list[str]]:
    """Run the page's examples: whether they all match, and what to print."""
    text = page.read_text()
    name = str(page.relative_to(ROOT))
    pending = PENDING_MARK in text
    page_blocks = blocks(text)
    ok = True
    log: list[str] = []
    replacements: list[tuple[Block, str]] = []
    checked: list[Block] = []
    with tempfile.TemporaryDirectory() as tmp:
        for index, run in enumerate(page_runs(name, text, page_blocks, fixtures, Path(tmp))):
            actual, status = run_mypy(run.args, run.cwd, Path(tmp) / f"cache-{index}")
            shown = run.output.body.strip().split("\n") if run.output else [CLEAN]
            if run.output is not None:
                checked.append(run.output)
            output_ok = matches(shown, actual.split("\n"))
            status_ok = run.status in (None, status)
            if output_ok and status_ok:
                continue
            if pending:
                log.append(f"pending {run.where}:\n{actual}\n")
                continue
            if not status_ok:
                ok = False
                log.append(f"EXIT STATUS {run.where}: {status}, not {run.status}\n{actual}\n")
            if output_ok:
                continue
            if update and run.output is not None:
                replacements.append((run.output, "\n".join(excerpt(shown, actual.split("\n")))))
            else:
                ok = False
                expected = "\n".join(shown)
                log.append(
                    f"MISMATCH {run.where}\n--- expected\n{expected}\n--- actual\n{actual}\n"
                )
    for block in page_blocks:
        unchecked = all(block is not output for output in checked)
        if block.lang in ("text", "console") and unchecked and MYPY_OUTPUT.search(block.body):
            ok = False
            log.append(
                f"UNCHECKED {name}:{block.line}: this block shows mypy output that nothing "
                "checks (see the conventions in docs/check_examples.py)\n"
            )
    if replacements:
        for block, output in sorted(replacements, key=lambda r: r[0].start, reverse=True):
            indent = text[text.rfind("\n", 0, block.start - 1) + 1 :].split("```")[0]
            body = "".join(f"{indent}{line}\n" if line else "\n" for line in output.split("\n"))
            text = text[: block.start] + body + text[block.end :]
        page.write_text(text)
        log.append(f"updated {name} ({len(replacements)} outputs)")
    return ok, log


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the output blocks")
    parser.add_argument(
        "pages", nargs="*", type=Path, help="default: every page under docs/, and README.md"
    )
    parser.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="pages checked at once"
    )
    args = parser.parse_args()
    fixtures = [b for b in blocks(FIXTURE_PAGE.read_text()) if b.title == "models.py"]
    pages = [page.resolve() for page in args.pages] or [*sorted(DOCS.rglob("*.md")), README]
    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda page: check_page(page, fixtures, args.update), pages))
    for _, log in results:
        for entry in log:
            print(entry)
    ok = all(page_ok for page_ok, _ in results)
    print(f"{len(pages)} pages: " + ("all examples match" if ok else "some examples differ"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
