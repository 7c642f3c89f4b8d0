"""Shapes of the callbacks the plugin hands to mypy.

Rules that only *report* hook call signatures (applied once per call, before mypy tries
overloads); reporting from a return-type hook would run inside mypy's speculative overload
checks, where a reported error rejects the overload being tried. Hooks that *change types*
(load tracking) are return-type hooks.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from mypy.plugin import FunctionContext, FunctionSigContext, MethodContext, MethodSigContext
from mypy.types import FunctionLike, Type

from mypy_async_alchemy.families import Family

FunctionHook = Callable[[FunctionContext], Type]
MethodHook = Callable[[MethodContext], Type]
FunctionSignatureHook = Callable[[FunctionSigContext], FunctionLike]
MethodSignatureHook = Callable[[MethodSigContext], FunctionLike]

MethodHookTable = Mapping[Family, Mapping[str, MethodHook]]
MethodSignatureHookTable = Mapping[Family, Mapping[str, MethodSignatureHook]]
