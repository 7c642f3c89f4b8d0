"""Blob storage: an interface and an in-memory store with content hashes."""

import hashlib
from dataclasses import dataclass
from typing import Protocol

from app.core.exceptions import NotFoundError


@dataclass(frozen=True)
class StoredObject:
    key: str
    size: int
    sha256: str
    content_type: str


class BlobStore(Protocol):
    async def put(self, key: str, data: bytes, content_type: str) -> StoredObject: ...

    async def get(self, key: str) -> bytes: ...

    async def delete(self, key: str) -> bool: ...


class MemoryBlobStore:
    def __init__(self) -> None:
        self._data: dict[str, tuple[bytes, StoredObject]] = {}

    async def put(self, key: str, data: bytes, content_type: str) -> StoredObject:
        meta = StoredObject(key, len(data), hashlib.sha256(data).hexdigest(), content_type)
        self._data[key] = (data, meta)
        return meta

    async def get(self, key: str) -> bytes:
        try:
            return self._data[key][0]
        except KeyError:
            raise NotFoundError("blob", key) from None

    async def delete(self, key: str) -> bool:
        return self._data.pop(key, None) is not None


async def copy_blob(store: BlobStore, source: str, target: str) -> StoredObject:
    data = await store.get(source)
    return await store.put(target, data, "application/octet-stream")
