"""Show each diagnostic of a results file in its source context, to judge it.

    python benchmarks/context.py benchmarks/results/sqladmin.txt [--lines 3]

For every error: the enclosing function (``def`` or ``async def``, with its line) and the
source lines around it, read from the unpacked codebase in ``benchmarks/.work/src/<name>``.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

import _runner

HERE = Path(__file__).resolve().parent


def enclosing(tree: ast.AST, line: int) -> str:
    """``async def name (line N)`` of the innermost function around ``line``."""
    best: ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda | None = None
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            end = node.end_lineno or node.lineno
            if node.lineno <= line <= end and (best is None or node.lineno >= best.lineno):
                best = node
    if best is None:
        return "module level"
    if isinstance(best, ast.Lambda):
        return f"lambda (line {best.lineno})"
    kind = "async def" if isinstance(best, ast.AsyncFunctionDef) else "def"
    return f"{kind} {best.name} (line {best.lineno})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("results", type=Path)
    parser.add_argument("--lines", type=int, default=2, help="lines shown before and after")
    args = parser.parse_args(argv)
    source = HERE / ".work" / "src" / args.results.stem
    trees: dict[str, tuple[ast.AST, list[str]]] = {}
    for diagnostic in _runner.parse(args.results.read_text()):
        if diagnostic.severity != "error":
            continue
        if diagnostic.path not in trees:
            text = (source / diagnostic.path).read_text()
            trees[diagnostic.path] = (ast.parse(text), text.splitlines())
        tree, lines = trees[diagnostic.path]
        print(f"{diagnostic.path}:{diagnostic.line}: [{diagnostic.code}] {diagnostic.message}")
        print(f"    in {enclosing(tree, diagnostic.line)}")
        low, high = max(1, diagnostic.line - args.lines), diagnostic.line + args.lines
        for number in range(low, min(high, len(lines)) + 1):
            mark = ">" if number == diagnostic.line else " "
            print(f"  {mark}{number:5} {lines[number - 1]}")
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
