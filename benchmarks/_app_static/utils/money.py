"""Amounts of money: Decimal-based, one currency per amount, rounded half-even."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from enum import Enum

from app.core.exceptions import ValidationError

_CENT = Decimal("0.01")


class Currency(str, Enum):
    EUR = "EUR"
    USD = "USD"
    GBP = "GBP"
    CHF = "CHF"


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: Currency = Currency.EUR

    @classmethod
    def of(cls, amount: str | int, currency: Currency = Currency.EUR) -> "Money":
        return cls(Decimal(amount).quantize(_CENT, ROUND_HALF_EVEN), currency)

    @classmethod
    def from_cents(cls, cents: int, currency: Currency = Currency.EUR) -> "Money":
        return cls(Decimal(cents) / 100, currency)

    def _check(self, other: "Money") -> None:
        if other.currency is not self.currency:
            raise ValidationError.single("currency", f"{other.currency} is not {self.currency}")

    def __add__(self, other: "Money") -> "Money":
        self._check(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: "Money") -> "Money":
        self._check(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: int | Decimal) -> "Money":
        return Money((self.amount * factor).quantize(_CENT, ROUND_HALF_EVEN), self.currency)

    @property
    def cents(self) -> int:
        return int((self.amount * 100).to_integral_value(ROUND_HALF_EVEN))

    def is_zero(self) -> bool:
        return self.amount == 0

    def format(self) -> str:
        return f"{self.amount:,.2f} {self.currency.value}"


def total(amounts: Iterable[Money], currency: Currency = Currency.EUR) -> Money:
    result = Money(Decimal(0), currency)
    for amount in amounts:
        result = result + amount
    return result


def allocate(amount: Money, ratios: Sequence[int]) -> list[Money]:
    """Split ``amount`` by ``ratios``; the cents left by rounding go to the first shares."""
    if not ratios or sum(ratios) <= 0:
        raise ValidationError.single("ratios", "need at least one positive ratio")
    cents, whole = amount.cents, sum(ratios)
    shares = [cents * ratio // whole for ratio in ratios]
    for index in range(cents - sum(shares)):
        shares[index % len(shares)] += 1
    return [Money.from_cents(share, amount.currency) for share in shares]
