"""mypy entry point: reads the config and dispatches hooks to the rule modules."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import Any, Final

from mypy.nodes import MypyFile, SymbolNode, TypeInfo
from mypy.options import Options
from mypy.plugin import (
    AnalyzeTypeContext,
    AttributeContext,
    ClassDefContext,
    FunctionContext,
    FunctionSigContext,
    MethodContext,
    MethodSigContext,
    Plugin,
    ReportConfigContext,
)
from mypy.types import AnyType, FunctionLike, Type, TypeOfAny
from mypy.version import __version__ as mypy_version

from mypy_async_alchemy import __version__, hooks, messages
from mypy_async_alchemy import fullnames as names
from mypy_async_alchemy.callbacks import (
    FunctionHook,
    FunctionSignatureHook,
    MethodHook,
    MethodSignatureHook,
)
from mypy_async_alchemy.checks import declarative, session_factories
from mypy_async_alchemy.config import Config, ConfigError
from mypy_async_alchemy.families import family_by_name, family_of
from mypy_async_alchemy.guard import guarded
from mypy_async_alchemy.loading import (
    access,
    annotation,
    boundaries,
    deferred,
    models,
    reads,
    returns,
    routes,
    schemas,
    serialization,
    summaries,
)
from mypy_async_alchemy.loading import hooks as loading
from mypy_async_alchemy.memo import memoised


def _no_change(ctx: Any) -> None:
    return None


def _default_attr(ctx: AttributeContext) -> Type:
    return ctx.default_attr_type


def _default_return(ctx: FunctionContext | MethodContext) -> Type:
    return ctx.default_return_type


def _default_signature(ctx: FunctionSigContext | MethodSigContext) -> FunctionLike:
    return ctx.default_signature


# Most hook look-ups come from mypy checking libraries. Names from these modules are never
# user models, user functions or user subclasses: they are answered from exact-name tables
# (SQLAlchemy's own classes by family_by_name) without a symbol look-up or an MRO walk.
_SQLALCHEMY = names.SQLALCHEMY + "."
_LIBRARY_PREFIXES = (
    _SQLALCHEMY,
    "builtins.",
    "typing.",
    "typing_extensions.",
    "_typeshed.",
    "collections.",
    "abc.",
    "types.",
    "enum.",
    "asyncio.",
    "contextlib.",
    "functools.",
    "dataclasses.",
    "mypy_async_alchemy.",
)


def _is_library(fullname: str) -> bool:
    return fullname.startswith(_LIBRARY_PREFIXES)


# The get_*_hook methods whose answers memo.py keeps, and for which names. Checker-time
# look-ups of library names are final. The class hooks run during semantic analysis, where
# SQLAlchemy's own classes may still be incomplete: theirs keep only answers that need no
# symbol look-up (SQLAlchemy's base classes are answered by name: declarative.py).
_MEMOISED: Final[Mapping[str, Callable[[str], bool] | None]] = {
    "get_attribute_hook": _is_library,
    "get_method_hook": _is_library,
    "get_method_signature_hook": _is_library,
    "get_function_hook": _is_library,
    "get_function_signature_hook": _is_library,
    "get_base_class_hook": _is_library,
    "get_customize_class_mro_hook": _is_library,
    "get_class_decorator_hook": None,  # every name
}

# The hooks mypy asks for only while it type-checks, when every class and signature it can
# name is complete. Their answers read declarations (a class's bases and recorded
# relationships, a function's signature), never function bodies, so within one build they
# are final for user names too. dmypy keeps the plugin across builds whose symbol tables
# change: there only library names are kept.
_CHECKER_TIME: Final = frozenset(
    {
        "get_attribute_hook",
        "get_method_hook",
        "get_method_signature_hook",
        "get_function_hook",
        "get_function_signature_hook",
    }
)


# Pydantic's validation from attributes (serialization.py); Schema.model_validate of a user
# schema is named by its class (_user_method_hook).
_VALIDATORS: Final = frozenset({names.BASE_MODEL_VALIDATE, names.TYPE_ADAPTER_VALIDATE})


def _any_type(ctx: AnalyzeTypeContext) -> Type:
    return AnyType(TypeOfAny.from_error)


_LOADED_HOOK = guarded(annotation.loaded_annotation, _any_type)
_REGISTER_MODEL = guarded(models.register_model, _no_change)
_RECORD_SCHEMA = guarded(schemas.record, _no_change)
_MARK_ROUTES = guarded(routes.mark, lambda file: False)


def _source_digest() -> str:
    """A hash of the plugin's own code: any edit invalidates the cache, not only a release."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.rglob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


_SOURCE_DIGEST = _source_digest()
_FREES_BODIES_BEFORE_CACHE: Final = int(mypy_version.split(".", 1)[0]) < 2


class AsyncAlchemyPlugin(Plugin):
    """Hooks SQLAlchemy's sync, legacy and async APIs; holds nothing but the parsed config."""

    def __init__(self, options: Options) -> None:
        super().__init__(options)
        try:
            self.config = Config.load(options.config_file)
        except ConfigError as exc:
            print(messages.CONFIG_ERROR_PREFIX + str(exc), file=sys.stderr)
            raise SystemExit(2) from None
        # Derived from the immutable config once; not state.
        self._config_data = {
            "version": __version__,
            "source": _SOURCE_DIGEST,
            "config": self.config.to_json(),
        }
        self._summarise_module = guarded(
            partial(summaries.summarise_module, lookup=self._class_info), _no_change
        )
        self._relationship_hook = guarded(
            partial(access.relationship_read, config=self.config), _default_attr
        )
        self._column_hook = guarded(
            partial(deferred.column_read, config=self.config), _default_attr
        )
        self._awaitable_hook = guarded(
            partial(access.awaitable_attribute, strict=self.config.strict), _default_attr
        )
        self._returned_hook = guarded(
            partial(routes.returned, config=self.config), returns.passthrough
        )
        self._boundary_hook = guarded(
            partial(boundaries.check_call, config=self.config), _default_signature
        )
        # Calls of a user function or method with a model parameter it may read from.
        self._reads_hook = guarded(
            partial(reads.check_call, config=self.config), _default_signature
        )
        # Calls of a user function or method whose declared return holds ORM objects.
        self._summary_hook: Callable[[FunctionContext | MethodContext], Type] = guarded(
            partial(summaries.callee_returned, strict=self.config.strict), _default_return
        )
        self._validated_hook = guarded(
            partial(serialization.validated, config=self.config), _default_return
        )
        # Repeated library names are answered from a memo, without a Python frame.
        one_build = not options.fine_grained_incremental
        for kind, pure in _MEMOISED.items():
            every_name = one_build and kind in _CHECKER_TIME
            setattr(self, kind, memoised(getattr(self, kind), None if every_name else pure))

    def set_modules(self, modules: dict[str, MypyFile]) -> None:
        super().set_modules(modules)
        if _FREES_BODIES_BEFORE_CACHE and not self.options.fine_grained_incremental:
            # mypy 1.x frees a module's function bodies once it is checked, before it writes
            # the module's cache, where the summaries are read (summaries.py): keep them.
            # mypy hands over the modules once every stale module is parsed and before any
            # is analysed: libraries' bodies were already stripped as without the plugin
            # (set in __init__, preserve_asts would keep every library body for checking).
            self.options.preserve_asts = True

    def report_config_data(self, ctx: ReportConfigContext) -> Any:
        # Called while mypy writes a module's cache, before it hashes the module's interface:
        # return summaries go into the signatures it is about to write (summaries.py).
        tree = self._modules.get(ctx.id) if self._modules and not ctx.is_check else None
        if tree is not None and not _is_library(ctx.id + "."):
            self._summarise_module(tree)
        return dict(self._config_data)

    def get_additional_deps(self, file: MypyFile) -> list[tuple[int, str, int]]:
        # Called once mypy parsed ``file``: route handlers' returns get their marker here.
        if _MARK_ROUTES(file) or loading.needs_markers(file):
            return [(10, names.PLUGIN_MODULE, -1)]
        return []

    # mypy asks this for every type it analyses (~90,000 times on a mid-size project): a
    # builtin dict.get answers without entering a Python frame.
    get_type_analyze_hook: Callable[[str], Callable[[AnalyzeTypeContext], Type] | None] = {
        names.LOADED: _LOADED_HOOK
    }.get  # type: ignore[assignment]

    # Reporting rules: call signatures (before mypy tries overloads).
    def get_function_signature_hook(self, fullname: str) -> FunctionSignatureHook | None:
        hook = hooks.FUNCTION_SIGNATURE_HOOKS.get(fullname)
        if hook is not None:
            return hook
        if fullname.startswith(_LIBRARY_PREFIXES):
            family = family_by_name(fullname)
            return hooks.CONSTRUCTOR_SIGNATURE_HOOKS.get(family) if family is not None else None
        symbol = self.lookup_fully_qualified(fullname)
        node = symbol.node if symbol is not None else None
        if isinstance(node, TypeInfo):
            family = family_of(node)
            return hooks.CONSTRUCTOR_SIGNATURE_HOOKS.get(family) if family is not None else None
        return self._user_function_hook(node)

    def get_method_signature_hook(self, fullname: str) -> MethodSignatureHook | None:
        class_name, _, method = fullname.rpartition(".")
        if class_name.startswith(_LIBRARY_PREFIXES):
            family = family_by_name(class_name)
            if family is None:
                return None
            return hooks.METHOD_SIGNATURE_HOOKS.get(family, {}).get(method)
        info = self._class_info(class_name)
        if info is None:
            return None
        family = family_of(info)
        if family is not None and method in hooks.SIGNATURE_METHOD_NAMES:
            return hooks.METHOD_SIGNATURE_HOOKS.get(family, {}).get(method)
        symbol = info.get(method)
        return self._user_function_hook(symbol.node if symbol is not None else None)

    def _user_function_hook(
        self, node: SymbolNode | None
    ) -> Callable[[FunctionSigContext | MethodSigContext], FunctionLike] | None:
        """A user function's or method's calls: load-state arguments, session factories."""
        parameters = boundaries.model_parameters(node)
        if parameters is boundaries.Parameters.LOADED:
            return self._boundary_hook
        if session_factories.declares_new_session(node) is not None:
            return hooks.SESSION_FACTORY_SIGNATURE_HOOK
        if parameters is boundaries.Parameters.MODELS and reads.may_read(node):
            return self._reads_hook
        return None

    # Load tracking: return types.
    def get_function_hook(self, fullname: str) -> FunctionHook | None:
        if fullname == names.RETURNED:
            return self._returned_hook
        hook = hooks.FUNCTION_HOOKS.get(fullname)
        if hook is not None or fullname.startswith(_LIBRARY_PREFIXES):
            return hook
        symbol = self.lookup_fully_qualified(fullname)
        node = symbol.node if symbol is not None else None
        if not isinstance(node, TypeInfo):
            return self._summary_hook if summaries.may_summarise(node) else None
        if family_of(node) is not None:
            return None
        return hooks.TRANSIENT_HOOK if models.is_tracked(node) else None

    def get_method_hook(self, fullname: str) -> MethodHook | None:
        if fullname == names.ROW_GETITEM:
            return hooks.ROW_ITEM_HOOK
        if fullname in _VALIDATORS:
            return self._validated_hook
        hook = hooks.LIBRARY_METHOD_HOOKS.get(fullname)
        if hook is not None:
            return hook
        class_name, _, method = fullname.rpartition(".")
        if class_name.startswith(_LIBRARY_PREFIXES) and not class_name.startswith(_SQLALCHEMY):
            return None
        if method not in hooks.METHOD_NAMES:
            return self._user_method_hook(class_name, method)
        info = self._class_info(class_name)
        if info is None:
            return None
        if method == names.OPTIONS_METHOD and (
            info.has_base(names.EXECUTABLE) or info.has_base(names.ABSTRACT_LOAD)
        ):
            return hooks.OPTIONS_HOOK
        if method in names.LOADER_NAMES and info.has_base(names.ABSTRACT_LOAD):
            return hooks.LOADER_METHOD_HOOK
        family = family_of(info)
        if family is None:
            return self._user_method_hook(class_name, method)
        return hooks.METHOD_HOOKS.get(family, {}).get(method)

    def _user_method_hook(self, class_name: str, method: str) -> MethodHook | None:
        """A user method whose declared return holds ORM objects (summaries.py), and
        ``Schema.model_validate`` of a Pydantic model of the project (serialization.py)."""
        if class_name.startswith(_SQLALCHEMY):
            return None
        info = self._class_info(class_name)
        if method == names.MODEL_VALIDATE and info is not None and schemas.is_schema(info):
            return self._validated_hook
        symbol = info.get(method) if info is not None else None
        node = symbol.node if symbol is not None else None
        return self._summary_hook if summaries.may_summarise(node) else None

    def get_attribute_hook(self, fullname: str) -> Callable[[AttributeContext], Type] | None:
        owner, _, attribute = fullname.rpartition(".")
        if owner == names.ASYNC_ATTRS_GETITEM:
            return self._awaitable_hook
        if owner.startswith(_LIBRARY_PREFIXES):
            return None
        info = self._class_info(owner)
        if info is None:
            return None
        if attribute in models.relationships(info):
            return self._relationship_hook
        if attribute in models.columns(info):
            return self._column_hook
        return None

    # Declarative classes: checked, then registered for load-state tracking.
    def get_base_class_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        if fullname.startswith(_LIBRARY_PREFIXES) and not fullname.startswith(_SQLALCHEMY):
            return None
        if fullname == names.PYDANTIC_BASE_MODEL:
            return _RECORD_SCHEMA
        hook = declarative.base_class_hook(fullname, self.lookup_fully_qualified, _REGISTER_MODEL)
        if hook is not None or fullname.startswith(_SQLALCHEMY):
            return hook
        info = self._class_info(fullname)
        return _RECORD_SCHEMA if info is not None and schemas.is_schema(info) else None

    def get_class_decorator_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        return declarative.decorator_hook(fullname, _REGISTER_MODEL)

    def get_metaclass_hook(self, fullname: str) -> Callable[[ClassDefContext], None] | None:
        return declarative.metaclass_hook(fullname, self.lookup_fully_qualified, _REGISTER_MODEL)

    def get_customize_class_mro_hook(
        self, fullname: str
    ) -> Callable[[ClassDefContext], None] | None:
        if fullname.startswith(_LIBRARY_PREFIXES):
            return None  # fullname is the class being defined: never a user model there
        return declarative.registry_decorator_hook(
            fullname, self.lookup_fully_qualified, _REGISTER_MODEL
        )

    def _class_info(self, fullname: str) -> TypeInfo | None:
        sym = self.lookup_fully_qualified(fullname)
        node = sym.node if sym is not None else None
        return node if isinstance(node, TypeInfo) else None
