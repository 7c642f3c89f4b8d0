"""Calling other services over HTTP: a client interface, JSON helpers, retries."""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from app.core.exceptions import ExternalServiceError
from app.utils.aio import retry, with_timeout
from app.utils.jsonutil import JSONValue


@dataclass(frozen=True)
class HttpResult:
    status: int
    body: JSONValue

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class HttpClient(Protocol):
    async def request(
        self, method: str, url: str, *, params: Mapping[str, str] | None = None
    ) -> HttpResult: ...


class StaticHttpClient:
    """Answers from a table (tests, local development)."""

    def __init__(self, answers: Mapping[str, HttpResult]) -> None:
        self._answers = dict(answers)
        self.calls: list[str] = []

    async def request(
        self, method: str, url: str, *, params: Mapping[str, str] | None = None
    ) -> HttpResult:
        self.calls.append(f"{method} {url}")
        return self._answers.get(url, HttpResult(404, None))


async def fetch_json(client: HttpClient, url: str, *, timeout: float = 5.0) -> JSONValue:
    async def once() -> JSONValue:
        result = await with_timeout(client.request("GET", url), timeout, what=url)
        if result.status >= 500:
            raise ExternalServiceError(url, f"status {result.status}")
        if not result.ok:
            raise ExternalServiceError(url, f"status {result.status}", retryable=False)
        return result.body

    return await retry(once)
