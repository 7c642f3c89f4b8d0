"""Type-check the examples in the docs with the plugin, so that every page shows real output.

    python docs/check_examples.py            # compare; exit 1 on any difference
    python docs/check_examples.py --update   # rewrite the output blocks from real runs

Conventions in the Markdown pages:

- A fenced block with a ``title="<path>"`` (``python``, ``toml``, ``ini``) is a file: each
  page's files are written to one temporary directory. ``docs/rules/index.md``'s
  ``models.py`` is available to every page. Without a config file of its own, a page gets
  a ``pyproject.toml`` with ``plugins = ["mypy_async_alchemy"]`` and ``strict = true``.
- A ``text`` block titled ``mypy <args>`` right after a file is that command's expected
  output. A ``.py`` file with no such block must type-check clean on its own, except files
  in a subdirectory (``app/db/session.py``): those belong to a layout that a ``mypy``
  block checks as a whole.
- A page containing ``<!-- check: pending -->`` documents a rule that is not released:
  its outputs are printed for information, not compared.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

DOCS = Path(__file__).resolve().parent
FIXTURE_PAGE = DOCS / "rules" / "index.md"
PENDING_MARK = "<!-- check: pending -->"
DEFAULT_CONFIG = '[tool.mypy]\nplugins = ["mypy_async_alchemy"]\nstrict = true\n'
CONFIG_NAMES = ("pyproject.toml", "mypy.ini", "setup.cfg")

FENCE = re.compile(
    r"^(?P<indent>[ \t]*)```(?P<lang>\w+)(?P<attrs>[^\n]*)\n(?P<body>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
TITLE = re.compile(r'title="(?P<title>[^"]+)"')


@dataclass
class Block:
    lang: str
    title: str | None
    body: str
    start: int  # offsets of the body in the page, for --update
    end: int


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
                match.start("body"),
                match.end("body"),
            )
        )
    return found


def run_mypy(args: str, cwd: Path) -> str:
    command = [sys.executable, "-m", "mypy", "--cache-dir", str(cwd / ".cache"), *args.split()]
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)
    return (done.stdout + done.stderr).strip()


def check_page(page: Path, fixtures: list[Block], update: bool) -> bool:
    text = page.read_text()
    pending = PENDING_MARK in text
    page_blocks = blocks(text)
    files = [b for b in page_blocks if b.title and b.lang in ("python", "toml", "ini")]
    if not files:
        return True
    ok = True
    replacements: list[tuple[Block, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for block in [*fixtures, *files]:
            assert block.title is not None
            path = root / block.title
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(block.body)
        if not any(b.title in CONFIG_NAMES for b in files):
            (root / "pyproject.toml").write_text(DEFAULT_CONFIG)
        for index, block in enumerate(page_blocks):
            if not (block.lang == "python" and block.title):
                continue
            nested = "/" in block.title
            following = page_blocks[index + 1] if index + 1 < len(page_blocks) else None
            if (
                following
                and following.lang == "text"
                and (following.title or "").startswith("mypy ")
            ):
                assert following.title is not None
                expected = following.body.strip()
                actual = run_mypy(following.title.removeprefix("mypy "), root)
            elif nested:
                continue
            else:
                expected = "Success: no issues found in 1 source file"
                actual = run_mypy(block.title, root)
                following = None
            if actual == expected:
                continue
            where = f"{page.relative_to(DOCS)}: {block.title}"
            if pending:
                print(f"pending {where}:\n{actual}\n")
            elif update and following is not None:
                replacements.append((following, actual))
            else:
                ok = False
                print(f"MISMATCH {where}\n--- expected\n{expected}\n--- actual\n{actual}\n")
    if replacements:
        for block, output in sorted(replacements, key=lambda r: r[0].start, reverse=True):
            indent = text[text.rfind("\n", 0, block.start - 1) + 1 :].split("```")[0]
            body = "".join(f"{indent}{line}\n" if line else "\n" for line in output.split("\n"))
            text = text[: block.start] + body + text[block.end :]
        page.write_text(text)
        print(f"updated {page.relative_to(DOCS)} ({len(replacements)} outputs)")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--update", action="store_true", help="rewrite the output blocks")
    parser.add_argument("pages", nargs="*", type=Path, help="default: every page")
    args = parser.parse_args()
    fixtures = [b for b in blocks(FIXTURE_PAGE.read_text()) if b.title == "models.py"]
    pages = args.pages or sorted(DOCS.rglob("*.md"))
    results = [check_page(page.resolve(), fixtures, args.update) for page in pages]
    print("all examples match" if all(results) else "some examples differ")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
