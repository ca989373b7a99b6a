"""A document as a runnable script: Autograd Studio's engine (:func:`to_python`) or PyTorch
(:func:`to_torch`).

The script rebuilds the graph one statement per node (operands first) from the op
registry's ``python`` / ``torch`` templates, runs backward from the output and prints the
data/grad table that ``autograd-studio run`` prints; the table code is pasted in from
:mod:`autograd_studio.interop.table`, so the printing is defined once and the script needs
nothing from Autograd Studio to print (the PyTorch script needs only torch).

Nothing from the document reaches the code except as data: variable names are the labels
the user sees when those are ASCII identifiers (else the node ids, reduced to identifiers),
and other labels appear only inside string literals written with :func:`repr`.
"""

from __future__ import annotations

import builtins
import keyword
import math
import re
from collections.abc import Callable

from autograd_studio import __version__
from autograd_studio.engine.ops import OPS
from autograd_studio.graph.document import GraphDocument
from autograd_studio.graph.plan import plan_for
from autograd_studio.interop.codegen_functions import (
    FunctionCodeError,
    function_call,
    function_lines,
)
from autograd_studio.interop.codegen_training import python_training, torch_training
from autograd_studio.interop.table import table_source
from autograd_studio.training.setup import DataSetup, OptimizerSettings, read_settings, read_setup

TrainingLines = Callable[
    [GraphDocument, DataSetup, OptimizerSettings, dict[str, str], list[str]], list[str]
]

__all__ = ["EXPORTERS", "CodegenError", "to_python", "to_torch", "variable_names"]


class CodegenError(ValueError):
    """The document cannot become a script (no output, an unconnected input it needs)."""


# Names a generated script defines or uses itself; a node never gets one of them.
_SCRIPT_NAMES = {
    "Node",
    "torch",
    "table_number",
    "format_columns",
    "format_table",
    "grad_of",
    "ROWS",
    # the training part (codegen_training)
    "COLUMNS",
    "COLUMN",
    "DATA",
    "WEIGHTS",
    "STEPS",
    "LR",
    "L2",
    "BETA1",
    "BETA2",
    "EPS",
    "MOMENTUM",
    "model",
    "train",
}
_RESERVED = set(keyword.kwlist) | set(keyword.softkwlist) | set(dir(builtins)) | _SCRIPT_NAMES


def variable_names(doc: GraphDocument) -> dict[str, str]:
    """A distinct, safe Python identifier for every node: the name the user sees when it
    is one (a weight labelled ``b`` is ``b``, whatever its id), else the node id: ``w1``
    stays ``w1``, ``layer-1.w`` becomes ``layer_1_w``, ``sum`` (a built-in) becomes ``sum_2``.

    Labels are served first, so a node labelled ``x2`` is ``x2`` in the script even when
    another node has the id ``x2`` (that one gets its own label, or ``x2_2``).
    """
    wanted: dict[str, str] = {}
    for node_id, record in doc.nodes.items():
        label = record.label.strip()
        wanted[node_id] = label if label.isidentifier() and label.isascii() else node_id
    labelled = [nid for nid in doc.nodes if wanted[nid] != nid]
    names: dict[str, str] = {}
    used: set[str] = set(doc.functions)  # a function's name stays the function's
    for node_id in [*labelled, *(nid for nid in doc.nodes if wanted[nid] == nid)]:
        base = re.sub(r"[^A-Za-z0-9_]", "_", wanted[node_id])
        if not base or base[0].isdigit():
            base = "n_" + base
        name, n = base, 1
        while name in used or name in _RESERVED or _is_dunder(name):
            n += 1
            name = f"{base}_{n}"
        used.add(name)
        names[node_id] = name
    return {nid: names[nid] for nid in doc.nodes}


def _is_dunder(name: str) -> bool:
    # __builtins__, __name__, __file__, __spec__...: module attributes Python itself reads
    # (rebinding __builtins__ takes every built-in away); none is in dir(builtins).
    return len(name) > 4 and name.startswith("__") and name.endswith("__")


def to_python(doc: GraphDocument) -> str:
    """A script that rebuilds *doc* with ``autograd_studio.Node`` and prints its table (and,
    with a dataset, trains it: :mod:`~autograd_studio.interop.codegen_training`)."""
    script = _Script(doc)
    script.training = python_training
    return script.render(
        header=[
            '"""A computation graph rebuilt with Autograd Studio\'s engine: forward, backward',
            "from the output, then every node's data and grad.",
            "",
            f"Written by autograd-studio {__version__} (export --to python).",
            '"""',
            "",
            "from autograd_studio import Node",
        ],
        leaf=lambda var, value, label: f"{var} = Node({value}, label={label!r})",
        op=lambda var, expression, label: (
            [f"{var} = {expression}"] + ([f"{var}.label = {label!r}"] if label else [])
        ),
        template=lambda name: OPS[name].python,
        row_values=lambda var: (f"{var}.data", f"{var}.grad"),
        helpers=[],
    )


def to_torch(doc: GraphDocument) -> str:
    """A script that rebuilds *doc* with PyTorch float64 scalar tensors and prints the same
    table (intermediate tensors ``retain_grad()`` so that their grads print too), and with
    a dataset trains it."""
    script = _Script(doc)
    script.training = torch_training
    return script.render(
        header=[
            '"""A computation graph rebuilt with PyTorch (float64 scalars): forward, backward',
            "from the output, then every node's data and grad.",
            "",
            f"Written by autograd-studio {__version__} (export --to torch).",
            '"""',
            "",
            "import torch",
        ],
        leaf=lambda var, value, label: (
            f"{var} = torch.tensor({value}, dtype=torch.float64, requires_grad=True)"
        ),
        op=lambda var, expression, label: [f"{var} = {expression}", f"{var}.retain_grad()"],
        template=lambda name: OPS[name].torch,
        row_values=lambda var: (f"{var}.item()", f"grad_of({var})"),
        helpers=[
            "def grad_of(tensor):",
            "    # A tensor the output does not depend on has no grad; the table shows 0.",
            "    return 0.0 if tensor.grad is None else tensor.grad.item()",
        ],
    )


#: Export targets by the name ``autograd-studio export --to`` uses.
EXPORTERS: dict[str, Callable[[GraphDocument], str]] = {"python": to_python, "torch": to_torch}


class _Script:
    def __init__(self, doc: GraphDocument) -> None:
        self.doc = doc
        self.output = doc.output
        if not doc.nodes:
            raise CodegenError("the graph is empty")
        if self.output is None:
            raise CodegenError("the graph has no output node: set one, or leave a single sink")
        upstream = _upstream(doc, self.output)
        for node_id, record in doc.nodes.items():
            if node_id not in upstream:
                continue
            for port, source in enumerate(doc.inputs_of(node_id) if record.computed else ()):
                if source is None:
                    raise CodegenError(
                        f"input {port} of {record.display_name!r} ({node_id}) is not connected"
                    )
        # Elsewhere, an op not wired up yet (and what hangs off it) has no value: the script
        # leaves it out and its row says "-", as `autograd-studio run` does.
        plan = plan_for(doc)
        self.no_value = {n for n in doc.nodes if plan.sources[plan.index[n]] is None}
        self.order = [n for n in doc.topological_order() if n not in self.no_value]
        self.names = variable_names(doc)
        self.training: TrainingLines | None = None

    def render(
        self,
        header: list[str],
        leaf: Callable[[str, str, str], str],
        op: Callable[[str, str, str], list[str]],
        template: Callable[[str], str],
        row_values: Callable[[str], tuple[str, str]],
        helpers: list[str],
    ) -> str:
        doc, names = self.doc, self.names
        leaves, operations = [], []
        try:
            shared, functions = function_lines(
                doc, template, leaf, _number, _RESERVED | set(names.values())
            )
        except FunctionCodeError as exc:
            raise CodegenError(str(exc)) from None
        for node_id in self.order:
            record = doc.nodes[node_id]
            var = names[node_id]
            if record.function is not None:
                operands = [names[source] for source in doc.inputs_of(node_id)]
                call = function_call(doc.functions[record.function], record.result, operands)
                operations.extend(op(var, call, record.label))
            elif record.op is None:
                leaves.append(leaf(var, _number(record.value), record.label))
            else:
                operands = [names[source] for source in doc.inputs_of(node_id)]
                operations.extend(
                    op(var, OPS[record.op].spell(template(record.op), operands), record.label)
                )
        rows = []
        for node_id, record in doc.nodes.items():  # the table's order: the document's
            what = record.op or record.function or ""
            literals = (repr(node_id), repr(record.label), repr(record.kind), repr(what))
            values = ("None", "None") if node_id in self.no_value else row_values(names[node_id])
            row = (*literals, *values)
            rows.append(f"    ({', '.join(row)}),")
        lines = [
            *header,
            "",
            "# Inputs and weights.",
            *leaves,
            "",
            *(
                ["# The functions' own weights, shared by every call.", *shared, ""]
                if shared
                else []
            ),
            *(["# Functions.", *functions] if functions else []),
            "# Operations, operands first.",
            *operations,
            "",
            f"{names[self.output]}.backward()",
            "",
            "",
            table_source(),
            "",
            "",
        ]
        if helpers:
            lines += [*helpers, "", ""]
        lines += ["ROWS = [", *rows, "]", "print(format_table(ROWS))", ""]
        setup = read_setup(doc)
        if setup is not None and self.training is not None:
            lines += ["", *self.training(doc, setup, read_settings(doc), names, self.order)]
        return "\n".join(lines)


def _upstream(doc: GraphDocument, output: str) -> set[str]:
    """*output* and every node it depends on."""
    seen, stack = {output}, [output]
    while stack:
        for source in doc.inputs_of(stack.pop()):
            if source is not None and source not in seen:
                seen.add(source)
                stack.append(source)
    return seen


def _number(value: float | None) -> str:
    value = 0.0 if value is None else float(value)
    if math.isfinite(value):
        return repr(value)
    return f"float({str(value)!r})"  # the document refuses these, but never emit bad code
