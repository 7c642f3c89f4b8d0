"""Models shared by the load-state cases (on MYPYPATH through ``conftest.py``).

Relationships and their ``lazy=`` strategies::

    Customer.orders    list[Order]       "select" (default)
    Order.customer     Customer          "select"
    Order.lines        list[Line]        "select"
    Order.shipment     Shipment | None   "joined": loaded with every Order
    Line.order         Order             "select"
    Line.product       Product           "select"
    Shipment.carrier   Carrier           "select"

``Base`` mixes in ``AsyncAttrs``, so every model has ``awaitable_attrs``.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey
from sqlalchemy.ext.asyncio import AsyncAttrs
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(AsyncAttrs, DeclarativeBase): ...


class Customer(Base):
    __tablename__ = "customers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    orders: Mapped[list[Order]] = relationship(back_populates="customer")


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers.id"))
    customer: Mapped[Customer] = relationship(back_populates="orders")
    lines: Mapped[list[Line]] = relationship(back_populates="order")
    shipment: Mapped[Shipment | None] = relationship(lazy="joined")


class Line(Base):
    __tablename__ = "lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    order: Mapped[Order] = relationship(back_populates="lines")
    product: Mapped[Product] = relationship()


class Product(Base):
    __tablename__ = "products"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]


class Shipment(Base):
    __tablename__ = "shipments"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    carrier_id: Mapped[int] = mapped_column(ForeignKey("carriers.id"))
    carrier: Mapped[Carrier] = relationship()


class Carrier(Base):
    __tablename__ = "carriers"
    id: Mapped[int] = mapped_column(primary_key=True)
