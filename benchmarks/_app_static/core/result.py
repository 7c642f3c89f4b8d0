"""A small Result type for operations whose failure is an expected outcome."""

from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeAlias, TypeVar

T = TypeVar("T")
U = TypeVar("U")
E = TypeVar("E", bound=Exception)


@dataclass(frozen=True)
class Ok(Generic[T]):
    value: T


@dataclass(frozen=True)
class Err(Generic[E]):
    error: E


Result: TypeAlias = Ok[T] | Err[E]


def unwrap(result: Result[T, E]) -> T:
    if isinstance(result, Err):
        raise result.error
    return result.value


def unwrap_or(result: Result[T, E], default: T) -> T:
    return result.value if isinstance(result, Ok) else default


def map_ok(result: Result[T, E], fn: Callable[[T], U]) -> Result[U, E]:
    if isinstance(result, Ok):
        return Ok(fn(result.value))
    return result


async def capture(awaitable: Awaitable[T], kind: type[E]) -> Result[T, E]:
    """Await ``awaitable``; an exception of ``kind`` becomes an ``Err``."""
    try:
        return Ok(await awaitable)
    except kind as error:
        return Err(error)


def partition_results(results: Iterable[Result[T, E]]) -> tuple[list[T], list[E]]:
    values: list[T] = []
    errors: list[E] = []
    for result in results:
        if isinstance(result, Ok):
            values.append(result.value)
        else:
            errors.append(result.error)
    return values, errors
