"""The HTTP layer's vocabulary: requests, responses, and routers that collect handlers."""

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeAlias

from sqlalchemy.ext.asyncio import AsyncSession

from app.core.exceptions import AppError, ValidationError
from app.core.security import ANONYMOUS, Principal
from app.utils.jsonutil import JSONValue


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    path_params: Mapping[str, str] = field(default_factory=dict)
    query: Mapping[str, str] = field(default_factory=dict)
    body: Mapping[str, object] = field(default_factory=dict)
    principal: Principal = ANONYMOUS

    def _raw(self, name: str) -> str | None:
        raw = self.path_params.get(name)
        return raw if raw is not None else self.query.get(name)

    def int_param(self, name: str) -> int:
        raw = self._raw(name)
        if raw is None:
            raise ValidationError.single(name, "required")
        try:
            return int(raw)
        except ValueError as error:
            raise ValidationError.single(name, "must be an integer") from error

    def optional_int_param(self, name: str) -> int | None:
        return None if self._raw(name) in (None, "") else self.int_param(name)

    def str_param(self, name: str, default: str | None = None) -> str:
        raw = self._raw(name)
        if raw is None:
            if default is None:
                raise ValidationError.single(name, "required")
            return default
        return raw

    def bool_param(self, name: str, default: bool = False) -> bool:
        raw = self._raw(name)
        return default if raw is None else raw.lower() in ("1", "true", "yes")


@dataclass(frozen=True)
class Response:
    status: int
    body: JSONValue
    headers: Mapping[str, str] = field(default_factory=dict)


def ok(body: JSONValue) -> Response:
    return Response(200, body)


def created(body: JSONValue) -> Response:
    return Response(201, body)


def no_content() -> Response:
    return Response(204, None)


def error_response(error: AppError) -> Response:
    body: JSONValue = {"error": error.code, "message": error.message}
    headers = {"Retry-After": "30"} if error.status_code == 429 else {}
    return Response(error.status_code, body, headers)


Handler: TypeAlias = Callable[[Request, AsyncSession], Awaitable[Response]]


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    handler: Handler
    tags: tuple[str, ...] = ()

    def match(self, method: str, path: str) -> dict[str, str] | None:
        """The path parameters if this route serves ``method path``."""
        if method != self.method:
            return None
        pattern, actual = self.path.strip("/").split("/"), path.strip("/").split("/")
        if len(pattern) != len(actual):
            return None
        params: dict[str, str] = {}
        for expected, got in zip(pattern, actual, strict=True):
            if expected.startswith("{") and expected.endswith("}"):
                params[expected[1:-1]] = got
            elif expected != got:
                return None
        return params


class Router:
    """Collects routes under a prefix; ``include`` nests another router."""

    def __init__(self, prefix: str = "", tags: Sequence[str] = ()) -> None:
        self.prefix = prefix.rstrip("/")
        self.tags = tuple(tags)
        self.routes: list[Route] = []

    def add(self, method: str, path: str, handler: Handler) -> None:
        self.routes.append(Route(method, self.prefix + path, handler, self.tags))

    def route(self, method: str, path: str) -> Callable[[Handler], Handler]:
        def register(handler: Handler) -> Handler:
            self.add(method, path, handler)
            return handler

        return register

    def get(self, path: str) -> Callable[[Handler], Handler]:
        return self.route("GET", path)

    def post(self, path: str) -> Callable[[Handler], Handler]:
        return self.route("POST", path)

    def put(self, path: str) -> Callable[[Handler], Handler]:
        return self.route("PUT", path)

    def delete(self, path: str) -> Callable[[Handler], Handler]:
        return self.route("DELETE", path)

    def include(self, other: "Router") -> None:
        for route in other.routes:
            self.routes.append(Route(route.method, self.prefix + route.path, route.handler))

    def resolve(self, method: str, path: str) -> tuple[Route, dict[str, str]] | None:
        for route in self.routes:
            params = route.match(method, path)
            if params is not None:
                return route, params
        return None
