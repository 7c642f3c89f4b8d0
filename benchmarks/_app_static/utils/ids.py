"""Identifiers: request ids, short human-friendly codes, UUID parsing."""

import secrets
import uuid

from app.core.exceptions import ValidationError

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_request_id() -> str:
    return uuid.uuid4().hex


def short_code(length: int = 8) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def parse_uuid(value: str, field: str = "id") -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError as error:
        raise ValidationError.single(field, "not a UUID") from error
