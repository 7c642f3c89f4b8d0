"""mypy entry point: reads the config and dispatches hooks to the rule modules."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from mypy.nodes import TypeInfo
from mypy.options import Options
from mypy.plugin import (
    ClassDefContext,
    FunctionContext,
    MethodContext,
    Plugin,
    ReportConfigContext,
)
from mypy.types import Type

from mypy_async_alchemy import __version__, hooks, messages
from mypy_async_alchemy.checks import declarative
from mypy_async_alchemy.config import Config, ConfigError
from mypy_async_alchemy.families import family_of


class AsyncAlchemyPlugin(Plugin):
    """Hooks SQLAlchemy's sync, legacy and async APIs; holds nothing but the parsed config."""

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        try:
            self.config = Config.load(options.config_file)
        except ConfigError as exc:
            print(messages.CONFIG_ERROR_PREFIX + str(exc), file=sys.stderr)
            raise SystemExit(2) from None

    def report_config_data(self, ctx: ReportConfigContext) -> Any:
        return {"version": __version__, "config": self.config.to_json()}

    def get_function_hook(self, fullname: str) -> Callable[[FunctionContext], Type] | None:
        hook = hooks.FUNCTION_HOOKS.get(fullname)
        if hook is not None:
            return hook
        info = self._class_info(fullname)
        if info is None:
            return None
        family = family_of(info)
        return hooks.CONSTRUCTOR_HOOKS.get(family) if family is not None else None

    def get_method_hook(self, fullname: str) -> Callable[[MethodContext], Type] | None:
        class_name, _, method = fullname.rpartition(".")
        if method not in hooks.METHOD_NAMES:
            return None
        info = self._class_info(class_name)
        family = family_of(info) if info is not None else None
        if family is None:
            return None
        return hooks.METHOD_HOOKS.get(family, {}).get(method)

    def get_base_class_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        return declarative.base_class_hook(fullname, self.lookup_fully_qualified)

    def get_class_decorator_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        return declarative.DECORATOR_HOOKS.get(fullname)

    def get_metaclass_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        return declarative.METACLASS_HOOKS.get(fullname)

    def _class_info(self, fullname: str) -> TypeInfo | None:
        sym = self.lookup_fully_qualified(fullname)
        node = sym.node if sym is not None else None
        return node if isinstance(node, TypeInfo) else None
