"""A search index kept in memory, fed by the domains' jobs."""

from collections.abc import Iterable

from app.utils.iterables import chunked
from app.utils.text_search import rank


class SearchIndex:
    def __init__(self) -> None:
        self._documents: dict[str, dict[int, str]] = {}

    def index(self, collection: str, key: int, text: str) -> None:
        self._documents.setdefault(collection, {})[key] = text

    def index_many(self, collection: str, documents: Iterable[tuple[int, str]]) -> int:
        count = 0
        for chunk in chunked(documents, 100):
            for key, text in chunk:
                self.index(collection, key, text)
                count += 1
        return count

    def remove(self, collection: str, key: int) -> None:
        self._documents.get(collection, {}).pop(key, None)

    def search(self, collection: str, query: str, limit: int = 10) -> list[int]:
        documents = self._documents.get(collection, {})
        ranked = rank(query, list(documents.items()))
        return [key for key, score in ranked[:limit] if score > 0.1]


INDEX = SearchIndex()
