"""A tiny fuzzy search: trigram similarity between a query and names."""

from collections.abc import Sequence

from app.utils.strings import slugify


def trigrams(text: str) -> set[str]:
    padded = f"  {slugify(text)} "
    return {padded[index : index + 3] for index in range(len(padded) - 2)}


def similarity(left: str, right: str) -> float:
    a, b = trigrams(left), trigrams(right)
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def rank(query: str, candidates: Sequence[tuple[int, str]]) -> list[tuple[int, float]]:
    """``(id, score)`` by decreasing score, ties by id."""
    scored = [(key, similarity(query, text)) for key, text in candidates]
    return sorted(scored, key=lambda item: (-item[1], item[0]))
