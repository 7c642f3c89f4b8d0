"""Counters and histograms kept in memory, exported as plain dicts."""

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass
class Counter:
    name: str
    value: int = 0

    def inc(self, amount: int = 1) -> None:
        self.value += amount


@dataclass
class Histogram:
    name: str
    buckets: Sequence[float] = (0.005, 0.01, 0.05, 0.1, 0.5, 1.0, 5.0)
    counts: list[int] = field(default_factory=list)
    total: float = 0.0

    def __post_init__(self) -> None:
        self.counts = [0] * (len(self.buckets) + 1)

    def observe(self, value: float) -> None:
        self.counts[bisect_left(self.buckets, value)] += 1
        self.total += value

    @property
    def count(self) -> int:
        return sum(self.counts)

    def mean(self) -> float:
        return self.total / self.count if self.count else 0.0


class Registry:
    def __init__(self) -> None:
        self._counters: dict[str, Counter] = {}
        self._histograms: dict[str, Histogram] = {}

    def counter(self, name: str) -> Counter:
        return self._counters.setdefault(name, Counter(name))

    def histogram(self, name: str) -> Histogram:
        return self._histograms.setdefault(name, Histogram(name))

    def export(self) -> dict[str, float]:
        out: dict[str, float] = {name: c.value for name, c in self._counters.items()}
        for name, histogram in self._histograms.items():
            out[f"{name}_count"] = histogram.count
            out[f"{name}_mean"] = histogram.mean()
        return out


REGISTRY = Registry()
