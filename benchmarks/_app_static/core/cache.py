"""An in-memory TTL cache for coroutines' results."""

import asyncio
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class TTLCache(Generic[K, V]):
    """Entries expire after ``ttl`` seconds; the oldest goes when ``max_items`` is reached."""

    def __init__(
        self, ttl: float, max_items: int = 1024, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._ttl = ttl
        self._max_items = max_items
        self._clock = clock
        self._items: dict[K, tuple[float, V]] = {}
        self._lock = asyncio.Lock()
        self.hits = 0
        self.misses = 0

    async def get(self, key: K) -> V | None:
        async with self._lock:
            entry = self._items.get(key)
            if entry is None or entry[0] <= self._clock():
                self.misses += 1
                return None
            self.hits += 1
            return entry[1]

    async def set(self, key: K, value: V, ttl: float | None = None) -> None:
        async with self._lock:
            if key not in self._items and len(self._items) >= self._max_items:
                self._evict()
            self._items[key] = (self._clock() + (ttl if ttl is not None else self._ttl), value)

    async def get_or_load(self, key: K, load: Callable[[K], Awaitable[V]]) -> V:
        cached = await self.get(key)
        if cached is not None:
            return cached
        value = await load(key)
        await self.set(key, value)
        return value

    async def invalidate(self, key: K) -> bool:
        async with self._lock:
            return self._items.pop(key, None) is not None

    def _evict(self) -> None:
        now = self._clock()
        for key in [key for key, (expires, _value) in self._items.items() if expires <= now]:
            del self._items[key]
        if len(self._items) >= self._max_items:
            self._items.pop(next(iter(self._items)))

    @property
    def hit_rate(self) -> float:
        total = self.hits + self.misses
        return self.hits / total if total else 0.0
