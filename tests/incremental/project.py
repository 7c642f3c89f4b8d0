"""A throwaway project that mypy and dmypy check in a subprocess, with the plugin enabled."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

MODELS = """\
from sqlalchemy import ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")
"""

REPOSITORY = """\
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from models import User

engine = create_engine("sqlite://")
session = Session(engine)


def user_name(user_id: int) -> str | None:
    user = session.scalars(select(User).where(User.id == user_id)).first()
    return user.name if user is not None else None
"""

SERVICE = """\
from models import User


def greeting(user: User) -> str:
    return "Hello, " + user.name
"""

MODULES = ("models", "repository", "service")
_FILES = {"models.py": MODELS, "repository.py": REPOSITORY, "service.py": SERVICE}
_CONFIG = "[mypy]\nplugins = mypy_async_alchemy\nshow_error_codes = true\n"


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str

    def report(self) -> tuple[int, dict[str, list[str]]]:
        """Exit code and each file's messages in order, the summary line under ``""``.

        mypy and dmypy may print files in different orders (stale and fresh modules are
        flushed as they are processed); the messages of a file always come in line order.
        """
        by_file: dict[str, list[str]] = {}
        for line in self.stdout.splitlines():
            if line == "Daemon started":
                continue
            path, sep, _ = line.partition(":")
            by_file.setdefault(path if sep and path.endswith(".py") else "", []).append(line)
        return self.returncode, by_file

    def modules_logged(self, event: str, reason: str = "") -> set[str]:
        """Our modules in ``LOG:  Metadata <event> for <module>...<reason>`` (``--verbose``)."""
        pattern = rf"^LOG:\s+Metadata {re.escape(event)} for ([\w.]+)(.*)$"
        return {
            module
            for module, rest in re.findall(pattern, self.stderr, re.MULTILINE)
            if module in MODULES and reason in rest
        }

    def modules_cached(self) -> set[str]:
        """Our modules whose cache this (``--verbose``) run left behind.

        mypy before 1.19 deletes the cache of a module with errors (``LOG:  Deleting <module>``)
        and so rechecks it every time; later versions cache errors too.
        """
        deleted = re.findall(r"^LOG:\s+Deleting ([\w.]+) ", self.stderr, re.MULTILINE)
        return set(MODULES) - set(deleted)


class Project:
    """The project's files, its mypy config and one incremental cache directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.cache_dir = root / ".mypy_cache"
        self.status_file = root / ".dmypy.json"
        root.mkdir(parents=True, exist_ok=True)
        for name, text in _FILES.items():
            self.write(name, text)
        self.set_plugin_config("")

    def write(self, name: str, text: str) -> None:
        path = self.root / name
        previous = path.stat().st_mtime if path.exists() else None
        path.write_text(text)
        if previous is not None:
            # mypy compares size and whole-second mtimes: make every edit visible to it.
            os.utime(path, (previous + 2, previous + 2))

    def edit(self, name: str, old: str, new: str) -> None:
        text = (self.root / name).read_text()
        assert old in text, f"{old!r} not in {name}"
        self.write(name, text.replace(old, new))

    def set_plugin_config(self, body: str) -> None:
        self.write("mypy.ini", _CONFIG + (f"\n[mypy_async_alchemy]\n{body}\n" if body else ""))

    def copy_to(self, root: Path) -> Project:
        """The same sources and config in ``root``, with an empty cache."""
        copy = Project(root)
        for name in (*_FILES, "mypy.ini"):
            copy.write(name, (self.root / name).read_text())
        return copy

    def mypy(self, *flags: str) -> Run:
        return self._run([sys.executable, "-m", "mypy", *self._options(), *flags, *_FILES])

    def dmypy_run(self) -> Run:
        # --timeout: the daemon also goes away by itself if the test's teardown cannot stop it.
        return self._run(
            [*self._dmypy(), "run", "--timeout", "600", "--", *self._options(), *_FILES]
        )

    def _options(self) -> list[str]:
        return ["--config-file", "mypy.ini", "--cache-dir", str(self.cache_dir)]

    def dmypy_stop(self) -> None:
        if self.status_file.exists():
            self._run([*self._dmypy(), "stop"])
        if self.status_file.exists():
            self._run([*self._dmypy(), "kill"])

    def _dmypy(self) -> list[str]:
        return [sys.executable, "-m", "mypy.dmypy", "--status-file", str(self.status_file)]

    def _run(self, command: list[str]) -> Run:
        result = subprocess.run(
            command,
            cwd=self.root,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        return Run(result.returncode, result.stdout, result.stderr)
