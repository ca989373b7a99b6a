"""The function library of a document: the definitions its function nodes name.

:class:`FunctionLibrary` is the part of :class:`~autograd_studio.graph.GraphDocument` that
keeps definitions (:mod:`autograd_studio.graph.functions`): adding, replacing and removing
them, and grouping nodes into a function and back (:mod:`autograd_studio.graph.grouping`).
A definition's body is a document of its own that shares the library, so a function node
inside a body finds its definition too; each change to a body is announced by the owning
document as a ``functions_changed`` event, because it changes every instance's numbers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from autograd_studio.graph import grouping
from autograd_studio.graph.errors import BadValueError, FunctionError, UnknownFunctionError
from autograd_studio.graph.events import DocumentEvent, EventKind
from autograd_studio.graph.functions import (
    FunctionDef,
    check_definition,
    check_not_recursive,
    function_instances,
)

__all__ = ["FunctionLibrary"]


class FunctionLibrary:
    """Function definitions and the operations on function nodes (a GraphDocument base)."""

    _functions: dict[str, FunctionDef]
    _owner: str | None
    _body_watch: dict[str, Callable[[], None]]

    @property
    def functions(self) -> Mapping[str, FunctionDef]:
        """name -> :class:`~autograd_studio.graph.functions.FunctionDef`, in insertion order."""
        return self._functions

    def function(self, name: str) -> FunctionDef:
        """The definition called *name* (:class:`UnknownFunctionError` if there is none)."""
        try:
            return self._functions[name]
        except KeyError:
            known = ", ".join(self._functions) or "none defined"
            raise UnknownFunctionError(f"no function called {name!r} ({known})") from None

    def add_function(self, definition: FunctionDef, check: bool = True) -> None:
        """Add a definition to the library (see :mod:`autograd_studio.graph.functions`).

        Its body becomes part of this document: editing it changes every instance, and
        each change is announced here as a ``functions_changed`` event.
        """
        if definition.name in self._functions:
            raise FunctionError(f"a function called {definition.name!r} already exists")
        if check:
            check_definition(self._functions, definition)
        self._adopt(definition)
        self._emit(EventKind.FUNCTIONS_CHANGED, structural=True, field=definition.name)

    def replace_function(self, definition: FunctionDef) -> FunctionDef:
        """Put *definition* in place of the one with its name (every instance follows);
        returns the old one.  Instances' ports follow the new ``inputs``: edges into a
        port that no longer exists are removed."""
        old = self.function(definition.name)
        others = {k: v for k, v in self._functions.items() if k != definition.name}
        check_definition(others, definition)
        self._unwatch(definition.name)
        self._adopt(definition)
        ports = tuple(definition.inputs)
        for owner, nid in list(function_instances(self, definition.name)):
            doc = self if owner is None else self._functions[owner].body
            record = doc._nodes[nid]
            if record.ports != ports:
                for edge in doc.edges_of(nid):
                    if edge.target == nid and edge.port >= len(ports):
                        doc._remove_edge(edge)
                sources = doc._inputs[nid][: len(ports)]
                doc._inputs[nid] = sources + [None] * (len(ports) - len(sources))
                record.ports = ports
        self._emit(EventKind.FUNCTIONS_CHANGED, structural=True, field=definition.name)
        return old

    def remove_function(self, name: str) -> FunctionDef:
        """Remove an unused definition from the library and return it."""
        self.function(name)
        instances = function_instances(self, name)
        users = [f"{owner}/{nid}" if owner else nid for owner, nid in instances]
        if users:
            raise FunctionError(
                f"function {name!r} is still used by {', '.join(users[:5])}", tuple(users)
            )
        self._unwatch(name)
        definition = self._functions.pop(name)
        definition.body._functions = {}
        definition.body._owner = None
        self._emit(EventKind.FUNCTIONS_CHANGED, structural=True, field=name)
        return definition

    def set_function(self, node_id: str, name: str) -> None:
        """Make function node *node_id* an instance of *name* (which has the same ports)."""
        record = self.node(node_id)
        definition = self.function(name)
        if record.function is None or tuple(definition.inputs) != record.ports:
            raise BadValueError(
                f"{record.display_name!r} cannot become an instance of {name!r}", (node_id,)
            )
        if self._owner is not None:
            check_not_recursive(self._functions, self._owner, name)
        if name != record.function:
            record.function = name
            self._emit(EventKind.NODE_CHANGED, structural=True, node_id=node_id, field="function")

    def instances_of(self, name: str) -> list[str]:
        """Ids of this document's function nodes that are instances of *name*."""
        return [nid for nid, record in self._nodes.items() if record.function == name]

    def group(self, node_ids: Iterable[str], name: str | None = None) -> str:
        """Turn the nodes *node_ids* into one function node; returns its id (see
        :func:`autograd_studio.graph.grouping.group`)."""
        return grouping.group(self, node_ids, name)

    def ungroup(self, node_id: str) -> list[str]:
        """Put the nodes of function node *node_id* back in its place; returns their ids."""
        return grouping.ungroup(self, node_id)

    def make_unique(self, node_id: str) -> str:
        """Give function node *node_id* its own copy of its definition; returns the new
        definition's name.  The other instances keep the old one."""
        return grouping.make_unique(self, node_id)

    def _function_ports(self, name: str | None, result: int, node_id: str | None) -> tuple:
        definition = self._functions.get(name) if isinstance(name, str) else None
        if definition is None:
            known = ", ".join(self._functions) or "none defined"
            raise UnknownFunctionError(
                f"unknown function {name!r} ({known})", (node_id,) if node_id else ()
            )
        if self._owner is not None:
            check_not_recursive(self._functions, self._owner, name)  # type: ignore[arg-type]
        if not isinstance(result, int) or not 0 <= result < max(1, len(definition.outputs)):
            raise BadValueError(f"function {name!r} has no output {result!r}", (node_id or "",))
        return tuple(definition.inputs)

    def _adopt(self, definition: FunctionDef) -> None:
        body = definition.body
        body._functions = self._functions
        body._owner = definition.name
        if definition.outputs and definition.outputs[0] in body.nodes:
            body._output = definition.outputs[0]  # inside, the output is the function's
        self._functions[definition.name] = definition
        name = definition.name
        seen = [body.structure_version]

        def relay(event: DocumentEvent) -> None:
            structural = body.structure_version != seen[0]
            seen[0] = body.structure_version
            if event.kind is EventKind.OUTPUT_CHANGED and body.output is not None:
                definition.outputs[:1] = [body.output]
            self._emit(
                EventKind.FUNCTIONS_CHANGED,
                structural=structural,
                affects_values=event.affects_values,
                field=name,
            )

        self._body_watch[name] = body.subscribe(relay)

    def _unwatch(self, name: str) -> None:
        unsubscribe = self._body_watch.pop(name, None)
        if unsubscribe is not None:
            unsubscribe()
