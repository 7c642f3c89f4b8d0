"""Reading untrusted payloads: each helper records its field's errors and returns a value."""

import re
from collections.abc import Collection, Mapping

from app.core.exceptions import ValidationError

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)


class Errors:
    """Field errors collected while reading one payload."""

    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def add(self, field: str, message: str) -> None:
        self.fields.setdefault(field, []).append(message)

    def __bool__(self) -> bool:
        return bool(self.fields)

    def raise_if_any(self) -> None:
        if self.fields:
            raise ValidationError(self.fields)


def require_str(
    data: Mapping[str, object],
    key: str,
    errors: Errors,
    *,
    min_length: int = 1,
    max_length: int = 255,
) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        errors.add(key, "must be a string")
        return ""
    value = value.strip()
    if not min_length <= len(value) <= max_length:
        errors.add(key, f"must have {min_length} to {max_length} characters")
    return value


def optional_str(
    data: Mapping[str, object], key: str, errors: Errors, *, max_length: int = 2000
) -> str | None:
    if data.get(key) is None:
        return None
    return require_str(data, key, errors, min_length=0, max_length=max_length)


def require_int(
    data: Mapping[str, object],
    key: str,
    errors: Errors,
    *,
    minimum: int | None = None,
    maximum: int | None = None,
) -> int:
    value = data.get(key)
    if isinstance(value, bool) or not isinstance(value, int):
        errors.add(key, "must be an integer")
        return 0
    if minimum is not None and value < minimum:
        errors.add(key, f"must be at least {minimum}")
    if maximum is not None and value > maximum:
        errors.add(key, f"must be at most {maximum}")
    return value


def optional_int(
    data: Mapping[str, object], key: str, errors: Errors, *, minimum: int | None = None
) -> int | None:
    if data.get(key) is None:
        return None
    return require_int(data, key, errors, minimum=minimum)


def require_bool(data: Mapping[str, object], key: str, errors: Errors) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        errors.add(key, "must be true or false")
        return False
    return value


def require_choice(
    data: Mapping[str, object], key: str, errors: Errors, choices: Collection[str]
) -> str:
    value = require_str(data, key, errors)
    if value and value not in choices:
        errors.add(key, f"must be one of {', '.join(sorted(choices))}")
    return value


def is_email(value: str) -> bool:
    return _EMAIL.match(value) is not None


def require_email(data: Mapping[str, object], key: str, errors: Errors) -> str:
    value = require_str(data, key, errors, max_length=254)
    if value and not is_email(value):
        errors.add(key, "must be an email address")
    return value.lower()
