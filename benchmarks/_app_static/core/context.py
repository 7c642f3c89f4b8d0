"""The current request's context, carried by a context variable across awaits."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime

from app.core.security import ANONYMOUS, Principal


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    principal: Principal
    started_at: datetime


_current: ContextVar[RequestContext | None] = ContextVar("request_context", default=None)


def current() -> RequestContext:
    context = _current.get()
    if context is None:
        raise RuntimeError("no request context: called outside a request")
    return context


def current_principal() -> Principal:
    context = _current.get()
    return context.principal if context is not None else ANONYMOUS


@contextmanager
def bind(context: RequestContext) -> Iterator[RequestContext]:
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)
