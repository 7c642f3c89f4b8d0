"""Calls on a union receiver: which member a rule reports for.

mypy runs a method's hooks once per member of a union receiver (``session: Session |
scoped_session[Session]``), so a rule would report one call several times. Rules report it
once, for the first SQLAlchemy member. A receiver that mixes sync and async APIs
(``conn: Session | AsyncSession``, ``maker: sessionmaker | async_sessionmaker``) belongs to
code written for both, which picks the branch at run time: the sync and scope rules do not
report it.
"""

from __future__ import annotations

from typing import Final

from mypy.nodes import CallExpr, MemberExpr, TypeInfo
from mypy.plugin import MethodSigContext
from mypy.types import UnionType, flatten_nested_unions, get_proper_type

from mypy_async_alchemy import scope
from mypy_async_alchemy.families import Family, family_of, receiver_info

_ASYNC: Final = frozenset({Family.ASYNC_SESSION, Family.ASYNC_SESSIONMAKER, Family.ASYNC_IO})


def reports_member(ctx: MethodSigContext) -> bool:
    """Whether a rule reports this call for the member ``ctx.type`` of its receiver."""
    members = _union_members(ctx)
    if members is None:
        return True
    families = [(member, family_of(member)) for member in members]
    known = [(member, family) for member, family in families if family is not None]
    if not known:
        return True
    if any(family in _ASYNC for _m, family in known) and any(
        family not in _ASYNC for _m, family in known
    ):
        return False
    return receiver_info(ctx.type) is known[0][0]


def _union_members(ctx: MethodSigContext) -> list[TypeInfo] | None:
    """The classes of a union receiver (``x`` in ``x.m()``), as mypy already inferred it."""
    call = ctx.context
    if not (isinstance(call, CallExpr) and isinstance(call.callee, MemberExpr)):
        return None
    receiver = scope.inferred_type(ctx.api, call.callee.expr)
    proper = get_proper_type(receiver) if receiver is not None else None
    if not isinstance(proper, UnionType):
        return None
    # Aliases of unions inside the union (``SyncConn | AsyncConn``) are unions themselves.
    infos = (receiver_info(item) for item in flatten_nested_unions(proper.items))
    return [info for info in infos if info is not None]
