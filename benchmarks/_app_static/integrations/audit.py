"""The audit log: who did what to which object."""

from dataclasses import dataclass
from datetime import datetime, timezone


@dataclass(frozen=True)
class AuditEntry:
    actor: int | None
    action: str
    target: str
    at: datetime


class InMemoryAuditLog:
    def __init__(self, limit: int = 10_000) -> None:
        self._limit = limit
        self.entries: list[AuditEntry] = []

    async def record(self, actor: int | None, action: str, target: str) -> None:
        self.entries.append(AuditEntry(actor, action, target, datetime.now(timezone.utc)))
        if len(self.entries) > self._limit:
            del self.entries[: len(self.entries) - self._limit]

    def by_actor(self, actor: int) -> list[AuditEntry]:
        return [entry for entry in self.entries if entry.actor == actor]
