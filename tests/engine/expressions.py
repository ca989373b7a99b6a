"""Random expression graphs for the gradient tests, and three ways to evaluate them.

A :class:`Program` is a small DAG: some leaf values, then steps ``(op name, operand
indices)`` where an index points at any earlier value (a leaf or a step's result), so
nodes are reused and ``a * a`` happens.  Every op of the registry can appear; an operand
tuple is only chosen where the op's ``DOMAINS`` entry admits it.

The program is replayed three ways, each built from the registry rather than from a second
hand-written copy of the ops:

- with plain floats through ``Op.forward`` (the function finite differences look at);
- with engine :class:`Node` values through each op's ``python`` template (``"{0} + {1}"``,
  ``"{0}.exp()"``), so Node's operators and methods are what gets exercised;
- with PyTorch tensors through each op's ``torch`` template.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

from hypothesis import strategies as st

from autograd_studio.engine import OPS, Node
from tests.engine.domains import DOMAINS

BOUND = 100.0  # |value| of every node: keeps finite differences well conditioned

Step = tuple[str, tuple[int, ...]]


@dataclass(frozen=True)
class Program:
    leaves: tuple[float, ...]
    steps: tuple[Step, ...]  # the last step's value is the output

    def __str__(self) -> str:  # readable in hypothesis' falsifying example
        names = [f"x{i}" for i in range(len(self.leaves))]
        lines = [f"{n} = {v!r}" for n, v in zip(names, self.leaves, strict=True)]
        for k, (op, idx) in enumerate(self.steps):
            names.append(f"v{k}")
            args = [names[i] for i in idx]
            lines.append(f"v{k} = {OPS[op].spell(OPS[op].python, args)}")
        return "; ".join(lines)


def compile_templates(attribute: str, namespace: dict[str, Any]) -> dict[str, Callable]:
    """Each op's template (``Op.python`` or ``Op.torch``) as a function of its operands."""
    functions = {}
    for name, op in OPS.items():
        params = [f"_{i}" for i in range(op.arity)]
        template = getattr(op, attribute)
        source = f"lambda {', '.join(params)}: {op.spell(template, params)}"
        functions[name] = eval(source, {"Node": Node, **namespace})  # Node.sum(...)
    return functions


def _admissible(name: str, operands: Sequence[float]) -> bool:
    if not DOMAINS[name].admits(*operands):
        return False
    out = OPS[name].forward(*operands)
    return math.isfinite(out) and abs(out) <= BOUND


@st.composite
def programs(draw: st.DrawFn, max_leaves: int = 4, max_steps: int = 10) -> Program:
    """A random DAG: 1..max_leaves leaves, 1..max_steps ops, then its sinks summed."""
    n_leaves = draw(st.integers(1, max_leaves))
    leaves = [draw(st.floats(-3, 3, allow_nan=False)) for _ in range(n_leaves)]
    values = list(leaves)
    steps: list[Step] = []
    for _ in range(draw(st.integers(1, max_steps))):
        candidates: dict[str, list[tuple[int, ...]]] = {}
        for name, op in OPS.items():
            for idx in product(range(len(values)), repeat=op.arity):
                if _admissible(name, [values[i] for i in idx]):
                    candidates.setdefault(name, []).append(idx)
        name = draw(st.sampled_from(sorted(candidates)))
        idx = draw(st.sampled_from(candidates[name]))
        steps.append((name, idx))
        values.append(OPS[name].forward(*(values[i] for i in idx)))
    # Sum every op result nobody uses, so that each step reaches the output.  The last
    # step is always such a sink, so the output is the last value either way.
    used = {i for _, idx in steps for i in idx}
    sinks = [i for i in range(n_leaves, len(values)) if i not in used]
    total = sinks[0]
    for sink in sinks[1:]:
        steps.append(("add", (total, sink)))
        values.append(values[total] + values[sink])
        total = len(values) - 1
    return Program(tuple(leaves), tuple(steps))


class KinkCrossed(Exception):
    """A perturbed input moved some relu's operand across 0: derivative undefined there."""


def evaluate(program: Program, leaves: Sequence[float], relu_signs: list | None = None) -> float:
    """The program's output with plain floats through the registry's forward functions.

    With *relu_signs* (from a first call with an empty list), raise :class:`KinkCrossed`
    when a relu operand's sign differs from that first evaluation.
    """
    values = list(leaves)
    record = relu_signs is not None and not relu_signs
    for k, (name, idx) in enumerate(program.steps):
        operands = [values[i] for i in idx]
        if name == "relu" and relu_signs is not None:
            sign = (k, operands[0] > 0)
            if record:
                relu_signs.append(sign)
            elif sign not in relu_signs:
                raise KinkCrossed
        values.append(OPS[name].forward(*operands))
    return values[-1]


def replay(program: Program, leaves: Sequence[Any], functions: dict[str, Callable]) -> Any:
    """The program's output with *leaves* of any value type, through compiled templates."""
    values = list(leaves)
    for name, idx in program.steps:
        values.append(functions[name](*(values[i] for i in idx)))
    return values[-1]
