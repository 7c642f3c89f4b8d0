"""String helpers: slugs, names, truncation, masking."""

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
_SPACES = re.compile(r"\s+")
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


def slugify(text: str, max_length: int = 80) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_WORD.sub("-", ascii_text.lower()).strip("-")[:max_length]


def normalize_whitespace(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def normalize_name(text: str) -> str:
    """Collapse spaces and capitalise the first letter, leaving the rest as typed."""
    cleaned = normalize_whitespace(text)
    return cleaned[:1].upper() + cleaned[1:]


def truncate(text: str, length: int, suffix: str = "...") -> str:
    if len(text) <= length:
        return text
    return text[: max(0, length - len(suffix))].rstrip() + suffix


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    if not domain:
        return "*" * len(email)
    return f"{local[:1]}{'*' * max(1, len(local) - 1)}@{domain}"


def pluralize(count: int, singular: str, plural: str | None = None) -> str:
    word = singular if count == 1 else plural or f"{singular}s"
    return f"{count} {word}"


def camel_to_snake(name: str) -> str:
    return _CAMEL.sub("_", name).lower()


def snake_to_camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def initials(name: str, limit: int = 2) -> str:
    return "".join(part[0].upper() for part in name.split() if part)[:limit]
