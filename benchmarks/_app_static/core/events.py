"""In-process domain events: a typed bus whose handlers are coroutines."""

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Generic, TypeVar

from app.core.log import get_logger

E = TypeVar("E")

logger = get_logger(__name__)


@dataclass(frozen=True)
class DomainEvent:
    at: datetime

    @property
    def kind(self) -> str:
        return type(self).__name__


class EventBus(Generic[E]):
    """Handlers run in subscription order; one failing handler does not stop the others."""

    def __init__(self) -> None:
        self._handlers: list[Callable[[E], Awaitable[None]]] = []
        self.published = 0
        self.failures = 0

    def subscribe(self, handler: Callable[[E], Awaitable[None]]) -> None:
        if handler not in self._handlers:
            self._handlers.append(handler)

    def clear(self) -> None:
        self._handlers.clear()

    async def publish(self, event: E) -> None:
        self.published += 1
        for handler in self._handlers:
            try:
                await handler(event)
            except Exception:
                self.failures += 1
                logger.exception("event handler %r failed", handler)

    async def publish_all(self, events: Iterable[E]) -> None:
        for event in events:
            await self.publish(event)
