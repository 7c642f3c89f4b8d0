"""Principals, password hashing and signed tokens."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from app.core.exceptions import AuthenticationError, PermissionDeniedError

_ITERATIONS = 100_000


@dataclass(frozen=True)
class Principal:
    user_id: int
    roles: frozenset[str]
    organization_id: int | None = None

    @property
    def is_anonymous(self) -> bool:
        return self.user_id == 0

    def has_role(self, role: str) -> bool:
        return role in self.roles or "admin" in self.roles


ANONYMOUS = Principal(0, frozenset())


def hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, _ITERATIONS)
    return f"{salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    salt_hex, _, digest_hex = stored.partition("$")
    candidate = hash_password(password, bytes.fromhex(salt_hex)).partition("$")[2]
    return hmac.compare_digest(candidate, digest_hex)


def sign(payload: str, key: str) -> str:
    return hmac.new(key.encode(), payload.encode(), hashlib.sha256).hexdigest()


def make_token(user_id: int, key: str, issued_at: int) -> str:
    payload = f"{user_id}.{issued_at}"
    return f"{payload}.{sign(payload, key)}"


def parse_token(token: str, key: str, now: int, max_age: int = 3600) -> int:
    """The user id in ``token``; raises ``AuthenticationError`` if it is forged or old."""
    user_part, _, rest = token.partition(".")
    issued_part, _, signature = rest.partition(".")
    if not hmac.compare_digest(sign(f"{user_part}.{issued_part}", key), signature):
        raise AuthenticationError("invalid token")
    try:
        user_id, issued_at = int(user_part), int(issued_part)
    except ValueError as error:
        raise AuthenticationError("malformed token") from error
    if now - issued_at > max_age:
        raise AuthenticationError("token expired")
    return user_id


def require_role(principal: Principal, role: str) -> None:
    if principal.is_anonymous:
        raise AuthenticationError("login required")
    if not principal.has_role(role):
        raise PermissionDeniedError(f"role {role!r} required")
