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
from autograd_studio.graph.functions import NAME_PATTERN
from autograd_studio.graph.records import ID_PATTERN, KINDS
from autograd_studio.messages import Message

__all__ = [
    "DATASET",
    "DOCUMENT",
    "EDGE",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "FUNCTION",
    "NODE",
    "SECTIONS",
    "TRAINING",
    "ArrayOf",
    "Boolean",
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
#: Version 2 keeps the output explicit once there is one (version 1 files are migrated, see
#: :mod:`~autograd_studio.graph.migrations`) and is where this round's optional top-level
#: sections live.
FORMAT_VERSION = 2


class SchemaError(ValueError):
    """A value that does not fit the schema, at JSON path :attr:`where` (``$.nodes[3].id``).

    The path is built as the error travels up through the walker (each level adds its key
    or index), so checking a valid file never formats a path.
    """

    def __init__(self, message: str, at: tuple[str | int, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self._segments: list[str | int] = list(reversed(at))  # innermost first

    def inside(self, segment: str | int) -> SchemaError:
        """Record that the failing value sits under *segment* of its parent."""
        self._segments.append(segment)
        return self

    @property
    def where(self) -> str:
        return "$" + "".join(_segment(s) for s in reversed(self._segments))

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def _segment(segment: str | int) -> str:
    if isinstance(segment, int):
        return f"[{segment}]"
    if _NAME.fullmatch(segment):
        return f".{segment}"
    return f"[{json.dumps(segment, ensure_ascii=False)}]"


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


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

    def check(self, value: Any) -> Any:
        raise NotImplementedError

    def fail(self, value: Any) -> SchemaError:
        return SchemaError(f"expected {self.expected}, got {describe(value)}")


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

    def check(self, value: Any) -> str:
        if type(value) is not str:
            if not isinstance(value, str):
                raise self.fail(value)
            value = str(value)
        if not value.isascii():
            _check_text(value)
        if self.const is not None and value != self.const:
            raise SchemaError(f"expected {json.dumps(self.const)}, got {describe(value)}")
        if self.choices is not None and value not in self.choices:
            choices = ", ".join(self.choices)
            raise SchemaError(f"{describe(value)} is not {self.what}; expected one of {choices}")
        if self.pattern is not None and not self.pattern.fullmatch(value):
            raise SchemaError(f"{describe(value)} is not {self.what}")
        if self.one_line and ("\n" in value or "\r" in value):
            raise SchemaError("expected a single line of text")
        return value


@dataclass(frozen=True)
class Integer(Type):
    minimum: int | None = None
    expected = "an integer"

    def check(self, value: Any) -> int:
        if type(value) is not int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise self.fail(value)
            value = int(value)
        if self.minimum is not None and value < self.minimum:
            raise SchemaError(f"expected an integer >= {self.minimum}, got {value}")
        return value


@dataclass(frozen=True)
class Number(Type):
    """A finite number (integers are read as floats)."""

    expected = "a number"

    def check(self, value: Any) -> float:
        if type(value) is float:
            if value - value == 0.0:  # finite: inf - inf and nan - nan are nan
                return value
            raise SchemaError(Message("not-finite", repr(value)))
        if isinstance(value, NonFiniteLiteral):
            raise SchemaError(Message("not-finite", value.text))
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.fail(value)
        try:
            number = float(value)
        except OverflowError:
            raise SchemaError(Message("too-large-number", describe(value))) from None
        if not math.isfinite(number):
            raise SchemaError(Message("not-finite", describe(value)))
        return number


class Boolean(Type):
    expected = "true or false"

    def check(self, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(value)
        return value


@dataclass(frozen=True)
class Nullable(Type):
    inner: Type

    def check(self, value: Any) -> Any:
        return None if value is None else self.inner.check(value)


@dataclass(frozen=True)
class ArrayOf(Type):
    item: Type
    length: int | None = None

    @property
    def expected(self) -> str:  # type: ignore[override]
        if self.length is not None:
            return f"an array of {self.length} items"
        return "an array"

    def check(self, value: Any) -> list[Any]:
        if not isinstance(value, (list, tuple)):
            raise self.fail(value)
        if self.length is not None and len(value) != self.length:
            raise SchemaError(f"expected {self.length} items, got {len(value)}")
        checked: list[Any] = []
        append, check = checked.append, self.item.check
        i = 0
        try:
            for i, item in enumerate(value):  # noqa: B007 (i is read by the except)
                append(check(item))
        except SchemaError as exc:
            raise exc.inside(i) from None
        return checked


#: How deep unknown fields may nest (arrays and objects): far more than any real use, far
#: less than Python's recursion limit, so a hostile file gets an error, not a crash.
MAX_NESTING = 64


class _TooDeep(SchemaError):
    """Nesting past :data:`MAX_NESTING`; its path names only the first levels, so that the
    message does not spell out 64 of them."""


class JsonValue(Type):
    """Any JSON value (unknown fields): kept as it is, but still finite and well-formed."""

    def check(self, value: Any, depth: int = 0) -> Any:
        if isinstance(value, NonFiniteLiteral):
            raise SchemaError(Message("not-finite", value.text))
        if value is None or isinstance(value, (bool, int)):
            return value
        if isinstance(value, float):
            if not math.isfinite(value):
                raise SchemaError(Message("not-finite", repr(value)))
            return value
        if isinstance(value, str):
            _check_text(value)
            return value
        if isinstance(value, (list, tuple, dict)) and depth >= MAX_NESTING:
            raise _TooDeep(f"nested more than {MAX_NESTING} levels deep")
        if isinstance(value, (list, tuple)):
            items: list[Any] = []
            for i, item in enumerate(value):
                try:
                    items.append(self.check(item, depth + 1))
                except SchemaError as exc:
                    if isinstance(exc, _TooDeep) and depth > 1:
                        raise
                    raise exc.inside(i) from None
            return items
        if isinstance(value, dict):
            _check_keys(value)
            checked = {}
            for key, item in value.items():
                try:
                    checked[key] = self.check(item, depth + 1)
                except SchemaError as exc:
                    if isinstance(exc, _TooDeep) and depth > 1:
                        raise
                    raise exc.inside(key) from None
            return checked
        raise SchemaError(f"not a JSON value: {type(value).__name__}")


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

    def check(self, value: Any) -> Record:
        if not isinstance(value, dict):
            raise self.fail(value)
        if type(value) is DuplicateKeys:
            raise SchemaError(f"the key {value.duplicates[0]!r} appears more than once")
        known: dict[str, Any] = {}
        for spec in self.fields:
            if spec.name in value:
                try:
                    known[spec.name] = spec.type.check(value[spec.name])
                except SchemaError as exc:
                    raise exc.inside(spec.name) from None
            elif spec.required:
                raise SchemaError(f"{self.what} lacks the required field {spec.name!r}")
        if self.discriminator is not None:
            variant = self.variants.get(known.get(self.discriminator, ""))
            if variant is not None:
                self._check_variant(variant, known)
        extra: dict[str, Any] = {}
        if len(value) > len(known):
            names = self._names
            extra = {k: v for k, v in value.items() if k not in names}
            if extra:
                extra = JSON_VALUE.check(extra)
        return Record(known, extra)

    def _check_variant(self, variant: Variant, known: dict[str, Any]) -> None:
        tag = known[self.discriminator]  # type: ignore[index]
        for name in variant.required:
            if name not in known:
                raise SchemaError(f"{self.what} of kind {tag!r} lacks the field {name!r}")
        for name, why in variant.forbidden.items():
            if name in known:
                raise SchemaError(f"{self.what} of kind {tag!r} {why}", at=(name,))

    @property
    def _names(self) -> frozenset[str]:
        return frozenset(spec.name for spec in self.fields)


def _check_keys(value: dict) -> None:
    if type(value) is DuplicateKeys:
        raise SchemaError(f"the key {value.duplicates[0]!r} appears more than once")
    for key in value:
        if not isinstance(key, str):
            raise SchemaError(f"object keys must be strings, got {describe(key)}")
        _check_text(key)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise SchemaError("text contains an unpaired surrogate (not valid Unicode)") from None


def check(value: Any, spec: Type) -> Any:
    """Check *value* against *spec*; return it normalised or raise :class:`SchemaError`."""
    return spec.check(value)


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
        Field("function", String(pattern=NAME_PATTERN, what="a function name")),
        Field("result", Integer(minimum=0)),
        Field("inputs", Integer(minimum=0)),  # a variadic op's (sum) number of input ports
    ),
    discriminator="kind",
    variants={
        "op": Variant(
            required=("op",),
            forbidden={"value": "has no 'value': it is computed from the inputs"},
        ),
        "function": Variant(
            required=("function",),
            forbidden={
                "value": "has no 'value': it is computed from the inputs",
                "op": "has no 'op': it names a 'function'",
                "inputs": "has no 'inputs': its definition's ports are its inputs",
            },
        ),
        "input": Variant(
            required=("value",),
            forbidden={"op": "has no 'op'", "inputs": "has no 'inputs': it is a value"},
        ),
        "weight": Variant(
            required=("value",),
            forbidden={"op": "has no 'op'", "inputs": "has no 'inputs': it is a value"},
        ),
    },
)

EDGE = Object(
    "an edge",
    fields=(
        # Any string: one that names no node is reported as exactly that.
        Field("from", String(what="a node id"), required=True),
        Field("to", String(what="a node id"), required=True),
        Field("port", Integer(minimum=0), required=True),
    ),
)

FUNCTION = Object(
    "a function definition",
    fields=(
        Field("name", String(pattern=NAME_PATTERN, what="a function name"), required=True),
        Field("inputs", ArrayOf(NODE_ID), required=True),
        Field("outputs", ArrayOf(NODE_ID), required=True),
        Field("nodes", ArrayOf(NODE), required=True),
        Field("edges", ArrayOf(EDGE)),
    ),
)

# The training sections (version 2).  What needs the graph (bound nodes exist and are
# inputs, rows as long as the columns) is checked by graph/training_sections.py.
GENERATOR_NAMES = ("moons", "circles", "xor", "blobs", "spiral", "line")
COLUMN = String(what="a column name")

DATASET = Object(
    "the dataset section",
    fields=(
        Field("columns", ArrayOf(COLUMN), required=True),
        Field("rows", ArrayOf(ArrayOf(Number())), required=True),
        Field(
            "generator",
            Object(
                "a dataset generator",
                fields=(
                    Field("name", String(choices=GENERATOR_NAMES, what="a generator"), True),
                    Field("rows", Integer(minimum=1)),
                    Field("noise", Number()),
                    Field("seed", Integer(minimum=0)),
                ),
            ),
        ),
        Field(
            "bindings",
            ArrayOf(
                Object(
                    "a binding of a column to an input node",
                    fields=(
                        Field("column", COLUMN, required=True),
                        Field("node", String(what="a node id"), required=True),
                    ),
                )
            ),
        ),
        Field("target", Nullable(COLUMN)),
        Field("loss", String(what="a node id"), required=True),
        Field("prediction", Nullable(String(what="a node id"))),
    ),
)

TRAINING = Object(
    "the training section",
    fields=(
        Field("optimizer", String(choices=("sgd", "adam"), what="an optimizer")),
        Field("learning_rate", Number()),
        Field("momentum", Number()),
        Field("decay", Boolean()),
        Field("l2", Number()),
        Field("steps", Integer(minimum=1)),
        Field("beta1", Number()),
        Field("beta2", Number()),
        Field("eps", Number()),
    ),
)

DOCUMENT = Object(
    "an Autograd Studio graph",
    fields=(
        Field("format", String(const=FORMAT_NAME), required=True),
        Field("version", Integer(minimum=0), required=True),
        Field("description", String(one_line=True)),
        Field("functions", ArrayOf(FUNCTION)),
        Field("nodes", ArrayOf(NODE), required=True),
        Field("edges", ArrayOf(EDGE)),
        Field("output", Nullable(String(what="a node id"))),
        # Optional sections of version 2 go here, each an optional Field after "output"
        # (``functions``; ``dataset`` and ``training``).  Until a section is declared, the
        # file's field is kept as an unknown one (``doc.metadata``) and written back.
        Field("dataset", DATASET),
        Field("training", TRAINING),
    ),
)

#: Optional sections kept in ``doc.metadata`` as plain JSON and written after ``output``.
SECTIONS = ("dataset", "training")

#: Field names in the order files write them.
NODE_FIELDS = tuple(spec.name for spec in NODE.fields)
FUNCTION_FIELDS = tuple(spec.name for spec in FUNCTION.fields)
DOCUMENT_FIELDS = tuple(spec.name for spec in DOCUMENT.fields)
