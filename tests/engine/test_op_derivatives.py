"""Every registry op's local derivatives against central finite differences.

The tests iterate over ``OPS``: a new op is checked automatically, and fails here until
``tests/engine/domains.py`` says where it is smooth.
"""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_studio import Node
from autograd_studio.engine import OPS, Op
from tests.engine.domains import DOMAINS
from tests.engine.finite_differences import partial_derivatives

REL_TOL = 1e-6
ABS_TOL = 1e-8


def assert_local_derivatives_match(op: Op, xs: tuple[float, ...]) -> None:
    """``op.local`` and the engine's backward through ``op`` both equal finite differences."""
    expected = partial_derivatives(op.forward, xs)
    local = op.local(op.forward(*xs), *xs)
    assert len(local) == op.arity
    leaves = [Node(x) for x in xs]
    out = leaves[0].apply(op, *leaves[1:])
    out.backward()
    for i, fd in enumerate(expected):
        where = f"{op.name}{xs}: d/dx{i}"
        assert math.isclose(local[i], fd, rel_tol=REL_TOL, abs_tol=ABS_TOL), (
            f"{where}: local {local[i]!r} vs finite difference {fd!r}"
        )
        assert math.isclose(leaves[i].grad, fd, rel_tol=REL_TOL, abs_tol=ABS_TOL), (
            f"{where}: backward {leaves[i].grad!r} vs finite difference {fd!r}"
        )


def test_every_op_has_a_domain_strategy():
    missing = sorted(set(OPS) - set(DOMAINS))
    assert not missing, f"add these ops to tests/engine/domains.py: {missing}"
    for name, op in OPS.items():
        assert len(DOMAINS[name].operands) == op.arity, name


@pytest.mark.parametrize("name", list(OPS))
def test_local_derivatives_match_finite_differences(name: str):
    if name not in DOMAINS:
        pytest.fail(f"op {name!r} has no domain strategy in tests/engine/domains.py")
    op = OPS[name]

    @settings(max_examples=80)
    @given(st.tuples(*DOMAINS[name].operands))
    def check(xs: tuple[float, ...]) -> None:
        assert_local_derivatives_match(op, xs)

    check()


@pytest.mark.parametrize(
    ("name", "broken_local", "xs"),
    [
        # 0.1% off: well beyond rounding, the kind of slip a typo makes.
        ("tanh", lambda out, a: (1.001 * (1.0 - out * out),), (0.5,)),
        # the two operands' derivatives swapped
        ("div", lambda out, a, b: (-out / b, 1.0 / b), (3.0, 2.0)),
        # pow's exponent derivative with log base 10
        ("pow", lambda out, a, b: (b * a ** (b - 1), out * math.log10(a)), (2.0, 1.5)),
    ],
)
def test_the_check_catches_a_wrong_derivative(name, broken_local, xs):
    broken = dataclasses.replace(OPS[name], local=broken_local, chain=None)
    with pytest.raises(AssertionError):
        assert_local_derivatives_match(broken, xs)
    assert_local_derivatives_match(OPS[name], xs)  # the real op passes at the same point
