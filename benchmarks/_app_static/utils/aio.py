"""Async helpers: bounded gather, timeouts, retries with backoff, batching."""

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Generic, TypeVar

from app.core.exceptions import AppError, ExternalServiceError, OperationTimeoutError

T = TypeVar("T")


async def gather_limited(awaitables: Iterable[Awaitable[T]], limit: int = 10) -> list[T]:
    """Await everything, at most ``limit`` at a time; results in the input's order."""
    semaphore = asyncio.Semaphore(limit)

    async def run(awaitable: Awaitable[T]) -> T:
        async with semaphore:
            return await awaitable

    return list(await asyncio.gather(*(run(awaitable) for awaitable in awaitables)))


async def with_timeout(awaitable: Awaitable[T], seconds: float, *, what: str) -> T:
    try:
        return await asyncio.wait_for(awaitable, timeout=seconds)
    except asyncio.TimeoutError as error:
        raise OperationTimeoutError(what, seconds) from error


async def sleep_backoff(attempt: int, base: float = 0.05, cap: float = 2.0) -> None:
    await asyncio.sleep(min(cap, base * 2**attempt))


async def retry(
    fn: Callable[[], Awaitable[T]],
    *,
    attempts: int = 3,
    retry_on: tuple[type[Exception], ...] = (ExternalServiceError,),
) -> T:
    """Call ``fn`` until it succeeds, sleeping longer after each retryable failure."""
    for attempt in range(attempts - 1):
        try:
            return await fn()
        except retry_on:
            await sleep_backoff(attempt)
    return await fn()


async def first_success(factories: Sequence[Callable[[], Awaitable[T]]], what: str) -> T:
    failures: list[str] = []
    for factory in factories:
        try:
            return await factory()
        except AppError as error:
            failures.append(error.message)
    raise ExternalServiceError(what, "; ".join(failures) or "nothing to try", retryable=False)


class AsyncBatcher(Generic[T]):
    """Collects items and hands them to ``sink`` ``size`` at a time."""

    def __init__(self, sink: Callable[[list[T]], Awaitable[None]], size: int = 100) -> None:
        self._sink = sink
        self._size = size
        self._pending: list[T] = []
        self.flushed = 0

    async def add(self, item: T) -> None:
        self._pending.append(item)
        if len(self._pending) >= self._size:
            await self.flush()

    async def flush(self) -> None:
        if not self._pending:
            return
        batch, self._pending = self._pending, []
        await self._sink(batch)
        self.flushed += len(batch)
