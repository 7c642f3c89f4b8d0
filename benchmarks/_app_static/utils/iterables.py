"""Helpers over iterables: chunks, grouping, indexing, de-duplication."""

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def group_by(items: Iterable[T], key: Callable[[T], K]) -> dict[K, list[T]]:
    groups: dict[K, list[T]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


def index_by(items: Iterable[T], key: Callable[[T], K]) -> dict[K, T]:
    return {key(item): item for item in items}


def dedupe(items: Iterable[K]) -> list[K]:
    seen: set[K] = set()
    out: list[K] = []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def first(items: Iterable[T], predicate: Callable[[T], bool] | None = None) -> T | None:
    for item in items:
        if predicate is None or predicate(item):
            return item
    return None


def partition(items: Iterable[T], predicate: Callable[[T], bool]) -> tuple[list[T], list[T]]:
    yes: list[T] = []
    no: list[T] = []
    for item in items:
        (yes if predicate(item) else no).append(item)
    return yes, no


def top_by_value(counts: Mapping[K, int], limit: int) -> list[tuple[K, int]]:
    return sorted(counts.items(), key=lambda item: item[1], reverse=True)[:limit]


def invert(mapping: Mapping[K, V]) -> dict[V, list[K]]:
    out: dict[V, list[K]] = {}
    for key, value in mapping.items():
        out.setdefault(value, []).append(key)
    return out
