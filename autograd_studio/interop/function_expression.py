"""New functions from a formula: ``softplus(x) = log(1 + exp(x))`` becomes a definition.

The right-hand side goes through the expression importer
(:func:`~autograd_studio.interop.expression.from_expression`), so it accepts exactly what
Import Expression accepts and reports errors the same way.  The parameters become the
function's ports, in the order written; any other name in the formula (``a`` in
``leaky(x) = relu(x) - a*relu(-x)``) is a value the definition owns, a weight if its name
says so (``w``, ``b`` ...).  Autograd then gives the new operator's derivative for free.

>>> definition = function_from_expression("softplus(x) = log(1 + exp(x))")
>>> definition.name, definition.inputs
('softplus', ['x'])
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping

from autograd_studio.engine.ops import OPS
from autograd_studio.graph.functions import FunctionDef
from autograd_studio.graph.templates import place
from autograd_studio.interop.expression import ExpressionError, from_expression, is_weight_name
from autograd_studio.messages import Message

__all__ = ["function_from_expression"]

_HEADER = re.compile(r"\s*([A-Za-z_]\w*)\s*\(([^()]*)\)\s*=(?!=)(.*)\Z", re.S)


def function_from_expression(text: str, values: Mapping[str, float] | None = None) -> FunctionDef:
    """A definition from ``name(p1, p2, ...) = expression``.

    *values* gives the owned names their values (default 0.0).  Raises
    :class:`~autograd_studio.interop.expression.ExpressionError` with a clear message.
    """
    match = _HEADER.match(text)
    if match is None:
        raise ExpressionError(Message("function-header"))
    name, params_text, body = match.group(1), match.group(2), match.group(3)
    if name in OPS:
        raise ExpressionError(Message("function-builtin-name", repr(name)))
    params = [p.strip() for p in params_text.split(",")] if params_text.strip() else []
    for param in params:
        if not param.isidentifier():
            raise ExpressionError(Message("not-a-parameter", repr(param)))
    if len(set(params)) != len(params):
        raise ExpressionError(Message("parameter-twice"))
    if not params:
        raise ExpressionError(Message("no-parameters", name))
    used = _names(body)
    if used is None:
        from_expression(body)  # raises the importer's error, with its column
    unused = [p for p in params if p not in (used or ())]
    if unused:
        raise ExpressionError(Message("parameter-unused", repr(unused[0])))
    owned = {n: v for n, v in (values or {}).items() if n not in params}
    weights = [n for n in used or () if n not in params and is_weight_name(n)]
    doc = from_expression(body, values=owned, weights=weights)
    for param in params:
        doc.set_label(param, param)
    output = doc.output
    assert output is not None  # the importer sets the whole expression as the output
    doc.set_label(output, name)
    place(doc)
    return FunctionDef(name, doc, list(params), [output])


def _names(text: str) -> list[str] | None:
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError:
        return None  # the importer reports it, with its column
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    return [n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and id(n) not in called]
