"""The .agraph schema, declared as data, and the one walker that checks a parsed file.

Each JSON object of the format is an :class:`Object` with a table of :class:`Field` specs
(type, required) and, for nodes, per-kind rules (:class:`Variant`: which fields a kind
requires or forbids).  :func:`check` walks a parsed value against a spec and either returns
it normalised (every object as a :class:`Record` of known fields plus the unknown ones, kept
aside) or raises :class:`SchemaError` naming the JSON path, e.g. ``$.nodes[3].value``.

Only shape and types live here; what needs the whole document (dangling edges, duplicate
ids, cycles, ports) is checked by building a :class:`~autograd_studio.graph.GraphDocument`.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from autograd_studio.engine.ops import OPS
from autograd_studio.graph.document import ID_PATTERN, KINDS

__all__ = [
    "DOCUMENT",
    "EDGE",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "NODE",
    "ArrayOf",
    "DuplicateKeys",
    "Field",
    "Integer",
    "JsonValue",
    "NonFiniteLiteral",
    "Number",
    "Object",
    "Record",
    "SchemaError",
    "String",
    "Variant",
    "check",
    "describe",
]

FORMAT_NAME = "autograd-studio-graph"
FORMAT_VERSION = 1


class SchemaError(ValueError):
    """A value that does not fit the schema: ``where`` is its JSON path."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


class NonFiniteLiteral:
    """What the parser puts where the text had ``NaN``, ``Infinity`` or an overflowing number
    such as ``1e999``, so that the walker can reject it with its path."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


class DuplicateKeys(dict):
    """A JSON object in which some key appeared twice (JSON keeps the last silently)."""

    duplicates: tuple[str, ...] = ()


def describe(value: Any) -> str:
    """A short rendering of a parsed value for an error message."""
    if isinstance(value, NonFiniteLiteral):
        return value.text
    kind = {dict: "an object", DuplicateKeys: "an object", list: "an array", tuple: "an array"}
    if type(value) in kind:
        return kind[type(value)]
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    try:
        text = json.dumps(value, ensure_ascii=False)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


# --- types ------------------------------------------------------------------------------------


class Type:
    """A JSON type; :meth:`check` returns the value (normalised) or raises SchemaError."""

    expected = "a value"

    def check(self, value: Any, where: str) -> Any:
        raise NotImplementedError

    def fail(self, value: Any, where: str) -> SchemaError:
        return SchemaError(where, f"expected {self.expected}, got {describe(value)}")


@dataclass(frozen=True)
class String(Type):
    one_line: bool = False
    pattern: re.Pattern[str] | None = None
    choices: tuple[str, ...] | None = None
    const: str | None = None
    what: str = "a string"

    @property
    def expected(self) -> str:  # type: ignore[override]
        return self.what

    def check(self, value: Any, where: str) -> str:
        if not isinstance(value, str):
            raise self.fail(value, where)
        _check_text(value, where)
        if self.const is not None and value != self.const:
            raise SchemaError(where, f"expected {json.dumps(self.const)}, got {describe(value)}")
        if self.choices is not None and value not in self.choices:
            raise SchemaError(
                where,
                f"{describe(value)} is not {self.what}; expected one of " + ", ".join(self.choices),
            )
        if self.pattern is not None and not self.pattern.fullmatch(value):
            raise SchemaError(where, f"{describe(value)} is not {self.what}")
        if self.one_line and ("\n" in value or "\r" in value):
            raise SchemaError(where, "expected a single line of text")
        return value


@dataclass(frozen=True)
class Integer(Type):
    minimum: int | None = None
    expected = "an integer"

    def check(self, value: Any, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(value, where)
        if self.minimum is not None and value < self.minimum:
            raise SchemaError(where, f"expected an integer >= {self.minimum}, got {value}")
        return value


@dataclass(frozen=True)
class Number(Type):
    """A finite number (integers are read as floats)."""

    expected = "a number"

    def check(self, value: Any, where: str) -> float:
        if isinstance(value, NonFiniteLiteral):
            raise SchemaError(where, f"{value.text} is not allowed: numbers must be finite")
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(value, where)
        try:
            number = float(value)
        except OverflowError:
            raise SchemaError(where, f"{describe(value)} is too large for a float") from None
        if not math.isfinite(number):
            raise SchemaError(where, f"{describe(value)} is not allowed: numbers must be finite")
        return number


@dataclass(frozen=True)
class Nullable(Type):
    inner: Type

    def check(self, value: Any, where: str) -> Any:
        return None if value is None else self.inner.check(value, where)


@dataclass(frozen=True)
class ArrayOf(Type):
    item: Type
    length: int | None = None

    @property
    def expected(self) -> str:  # type: ignore[override]
        if self.length is not None:
            return f"an array of {self.length} items"
        return "an array"

    def check(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, (list, tuple)):
            raise self.fail(value, where)
        if self.length is not None and len(value) != self.length:
            raise SchemaError(where, f"expected {self.length} items, got {len(value)}")
        item = self.item
        return [item.check(v, f"{where}[{i}]") for i, v in enumerate(value)]


class JsonValue(Type):
    """Any JSON value (unknown fields): kept as it is, but still finite and well-formed."""

    def check(self, value: Any, where: str) -> Any:
        if isinstance(value, NonFiniteLiteral):
            raise SchemaError(where, f"{value.text} is not allowed: numbers must be finite")
        if value is None or isinstance(value, (bool, int)):
            return value
        if isinstance(value, float):
            if not math.isfinite(value):
                raise SchemaError(where, f"{value!r} is not allowed: numbers must be finite")
            return value
        if isinstance(value, str):
            _check_text(value, where)
            return value
        if isinstance(value, (list, tuple)):
            return [self.check(v, f"{where}[{i}]") for i, v in enumerate(value)]
        if isinstance(value, dict):
            _check_keys(value, where)
            return {k: self.check(v, _member(where, k)) for k, v in value.items()}
        raise SchemaError(where, f"not a JSON value: {type(value).__name__}")


@dataclass(frozen=True)
class Field:
    name: str
    type: Type
    required: bool = False


@dataclass(frozen=True)
class Variant:
    """Extra rules for one value of an object's discriminator field (a node's ``kind``)."""

    required: tuple[str, ...] = ()
    forbidden: Mapping[str, str] = field(default_factory=dict)  # field -> why


@dataclass
class Record:
    """A checked object: known fields (normalised) and unknown ones (kept as they were)."""

    known: dict[str, Any]
    extra: dict[str, Any]


@dataclass(frozen=True)
class Object(Type):
    what: str
    fields: tuple[Field, ...]
    discriminator: str | None = None
    variants: Mapping[str, Variant] = field(default_factory=dict)

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"{self.what} (a JSON object)"

    def check(self, value: Any, where: str) -> Record:
        if not isinstance(value, dict):
            raise self.fail(value, where)
        _check_keys(value, where)
        known: dict[str, Any] = {}
        for spec in self.fields:
            if spec.name in value:
                known[spec.name] = spec.type.check(value[spec.name], _member(where, spec.name))
            elif spec.required:
                raise SchemaError(where, f"{self.what} lacks the required field {spec.name!r}")
        if self.discriminator is not None:
            variant = self.variants.get(known.get(self.discriminator, ""))
            if variant is not None:
                self._check_variant(variant, known, where)
        names = self._names
        extra = {k: v for k, v in value.items() if k not in names}
        if extra:
            extra = JSON_VALUE.check(extra, where)
        return Record(known, extra)

    def _check_variant(self, variant: Variant, known: dict[str, Any], where: str) -> None:
        tag = known[self.discriminator]  # type: ignore[index]
        for name in variant.required:
            if name not in known:
                raise SchemaError(where, f"{self.what} of kind {tag!r} lacks the field {name!r}")
        for name, why in variant.forbidden.items():
            if name in known:
                raise SchemaError(_member(where, name), f"{self.what} of kind {tag!r} {why}")

    @property
    def _names(self) -> frozenset[str]:
        return frozenset(spec.name for spec in self.fields)


def _member(where: str, key: str) -> str:
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        return f"{where}.{key}"
    return f"{where}[{json.dumps(key, ensure_ascii=False)}]"


def _check_keys(value: dict, where: str) -> None:
    duplicates = getattr(value, "duplicates", ())
    if duplicates:
        raise SchemaError(where, f"the key {duplicates[0]!r} appears more than once")
    for key in value:
        if not isinstance(key, str):
            raise SchemaError(where, f"object keys must be strings, got {describe(key)}")
        _check_text(key, where)


def _check_text(text: str, where: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise SchemaError(
            where, "text contains an unpaired surrogate (not valid Unicode)"
        ) from None


def check(value: Any, spec: Type, where: str = "$") -> Any:
    """Check *value* against *spec*; return it normalised or raise :class:`SchemaError`."""
    return spec.check(value, where)


# --- the format -------------------------------------------------------------------------------

JSON_VALUE = JsonValue()
NODE_ID = String(pattern=ID_PATTERN, what="a node id (a letter or _, then letters, digits, _ . -)")
POSITION = ArrayOf(Number(), length=2)

NODE = Object(
    "a node",
    fields=(
        Field("id", NODE_ID, required=True),
        Field("kind", String(choices=KINDS, what="a node kind"), required=True),
        Field("op", String(choices=tuple(OPS), what="an op name")),
        Field("label", String()),
        Field("value", Number()),
        Field("pos", Nullable(POSITION)),
    ),
    discriminator="kind",
    variants={
        "op": Variant(
            required=("op",),
            forbidden={"value": "has no 'value': it is computed from the inputs"},
        ),
        "input": Variant(required=("value",), forbidden={"op": "has no 'op'"}),
        "weight": Variant(required=("value",), forbidden={"op": "has no 'op'"}),
    },
)

EDGE = Object(
    "an edge",
    fields=(
        Field("from", NODE_ID, required=True),
        Field("to", NODE_ID, required=True),
        Field("port", Integer(minimum=0), required=True),
    ),
)

DOCUMENT = Object(
    "an Autograd Studio graph",
    fields=(
        Field("format", String(const=FORMAT_NAME), required=True),
        Field("version", Integer(minimum=0), required=True),
        Field("description", String(one_line=True)),
        Field("nodes", ArrayOf(NODE), required=True),
        Field("edges", ArrayOf(EDGE)),
        Field("output", Nullable(NODE_ID)),
    ),
)

#: Field names in the order files write them.
NODE_FIELDS = tuple(spec.name for spec in NODE.fields)
DOCUMENT_FIELDS = tuple(spec.name for spec in DOCUMENT.fields)
