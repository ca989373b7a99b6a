"""The PyTorch cross-check: rebuild a document with torch and compare every data and grad.

The torch graph is built from the op registry's ``torch`` templates (``"torch.exp({0})"``,
``"{0} * {1}"``), never from a table of its own, so adding an op to the registry is all it
takes for the cross-check to cover it.  A template is parsed with :mod:`ast` once and
compiled into closures over a tiny grammar (operands, numbers, ``+ - * / **``, unary ``-``, calls of
``torch.<name>``); nothing is evaluated with ``eval``.

PyTorch runs in float64 on one thread (restored afterwards), so the comparison measures
the engine, not single precision or a parallel reduction order.
"""

from __future__ import annotations

import ast
import contextlib
import importlib
import math
import operator
import string
import warnings
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

from autograd_studio.engine.ops import OPS, Op
from autograd_studio.messages import Message

if TYPE_CHECKING:
    from autograd_studio.graph.document import GraphDocument
    from autograd_studio.graph.evaluate import EvaluationResult

__all__ = [
    "TORCH_HINT",
    "TorchCheck",
    "TorchMismatch",
    "import_torch",
    "torch_cross_check",
    "torch_function",
]

#: How to add PyTorch when it is missing.
TORCH_HINT = "pip install 'autograd-studio[torch]'"
#: Data and grads agree when |ours - torch| <= ATOL + RTOL * max(|ours|, |torch|).
RTOL = 1e-9
ATOL = 1e-12


@dataclass(frozen=True)
class TorchMismatch:
    """One value where the document's result and PyTorch's disagree."""

    node_id: str
    label: str
    quantity: str  # "data" or "grad"
    ours: float
    torch: float

    @property
    def abs_error(self) -> float:
        return abs(self.ours - self.torch)


@dataclass
class TorchCheck:
    """The outcome of :func:`torch_cross_check`.

    ``available`` is False when torch could not be imported; ``reason`` then says why and
    how to add it.  ``nodes`` is how many nodes were compared (data and grad each).
    """

    available: bool
    reason: str = ""
    version: str = ""
    nodes: int = 0
    mismatches: list[TorchMismatch] = field(default_factory=list)
    max_abs_error: float = 0.0
    #: PyTorch's gradient of the output for every node compared (the editor's column).
    grads: dict[str, float] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        """True when torch ran and agreed everywhere."""
        return self.available and not self.mismatches


def import_torch() -> tuple[ModuleType | None, str]:
    """``(torch, "")`` or ``(None, why it is missing and how to add it)``."""
    try:
        with warnings.catch_warnings():
            # torch warns on import when NumPy is absent; the cross-check does not need it.
            warnings.simplefilter("ignore")
            return importlib.import_module("torch"), ""
    except ImportError:
        return None, Message("torch-missing", TORCH_HINT)
    except Exception as exc:  # a broken install: missing shared libraries and the like
        return None, Message("torch-broken", f"{type(exc).__name__}: {exc}")


def torch_cross_check(
    doc: GraphDocument,
    result: EvaluationResult,
    grads: Mapping[str, float | None] | None = None,
    torch: ModuleType | None = None,
) -> TorchCheck:
    """Rebuild *doc* with PyTorch scalar tensors, backprop from the output and compare.

    *result* is the document's evaluation; *grads* (default ``result.grad``) are the
    gradients to compare, so a caller can check gradients from elsewhere.  Nodes without
    data (an unconnected input upstream) are left out.  *torch* defaults to importing it.
    """
    if torch is None:
        torch, reason = import_torch()
        if torch is None:
            return TorchCheck(available=False, reason=reason)
    if doc.functions:  # PyTorch gets the plain graph the plan computes (same numbers)
        from autograd_studio.graph.evaluate import evaluate
        from autograd_studio.graph.grouping import flatten

        flat = flatten(doc)
        flat_result = evaluate(flat)
        theirs = flat_result.grad if grads is None else {**flat_result.grad, **grads}
        return torch_cross_check(flat, flat_result, theirs, torch)
    grads = result.grad if grads is None else grads
    check = TorchCheck(available=True, version=str(torch.__version__))
    with _one_thread(torch):
        tensors = _build(doc, result, torch)
        output = result.output
        if output is not None and output in tensors:
            tensors[output].backward()
    for node_id, tensor in tensors.items():
        record = doc.nodes[node_id]
        theirs_grad = 0.0 if tensor.grad is None else float(tensor.grad.item())
        if output is not None:
            check.grads[node_id] = theirs_grad
        pairs = (("data", result.data[node_id], float(tensor.item())),)
        if output is not None and grads.get(node_id) is not None:
            pairs += (("grad", grads[node_id], theirs_grad),)
        for quantity, ours, theirs in pairs:
            if not _agree(ours, theirs):
                check.mismatches.append(
                    TorchMismatch(node_id, record.label, quantity, ours, theirs)
                )
            elif math.isfinite(ours):
                check.max_abs_error = max(check.max_abs_error, abs(ours - theirs))
    check.nodes = len(tensors)
    return check


def _build(doc: GraphDocument, result: EvaluationResult, torch: ModuleType) -> dict[str, Any]:
    """One float64 scalar tensor per node that has data, sources first."""
    tensors: dict[str, Any] = {}
    for node_id in doc.topological_order():
        if result.data.get(node_id) is None:
            continue
        record = doc.nodes[node_id]
        if record.op is None:
            tensors[node_id] = torch.tensor(record.value, dtype=torch.float64, requires_grad=True)
            continue
        operands = [tensors[source] for source in doc.inputs_of(node_id)]
        tensor = _apply(OPS[record.op], torch, operands)
        tensor.retain_grad()
        tensors[node_id] = tensor
    return tensors


def _apply(op: Op, torch: ModuleType, operands: list[Any]) -> Any:
    function = torch_function(op.torch)
    if not op.variadic:
        return function(torch, *operands)
    # A sum's template is binary, folded from the left as the op's forward adds.
    total = operands[0]
    for operand in operands[1:]:
        total = function(torch, total, operand)
    return total


@contextlib.contextmanager
def _one_thread(torch: ModuleType) -> Iterator[None]:
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _agree(ours: float, theirs: float) -> bool:
    if math.isnan(ours) or math.isnan(theirs):
        return math.isnan(ours) and math.isnan(theirs)
    if math.isinf(ours) or math.isinf(theirs):
        return ours == theirs
    return abs(ours - theirs) <= ATOL + RTOL * max(abs(ours), abs(theirs))


# --- registry templates as functions ------------------------------------------------------

_BINARY = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.Pow: operator.pow,
}


@cache
def torch_function(template: str) -> Callable[..., Any]:
    """A function ``f(torch, *operands)`` computing a registry ``torch`` template.

    >>> torch_function("{0} * {1}")(None, 3.0, 4.0)
    12.0

    Raises ``ValueError`` for a template outside the grammar (a registry bug).
    """
    fields = [int(name) for _, name, _, _ in string.Formatter().parse(template) if name]
    placeholders = [f"_operand{i}" for i in range(max(fields, default=-1) + 1)]
    tree = ast.parse(template.format(*placeholders), mode="eval").body
    evaluate = _compile(tree, placeholders, template)
    return lambda torch, *operands: evaluate(torch, operands)


Compiled = Callable[[ModuleType, tuple[Any, ...]], Any]


def _compile(node: ast.AST, placeholders: list[str], template: str) -> Compiled:
    """The template's tree as nested closures ``f(torch, operands)``, built once per op so
    that building a 65,000-node graph does not walk syntax trees 65,000 times."""
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        combine = _BINARY[type(node.op)]
        left = _compile(node.left, placeholders, template)
        right = _compile(node.right, placeholders, template)
        return lambda torch, xs: combine(left(torch, xs), right(torch, xs))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        operand = _compile(node.operand, placeholders, template)
        return lambda torch, xs: -operand(torch, xs)
    if (
        isinstance(node, ast.Call)
        and not node.keywords
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "torch"
    ):
        name = node.func.attr
        args = [_compile(arg, placeholders, template) for arg in node.args]
        return lambda torch, xs: getattr(torch, name)(*(arg(torch, xs) for arg in args))
    if isinstance(node, ast.Name) and node.id in placeholders:
        position = placeholders.index(node.id)
        return lambda torch, xs: xs[position]
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        value = node.value
        return lambda torch, xs: value
    raise ValueError(f"unsupported torch template {template!r}")
