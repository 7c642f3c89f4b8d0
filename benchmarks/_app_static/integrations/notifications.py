"""Notifiers: to the log, to a list kept in memory, or to several at once."""

from collections.abc import Sequence

from app.core.log import get_logger
from app.core.protocols import Notifier
from app.utils.aio import gather_limited


class LogNotifier:
    def __init__(self, logger_name: str) -> None:
        self._logger = get_logger(logger_name)

    async def notify(self, channel: str, message: str) -> None:
        self._logger.info("[%s] %s", channel, message)


class MemoryNotifier:
    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def notify(self, channel: str, message: str) -> None:
        self.sent.append((channel, message))


class FanoutNotifier:
    """Sends to every notifier concurrently; a failing one is logged, not raised."""

    def __init__(self, notifiers: Sequence[Notifier], limit: int = 4) -> None:
        self._notifiers = list(notifiers)
        self._limit = limit
        self._logger = get_logger(__name__)

    async def _safe(self, notifier: Notifier, channel: str, message: str) -> bool:
        try:
            await notifier.notify(channel, message)
        except Exception:
            self._logger.exception("notifier %r failed", notifier)
            return False
        return True

    async def notify(self, channel: str, message: str) -> None:
        results = await gather_limited(
            (self._safe(notifier, channel, message) for notifier in self._notifiers),
            limit=self._limit,
        )
        if not any(results) and self._notifiers:
            self._logger.error("no notifier delivered %r", message)
