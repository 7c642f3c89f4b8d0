"""Outgoing email: messages, a sender interface, templates."""

from dataclasses import dataclass, field
from string import Template
from typing import Protocol

from app.core.exceptions import ValidationError
from app.utils.aio import retry
from app.utils.validation import is_email


@dataclass(frozen=True)
class EmailMessage:
    to: tuple[str, ...]
    subject: str
    body: str
    reply_to: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


class EmailSender(Protocol):
    async def send(self, message: EmailMessage) -> str: ...


class OutboxSender:
    """Keeps messages instead of sending them (development, tests)."""

    def __init__(self) -> None:
        self.outbox: list[EmailMessage] = []

    async def send(self, message: EmailMessage) -> str:
        self.outbox.append(message)
        return f"outbox-{len(self.outbox)}"


TEMPLATES: dict[str, tuple[str, str]] = {
    "welcome": ("Welcome, $name", "Hello $name,\n\nYour account is ready.\n"),
    "status": ("$entity $key is now $status", "Hello,\n\n$entity $key changed to $status.\n"),
    "digest": ("Your digest: $count updates", "Hello $name,\n\n$count things changed.\n"),
}


def render(template: str, values: dict[str, str]) -> tuple[str, str]:
    subject, body = TEMPLATES[template]
    return Template(subject).safe_substitute(values), Template(body).safe_substitute(values)


async def send_templated(
    sender: EmailSender, to: list[str], template: str, values: dict[str, str]
) -> str:
    invalid = [address for address in to if not is_email(address)]
    if invalid:
        raise ValidationError.single("to", f"invalid addresses: {', '.join(invalid)}")
    subject, body = render(template, values)
    message = EmailMessage(tuple(to), subject, body)
    return await retry(lambda: sender.send(message))
