"""Date and time helpers: parsing, business days, ranges, human-readable deltas."""

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta, timezone

from app.core.exceptions import ValidationError


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def parse_iso(value: str, field: str = "date") -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise ValidationError.single(field, "not an ISO 8601 date") from error
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def start_of_day(moment: datetime) -> datetime:
    return datetime.combine(moment.date(), time.min, tzinfo=moment.tzinfo)


def end_of_day(moment: datetime) -> datetime:
    return datetime.combine(moment.date(), time.max, tzinfo=moment.tzinfo)


def is_business_day(day: date) -> bool:
    return day.weekday() < 5


def add_business_days(start: date, days: int) -> date:
    step = 1 if days >= 0 else -1
    current, remaining = start, abs(days)
    while remaining:
        current += timedelta(days=step)
        if is_business_day(current):
            remaining -= 1
    return current


def business_days_between(start: date, end: date) -> int:
    return sum(1 for day in date_range(start, end) if is_business_day(day))


def date_range(start: date, end: date, step: int = 1) -> Iterator[date]:
    current = start
    while current < end:
        yield current
        current += timedelta(days=step)


def age_in_days(created: datetime, now: datetime) -> int:
    return max(0, (now - created).days)


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def humanize_delta(delta: timedelta) -> str:
    seconds = int(abs(delta.total_seconds()))
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count > 1 else ''}"
    return "just now"
