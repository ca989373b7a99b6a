"""Function definitions in exported scripts: one Python function per definition.

A definition becomes ``def name(port, ...)`` whose body rebuilds the definition's nodes
(operands first) and returns its output (a tuple when it has several).  The leaves a
definition owns (its weights) are created once, before the functions, as module-level
variables ``name_leaf``, so every call uses the same ones, as every instance does in the
document, and their gradients add up the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from autograd_studio.engine.ops import OPS
from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.functions import FunctionDef, uses

__all__ = ["FunctionCodeError", "function_call", "function_lines"]


class FunctionCodeError(ValueError):
    """A definition that cannot become code (an operand it needs is not connected)."""


def _python_names() -> set[str]:
    import builtins
    import keyword

    return set(keyword.kwlist) | set(keyword.softkwlist) | set(dir(builtins)) | {"Node", "torch"}


_PYTHON_NAMES = _python_names()


def function_call(definition: FunctionDef, result: int, args: list[str]) -> str:
    """The expression a function node becomes: ``neuron(x1, x2)`` or ``layer(x1)[2]``."""
    call = f"{definition.name}({', '.join(args)})"
    return f"{call}[{result}]" if len(definition.outputs) > 1 else call


def function_lines(
    doc: GraphDocument,
    template: Callable[[str], str],
    leaf: Callable[[str, str, str], str],
    number: Callable[[float | None], str],
    reserved: set[str],
) -> tuple[list[str], list[str]]:
    """``(shared leaves, function definitions)`` as source lines, for every definition
    used by *doc*'s nodes (each after the definitions it calls)."""
    order = _used_first(doc)
    shared: list[str] = []
    functions: list[str] = []
    for name in order:
        definition = doc.functions[name]
        body = definition.body
        owned = {}  # module-level: clear of the script's names (passed in *reserved*)
        for nid, base in _local_names(body, set()).items():
            if nid in definition.parameters():
                var, n = f"{name}_{base}", 1
                while var in reserved:
                    n += 1
                    var = f"{name}_{base}_{n}"
                reserved.add(var)
                owned[nid] = var
        # Locals may shadow the script's variables, but not the functions or these globals.
        local = _local_names(body, _PYTHON_NAMES | set(doc.functions) | set(owned.values()))
        for nid, var in owned.items():
            record = body.nodes[nid]
            shared.append(leaf(var, number(record.value), record.label or nid))
        params = [local[port] for port in definition.inputs]
        lines = [f"def {name}({', '.join(params)}):"]
        needed = _upstream(body, definition.outputs)
        for nid in body.topological_order():
            record = body.nodes[nid]
            if nid not in needed or not record.computed:
                continue
            args = []
            for port, source in enumerate(body.inputs_of(nid)):
                if source is None:
                    raise FunctionCodeError(
                        f"function {name!r}: input {port} of {record.display_name!r} ({nid}) "
                        "is not connected"
                    )
                args.append(owned.get(source) or local[source])
            if record.function is not None:
                expression = function_call(doc.functions[record.function], record.result, args)
            else:
                expression = OPS[record.op].spell(template(record.op), args)  # type: ignore[arg-type]
            lines.append(f"    {local[nid]} = {expression}")
        returned = [owned.get(out) or local[out] for out in definition.outputs]
        lines.append(f"    return {', '.join(returned)}")
        functions += [*lines, "", ""]
    return shared, functions


def _used_first(doc: GraphDocument) -> list[str]:
    order: list[str] = []

    def visit(name: str) -> None:
        if name not in order:
            for used in uses(doc.functions[name]):
                visit(used)
            order.append(name)

    for record in doc.nodes.values():
        if record.function is not None:
            visit(record.function)
    return order


def _local_names(body: GraphDocument, reserved: set[str]) -> dict[str, str]:
    names: dict[str, str] = {}
    used: set[str] = set()
    for nid in body.nodes:
        base = re.sub(r"[^A-Za-z0-9_]", "_", nid)
        if not base or base[0].isdigit():
            base = "n_" + base
        name, n = base, 1
        while name in used or name in reserved:
            n += 1
            name = f"{base}_{n}"
        used.add(name)
        names[nid] = name
    return names


def _upstream(body: GraphDocument, outputs: list[str]) -> set[str]:
    seen, stack = set(outputs), list(outputs)
    while stack:
        for source in body.inputs_of(stack.pop()):
            if source is not None and source not in seen:
                seen.add(source)
                stack.append(source)
    return seen
