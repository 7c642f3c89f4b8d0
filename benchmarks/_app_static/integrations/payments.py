"""The payment provider: an interface, a fake implementation, idempotent charges."""

from dataclasses import dataclass
from enum import Enum
from typing import Protocol

from app.core.exceptions import ExternalServiceError, ValidationError
from app.utils.aio import retry, with_timeout
from app.utils.ids import short_code
from app.utils.money import Money


class ChargeState(str, Enum):
    SUCCEEDED = "succeeded"
    DECLINED = "declined"
    PENDING = "pending"


@dataclass(frozen=True)
class Charge:
    reference: str
    amount: Money
    state: ChargeState


class PaymentGateway(Protocol):
    async def charge(self, amount: Money, token: str, idempotency_key: str) -> Charge: ...

    async def refund(self, reference: str, amount: Money) -> Charge: ...


class FakeGateway:
    def __init__(self, decline_tokens: frozenset[str] = frozenset()) -> None:
        self._decline = decline_tokens
        self._charges: dict[str, Charge] = {}

    async def charge(self, amount: Money, token: str, idempotency_key: str) -> Charge:
        if idempotency_key in self._charges:
            return self._charges[idempotency_key]
        state = ChargeState.DECLINED if token in self._decline else ChargeState.SUCCEEDED
        charge = Charge(f"ch_{short_code(12)}", amount, state)
        self._charges[idempotency_key] = charge
        return charge

    async def refund(self, reference: str, amount: Money) -> Charge:
        return Charge(f"re_{reference}", amount, ChargeState.SUCCEEDED)


async def charge_once(
    gateway: PaymentGateway, amount: Money, token: str, key: str, timeout: float = 10.0
) -> Charge:
    """Charge with retries on provider errors; the idempotency key makes retries safe."""
    if amount.amount <= 0:
        raise ValidationError.single("amount", "must be positive")
    charge = await retry(
        lambda: with_timeout(gateway.charge(amount, token, key), timeout, what="payments")
    )
    if charge.state is ChargeState.DECLINED:
        raise ExternalServiceError("payments", "card declined", retryable=False)
    return charge
