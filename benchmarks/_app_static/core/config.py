"""Application settings, read once from the environment."""

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from app.core.exceptions import ConfigurationError

_TRUE = frozenset({"1", "true", "yes", "on"})


@dataclass(frozen=True)
class DatabaseSettings:
    url: str
    pool_size: int = 5
    echo: bool = False


@dataclass(frozen=True)
class Settings:
    environment: str
    debug: bool
    database: DatabaseSettings
    secret_key: str
    allowed_origins: tuple[str, ...] = ()
    page_size: int = 50
    max_page_size: int = 500
    request_timeout: float = 10.0
    email_sender: str = "noreply@example.com"
    feature_flags: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    def has_feature(self, name: str) -> bool:
        return name in self.feature_flags


def _bool(env: Mapping[str, str], key: str, default: bool) -> bool:
    raw = env.get(key)
    return default if raw is None else raw.strip().lower() in _TRUE


def _int(env: Mapping[str, str], key: str, default: int) -> int:
    raw = env.get(key)
    if raw is None:
        return default
    try:
        return int(raw)
    except ValueError as error:
        raise ConfigurationError(f"{key} must be an integer, got {raw!r}") from error


def _float(env: Mapping[str, str], key: str, default: float) -> float:
    raw = env.get(key)
    if raw is None:
        return default
    try:
        return float(raw)
    except ValueError as error:
        raise ConfigurationError(f"{key} must be a number, got {raw!r}") from error


def _list(env: Mapping[str, str], key: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in env.get(key, "").split(",") if part.strip())


def load_settings(env: Mapping[str, str]) -> Settings:
    """Settings from ``env``; the secret key is required in production only."""
    environment = env.get("APP_ENV", "development")
    secret = env.get("APP_SECRET_KEY")
    if secret is None:
        if environment == "production":
            raise ConfigurationError("APP_SECRET_KEY is required in production")
        secret = "development-secret"
    database = DatabaseSettings(
        url=env.get("DATABASE_URL", "postgresql+asyncpg://app@localhost/app"),
        pool_size=_int(env, "DATABASE_POOL_SIZE", 5),
        echo=_bool(env, "DATABASE_ECHO", False),
    )
    page_size = _int(env, "APP_PAGE_SIZE", 50)
    max_page_size = _int(env, "APP_MAX_PAGE_SIZE", 500)
    if not 0 < page_size <= max_page_size:
        raise ConfigurationError("APP_PAGE_SIZE must be between 1 and APP_MAX_PAGE_SIZE")
    return Settings(
        environment=environment,
        debug=_bool(env, "APP_DEBUG", environment == "development"),
        database=database,
        secret_key=secret,
        allowed_origins=_list(env, "APP_ALLOWED_ORIGINS"),
        page_size=page_size,
        max_page_size=max_page_size,
        request_timeout=_float(env, "APP_REQUEST_TIMEOUT", 10.0),
        email_sender=env.get("APP_EMAIL_SENDER", "noreply@example.com"),
        feature_flags=frozenset(_list(env, "APP_FEATURES")),
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings(os.environ)
