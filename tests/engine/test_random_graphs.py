"""Random expression graphs mixing every op and reused nodes: the engine's gradients
against finite differences of the whole function, and against PyTorch (float64)."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import HealthCheck, find, given, reject, settings

from autograd_studio import Node
from autograd_studio.engine import OPS
from tests.engine.expressions import (
    KinkCrossed,
    Program,
    compile_templates,
    evaluate,
    programs,
    replay,
)
from tests.engine.finite_differences import partial_derivatives
from tests.requirements import require_torch

ENGINE = compile_templates("python", {})
GRAPH_SETTINGS = settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])


def engine_gradients(program: Program) -> tuple[float, list[float]]:
    leaves = [Node(x) for x in program.leaves]
    out = replay(program, leaves, ENGINE)
    out.backward()
    return out.data, [leaf.grad for leaf in leaves]


def finite_difference_gradients(program: Program) -> list[float]:
    signs: list = []
    evaluate(program, program.leaves, signs)  # records which side of 0 each relu is on

    def f(*leaves: float) -> float:
        try:
            return evaluate(program, leaves, signs)
        except KinkCrossed:
            reject()  # the stencil straddles a kink: no derivative to compare with

    return partial_derivatives(f, program.leaves)


def assert_gradients_match_finite_differences(program: Program) -> None:
    value, grads = engine_gradients(program)
    assert value == evaluate(program, program.leaves)
    for i, (ours, fd) in enumerate(zip(grads, finite_difference_gradients(program), strict=True)):
        assert math.isclose(ours, fd, rel_tol=1e-6, abs_tol=1e-7), (
            f"d/dx{i} of {program}: engine {ours!r}, finite difference {fd!r}"
        )


@GRAPH_SETTINGS
@given(programs())
def test_random_graphs_match_finite_differences(program: Program):
    assert_gradients_match_finite_differences(program)


def test_random_graphs_match_pytorch():
    torch = require_torch()
    torch_ops = compile_templates("torch", {"torch": torch})

    @GRAPH_SETTINGS
    @given(programs())
    def check(program: Program) -> None:
        value, grads = engine_gradients(program)
        leaves = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in program.leaves]
        out = replay(program, leaves, torch_ops)
        out.backward()
        assert math.isclose(value, out.item(), rel_tol=1e-12, abs_tol=1e-12), str(program)
        for i, (ours, leaf) in enumerate(zip(grads, leaves, strict=True)):
            theirs = 0.0 if leaf.grad is None else leaf.grad.item()
            assert math.isclose(ours, theirs, rel_tol=1e-9, abs_tol=1e-12), (
                f"d/dx{i} of {program}: engine {ours!r}, PyTorch {theirs!r}"
            )

    check()


def test_python_templates_build_the_same_graph_as_apply():
    """The engine side goes through Node's operators; they must be the registry's ops."""
    for name, op in OPS.items():
        leaves = [Node(1.5), Node(0.5)][: op.arity]
        built = ENGINE[name](*leaves)
        assert built.op == name
        assert built.parents == tuple(leaves)
        assert built.data == leaves[0].apply(name, *leaves[1:]).data


FIND_SETTINGS = settings(max_examples=2000, database=None, derandomize=True)


@pytest.mark.parametrize("name", list(OPS))
def test_generator_uses_every_op(name: str):
    find(programs(), lambda p: any(op == name for op, _ in p.steps), settings=FIND_SETTINGS)


def test_generator_reuses_nodes():
    # an op with the same operand twice (a * a), and a value used by two different steps
    find(programs(), lambda p: any(len(set(idx)) < len(idx) for _, idx in p.steps),
         settings=FIND_SETTINGS)  # fmt: skip
    find(
        programs(),
        lambda p: any(
            sum(i in idx for _, idx in p.steps[:-1]) >= 2 for i in range(len(p.leaves) + 2)
        ),
        settings=FIND_SETTINGS,
    )


def test_the_check_catches_a_wrong_gradient(monkeypatch):
    """Break one local derivative in the registry: the finite-difference check must fail."""
    program = Program(leaves=(0.7, -1.2), steps=(("mul", (0, 1)), ("tanh", (2,))))
    assert_gradients_match_finite_differences(program)
    broken = dataclasses.replace(OPS["tanh"], local=lambda out, a: (1.0 - out,), chain=None)
    monkeypatch.setitem(OPS, "tanh", broken)
    monkeypatch.setitem(ENGINE, "tanh", lambda x: x.apply(broken))
    with pytest.raises(AssertionError):
        assert_gradients_match_finite_differences(program)
