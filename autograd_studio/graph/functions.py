"""Function definitions: named subgraphs that appear in a document as one node.

A definition is a *body* (a :class:`~autograd_studio.graph.GraphDocument` of its own), the
ids of the body's ``input`` nodes that are its ports, in port order, and the ids of the body
nodes it returns (``outputs``; a function node yields ``outputs[node.result]``, the first
by default).  A node of kind ``function`` names its definition and has one input port per
entry of ``inputs``, wired like an op's.

What an instance means, precisely (the evaluation plan inlines it so):
- each port input node stands for whatever feeds that port of the instance;
- op and function nodes of the body are computed once per instance;
- the body's other leaves (weights, and inputs that are not ports) belong to the
  definition: every instance uses the same ones, as every call of a network layer uses the
  layer's weights, and their gradients add up over the instances.

A definition cannot use itself, directly or through other definitions
(:class:`~autograd_studio.graph.errors.RecursiveFunctionError`): inlining would never end.

>>> from autograd_studio.graph import GraphDocument
>>> body = GraphDocument()
>>> x = body.add_node("input", id="x")
>>> sq = body.add_node("op", op="mul", id="sq"); body.connect(x, sq, 0); body.connect(x, sq, 1)
>>> doc = GraphDocument()
>>> doc.add_function(FunctionDef("square", body, inputs=["x"], outputs=["sq"]))
>>> a = doc.add_node("input", id="a", value=3.0)
>>> f = doc.add_node("function", function="square"); doc.connect(a, f, 0)
>>> doc.evaluate().data[f], doc.evaluate().grad[a]
(9.0, 6.0)
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from autograd_studio.graph.errors import FunctionError, RecursiveFunctionError

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument

__all__ = [
    "NAME_PATTERN",
    "FunctionDef",
    "check_definition",
    "check_not_recursive",
    "function_instances",
    "uses",
]

#: A definition's name: a Python identifier, so that exported code can define it.
NAME_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass
class FunctionDef:
    """One function definition; see the module's docstring for what it means."""

    name: str
    body: GraphDocument
    inputs: list[str] = field(default_factory=list)  # body input node ids, in port order
    outputs: list[str] = field(default_factory=list)  # body node ids it returns
    extra: dict[str, Any] = field(default_factory=dict)  # unknown file fields, kept

    @property
    def output(self) -> str | None:
        """The first output (the one a function node yields unless told otherwise)."""
        return self.outputs[0] if self.outputs else None

    def snapshot(self, name: str | None = None) -> FunctionDef:
        """An independent copy (under *name*, if given)."""
        return FunctionDef(
            name or self.name,
            self.body.snapshot(),
            list(self.inputs),
            list(self.outputs),
            dict(self.extra),
        )

    def port_label(self, port: int) -> str:
        """What port *port* is called: the label of its input node, else its id."""
        node_id = self.inputs[port]
        record = self.body.nodes.get(node_id)
        return (record.label or node_id) if record is not None else node_id

    def parameters(self) -> list[str]:
        """Body ids of the leaves the definition owns (every instance shares them)."""
        ports = set(self.inputs)
        return [
            nid
            for nid, record in self.body.nodes.items()
            if not record.computed and nid not in ports
        ]


def uses(definition: FunctionDef) -> list[str]:
    """Names of the definitions that *definition*'s body uses directly (in body order)."""
    names = (r.function for r in definition.body.nodes.values() if r.function is not None)
    return list(dict.fromkeys(names))


def check_not_recursive(library: Mapping[str, FunctionDef], owner: str, used: str) -> None:
    """Raise :class:`RecursiveFunctionError` if *owner*'s body may not use *used*: when
    *used* is *owner*, or uses it through other definitions."""
    chain = _path(library, used, owner)
    if chain is not None:
        names = " → ".join([owner, *chain])
        what = "itself" if used == owner else f"itself through {' and '.join(chain[:-1])}"
        raise RecursiveFunctionError(
            f"function {owner!r} cannot use {used!r}: {owner!r} would use {what} ({names}), "
            "and a function that calls itself never finishes unfolding",
            chain=(owner, *chain),
        )


def _path(library: Mapping[str, FunctionDef], start: str, goal: str) -> list[str] | None:
    """Definitions start -> ... -> goal along "uses", if such a chain exists."""
    parent: dict[str, str | None] = {start: None}
    stack = [start]
    while stack:
        name = stack.pop()
        if name == goal:
            chain = [name]
            while parent[chain[-1]] is not None:
                chain.append(parent[chain[-1]])  # type: ignore[arg-type]
            return chain[::-1]
        definition = library.get(name)
        for used in uses(definition) if definition is not None else ():
            if used not in parent:
                parent[used] = name
                stack.append(used)
    return None


def check_definition(library: Mapping[str, FunctionDef], definition: FunctionDef) -> None:
    """Raise a :class:`FunctionError` if *definition* cannot join *library*."""
    name = definition.name
    if not isinstance(name, str) or not NAME_PATTERN.match(name):
        raise FunctionError(
            f"{name!r} is not a function name (a letter or _, then letters, digits or _)"
        )
    body = definition.body
    seen: set[str] = set()
    for port in definition.inputs:
        record = body.nodes.get(port)
        if record is None or record.kind != "input":
            raise FunctionError(f"function {name!r}: port {port!r} is not an input node of it")
        if port in seen:
            raise FunctionError(f"function {name!r}: port {port!r} is listed twice")
        seen.add(port)
    if not definition.outputs:
        raise FunctionError(f"function {name!r} has no output")
    for out in definition.outputs:
        if out not in body.nodes:
            raise FunctionError(f"function {name!r}: its output {out!r} is not one of its nodes")
    for used in uses(definition):
        if used == name or used in library:
            check_not_recursive({**library, name: definition}, name, used)
        else:
            raise FunctionError(f"function {name!r} uses {used!r}, which is not defined")


def function_instances(doc: GraphDocument, name: str) -> Iterator[tuple[str | None, str]]:
    """Every function node naming *name*: ``(None, node id)`` in *doc*, then
    ``(definition name, node id)`` inside definitions' bodies."""
    for nid, record in doc.nodes.items():
        if record.function == name:
            yield None, nid
    for owner, definition in doc.functions.items():
        for nid, record in definition.body.nodes.items():
            if record.function == name:
                yield owner, nid
