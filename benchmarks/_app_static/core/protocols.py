"""Structural interfaces shared by the layers."""

from datetime import datetime
from typing import Protocol, TypeVar, runtime_checkable

K_contra = TypeVar("K_contra", contravariant=True)
V = TypeVar("V")


class Clock(Protocol):
    def now(self) -> datetime: ...


class HasId(Protocol):
    @property
    def id(self) -> int: ...


class Named(Protocol):
    @property
    def name(self) -> str: ...


class Notifier(Protocol):
    async def notify(self, channel: str, message: str) -> None: ...


class AuditSink(Protocol):
    async def record(self, actor: int | None, action: str, target: str) -> None: ...


class KeyValueStore(Protocol[K_contra, V]):
    async def get(self, key: K_contra) -> V | None: ...

    async def set(self, key: K_contra, value: V, ttl: float | None = None) -> None: ...


@runtime_checkable
class SupportsAclose(Protocol):
    async def aclose(self) -> None: ...
