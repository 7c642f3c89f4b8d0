"""Handlers that get their objects from the project's own functions, or hand them to one.

Type-checked with the plugin and run against SQLite by ``test_oracle.py``: a handler that
fails at run time because a read did IO must be reported, at the handler's own line
(``alchemy-lazy-load`` for what a helper did not load or a helper reads,
``alchemy-expired`` for what a helper expired), and a reported one must fail. The helpers
themselves are never reported: their parameters' states are unknown. Each ``case_*`` gets a
database holding one order (id 1) with one line and a customer.
"""

from __future__ import annotations

import os

from sqlalchemy import ForeignKey, select
from sqlalchemy.ext.asyncio import (
    AsyncAttrs,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, selectinload
from typing_extensions import Self


class Base(AsyncAttrs, DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    note: Mapped[str]
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    customer: Mapped[Customer] = relationship()
    lines: Mapped[list[Line]] = relationship()

    @classmethod
    async def get(cls, session: AsyncSession, id: int, load_lines: bool = False) -> Self:
        stmt = select(cls).where(cls.id == id)
        if load_lines:
            stmt = stmt.options(selectinload(cls.lines))
        return (await session.scalars(stmt)).one()


class Line(Base):
    __tablename__ = "lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))


engine = create_async_engine(os.environ.get("ORACLE_DATABASE_URL", "sqlite+aiosqlite://"))
maker = async_sessionmaker(engine)
keeper = async_sessionmaker(engine, expire_on_commit=False)


def seed() -> Order:
    """The one order every case starts from."""
    return Order(id=1, note="n", customer=Customer(id=1, name="c"), lines=[Line(id=1)])


# --- the project's helpers -----------------------------------------------------------------


async def one_order(session: AsyncSession, id: int, with_lines: bool = False) -> Order:
    stmt = select(Order).where(Order.id == id)
    if with_lines:
        stmt = stmt.options(selectinload(Order.lines))
    return (await session.execute(stmt)).scalar_one()


async def eager_by_default(session: AsyncSession, eager: bool = True) -> Order:
    stmt = select(Order)
    if eager:
        stmt = stmt.options(selectinload(Order.lines))
    return (await session.scalars(stmt)).one()


async def two_flags(session: AsyncSession, lines: bool = False, customer: bool = False) -> Order:
    stmt = select(Order)
    if lines:
        stmt = stmt.options(selectinload(Order.lines))
    if customer:
        stmt = stmt.options(selectinload(Order.customer))
    return (await session.scalars(stmt)).one()


async def nested_flag(session: AsyncSession, check: bool, lines: bool = False) -> Order:
    stmt = select(Order)
    if check and lines:
        stmt = stmt.options(selectinload(Order.lines))
    return (await session.scalars(stmt)).one()


async def plain_orders(session: AsyncSession) -> list[Order]:
    return list((await session.scalars(select(Order))).all())


async def with_lines(session: AsyncSession) -> Order:
    return (await session.scalars(select(Order).options(selectinload(Order.lines)))).one()


async def via_helper(session: AsyncSession) -> list[Order]:
    return await plain_orders(session)


def describe(order: Order) -> str:
    return f"{order.note}: {len(order.lines)} lines"


async def save(session: AsyncSession) -> None:
    await session.commit()


async def expire_everything(session: AsyncSession) -> None:
    session.expire_all()


def forget(session: AsyncSession, order: Order) -> None:
    session.expire(order)


def forget_other(session: AsyncSession, order: Order, other: Customer) -> None:
    session.expire(other)


def reset(session: AsyncSession) -> None:
    session.expire_all()


async def reset_through_plain(session: AsyncSession) -> None:
    reset(session)


class Repository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def reset(self) -> None:
        self.session.expire_all()


class OrderRepository(Repository):
    def reset(self) -> None:
        super().reset()


async def load_lines(session: AsyncSession, order: Order) -> None:
    await session.refresh(order, ["lines"])


async def count_orders(session: AsyncSession) -> int:
    return len((await session.scalars(select(Order.id))).all())


# --- reported: each fails -------------------------------------------------------------------


async def case_flag_omitted() -> int:
    async with keeper() as session:
        order = await one_order(session, 1)
        return len(order.lines)


async def case_flag_false() -> int:
    async with keeper() as session:
        order = await one_order(session, 1, with_lines=False)
        return len(order.lines)


async def case_flag_on_by_default_turned_off() -> int:
    async with keeper() as session:
        order = await eager_by_default(session, eager=False)
        return len(order.lines)


async def case_other_flag() -> int:
    async with keeper() as session:
        order = await two_flags(session, customer=True)
        return len(order.lines)


async def case_flag_under_another_condition() -> int:
    async with keeper() as session:
        order = await nested_flag(session, False, lines=True)
        return len(order.lines)


async def case_plain_helper() -> int:
    async with keeper() as session:
        return sum(len(order.lines) for order in await plain_orders(session))


async def case_helper_of_a_helper() -> int:
    async with keeper() as session:
        orders = await via_helper(session)
        return len(orders[0].lines)


async def case_helper_reads_what_is_not_loaded() -> str:
    async with keeper() as session:
        order = await one_order(session, 1)
        return describe(order)


async def case_classmethod_flag_omitted() -> int:
    async with keeper() as session:
        order = await Order.get(session, 1)
        return len(order.lines)


async def case_helper_commits() -> str:
    async with maker() as session:
        order = await session.get_one(Order, 1)
        await save(session)
        return order.note


async def case_helper_expires_all() -> str:
    async with keeper() as session:
        order = await session.get_one(Order, 1)
        await expire_everything(session)
        return order.note


async def case_plain_helper_expires_all() -> str:
    async with keeper() as session:
        order = await session.get_one(Order, 1)
        reset(session)
        return order.note


async def case_plain_helper_expires_the_argument() -> str:
    async with keeper() as session:
        order = await session.get_one(Order, 1)
        forget(session, order)
        return order.note


async def case_helper_calls_a_plain_helper() -> str:
    async with keeper() as session:
        order = await session.get_one(Order, 1)
        await reset_through_plain(session)
        return order.note


async def case_subclass_repository_expires_through_super() -> str:
    async with keeper() as session:
        order = await session.get_one(Order, 1)
        OrderRepository(session).reset()
        return order.note


async def case_helper_reads_an_expired_argument() -> str:
    async with maker() as session:
        order = await session.get_one(Order, 1, options=[selectinload(Order.lines)])
        await session.commit()
        return describe(order)


# --- silent: each runs ----------------------------------------------------------------------


async def case_flag_passed() -> int:
    async with keeper() as session:
        order = await one_order(session, 1, with_lines=True)
        return len(order.lines)


async def case_flag_by_position() -> int:
    async with keeper() as session:
        order = await one_order(session, 1, True)
        return len(order.lines)


async def case_flag_on_by_default() -> int:
    async with keeper() as session:
        order = await eager_by_default(session)
        return len(order.lines)


async def case_both_flags() -> int:
    async with keeper() as session:
        order = await two_flags(session, lines=True, customer=True)
        return len(order.lines) + len(order.customer.name)


async def case_flag_not_a_literal() -> int:
    wanted = len("x") == 1  # True, but not as written: default mode assumes it may be
    async with keeper() as session:
        order = await one_order(session, 1, with_lines=wanted)
        return len(order.lines)


async def case_helper_reads_what_is_loaded() -> str:
    async with keeper() as session:
        return describe(await with_lines(session))


async def case_classmethod_flag_passed() -> int:
    async with keeper() as session:
        order = await Order.get(session, 1, load_lines=True)
        return len(order.lines)


async def case_helper_loads() -> int:
    async with keeper() as session:
        order = await one_order(session, 1)
        await load_lines(session, order)
        return len(order.lines)


async def case_helper_without_effects() -> str:
    async with maker() as session:
        order = await session.get_one(Order, 1)
        await count_orders(session)
        return order.note


async def case_plain_helper_expires_another_object() -> str:
    async with keeper() as session:
        order = await session.get_one(Order, 1)
        forget_other(session, order, await session.get_one(Customer, 1))
        return order.note


async def case_helper_reads_a_refreshed_argument() -> str:
    async with maker() as session:
        order = await session.get_one(Order, 1, options=[selectinload(Order.lines)])
        await session.commit()
        await session.refresh(order)
        await session.refresh(order, ["lines"])
        return describe(order)


async def case_columns_of_a_plain_helper() -> str:
    async with keeper() as session:
        orders = await plain_orders(session)
        return orders[0].note
