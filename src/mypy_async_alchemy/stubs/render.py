"""One stub module: SQLAlchemy's source with ``@deprecated`` above each target, and no more.

Copying the source keeps every other type exactly what SQLAlchemy declares; stubgen or
stripping bodies would change hundreds of them. The only other lines are a comment header
and one import, under a private name that the stub does not export.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from typing import Final

from mypy_async_alchemy.stubs.locate import definition_sites, import_line
from mypy_async_alchemy.stubs.targets import StubsError, Target

DECORATOR: Final = "_mypy_async_alchemy_deprecated"
IMPORT: Final = f"from typing_extensions import deprecated as {DECORATOR}\n"


def render(source: str, targets: Sequence[Target], header: Sequence[str]) -> tuple[str, int]:
    """The stub text for one module, and how many decorators it has.

    ``source`` has universal newlines (``importlib.util.decode_source``); ``header`` is
    comment lines without the ``#``. Every target must be defined in this module.
    """
    if DECORATOR in source:
        raise StubsError(f'the source already uses the name "{DECORATOR}"')
    tree = ast.parse(source)
    lines = source.split("\n")
    insertions: list[tuple[int, str]] = [(import_line(tree), IMPORT.rstrip("\n"))]
    for target in targets:
        try:
            sites = definition_sites(tree, lines, target.qualname)
        except StubsError as exc:
            raise StubsError(f"{target.module}: {exc}") from None
        decorator = f"@{DECORATOR}({target.message!r})"
        insertions.extend((site.line, site.indent + decorator) for site in sites)
    # Bottom up, so that no insertion shifts the lines of those still to come; at one line,
    # the last first, so that they end up in list order (the import first of all).
    for index in sorted(range(len(insertions)), key=lambda i: (insertions[i][0], i), reverse=True):
        line, text = insertions[index]
        lines.insert(line, text)
    comments = [f"# {line}".rstrip() for line in header]
    stub = "\n".join([*comments, *lines])
    return stub, len(insertions) - 1
