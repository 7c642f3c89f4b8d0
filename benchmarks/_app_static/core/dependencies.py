"""What handlers and jobs need besides the session, built once per process."""

from dataclasses import dataclass
from functools import lru_cache

from app.core.cache import TTLCache
from app.core.clock import SystemClock
from app.core.config import Settings, get_settings
from app.core.metrics import REGISTRY, Registry
from app.core.protocols import AuditSink, Clock, Notifier
from app.integrations.audit import InMemoryAuditLog
from app.integrations.notifications import FanoutNotifier, LogNotifier


@dataclass(frozen=True)
class Dependencies:
    settings: Settings
    clock: Clock
    notifier: Notifier
    audit: AuditSink
    cache: TTLCache[str, object]
    metrics: Registry


@lru_cache(maxsize=1)
def get_dependencies() -> Dependencies:
    settings = get_settings()
    notifier = FanoutNotifier([LogNotifier("app.notifications")])
    return Dependencies(
        settings=settings,
        clock=SystemClock(),
        notifier=notifier,
        audit=InMemoryAuditLog(),
        cache=TTLCache(ttl=60.0),
        metrics=REGISTRY,
    )
