"""Forward mode on Node: tangents d(node)/d(wrt) in one pass, equal to reverse mode's."""

from __future__ import annotations

import math

from hypothesis import assume, given, settings

from autograd_studio.engine import Node, forward_tangents
from tests.graph.strategies import mirrored_graphs


def seed_neuron_case_2() -> tuple[dict[str, Node], Node]:
    """The seed notebook's second case: y = relu(w1*x1 + w2*x2 + b), active region."""
    leaves = {
        "x1": Node(2.0, _op="x1"),
        "x2": Node(3.0, _op="x2"),
        "w1": Node(1.0, _op="w1"),
        "w2": Node(0.5, _op="w2"),
        "b": Node(0.1, _op="b"),
    }
    n = leaves
    y = (n["w1"] * n["x1"] + n["w2"] * n["x2"] + n["b"]).relu()
    return leaves, y


def test_the_seed_neurons_tangents_are_the_notebooks_gradients():
    leaves, y = seed_neuron_case_2()
    y.backward()
    for name, leaf in leaves.items():
        tangent = y.forward_tangents(wrt=leaf)[y]
        assert tangent == leaf.grad, name
    assert y.forward_tangents(wrt=leaves["w1"])[y] == 2.0  # dy/dw1 = x1
    assert y.forward_tangents(wrt=leaves["x2"])[y] == 0.5  # dy/dx2 = w2


def test_nodes_that_do_not_depend_on_wrt_have_no_tangent():
    a, b = Node(3.0, label="a"), Node(4.0, label="b")
    left = a * 2.0
    right = b.exp()
    y = left + right
    tangents = forward_tangents(y, wrt=a)
    assert tangents[a] == 1.0
    assert tangents[left] == 2.0
    assert right not in tangents and b not in tangents
    assert tangents[y] == 2.0


def test_an_unrelated_infinite_local_derivative_does_not_poison_the_tangents():
    x, zero = Node(2.0, label="x"), Node(0.0, label="zero")
    root = zero**0.5  # value 0, but d/d zero = 0.5 * 0 ** -0.5 = inf
    y = x * x + root
    tangents = y.forward_tangents(wrt=x)
    assert root not in tangents  # not 0 * inf = nan
    assert tangents[y] == 4.0


def test_a_node_used_twice_sums_both_ports():
    a = Node(3.0)
    y = a * a
    assert y.forward_tangents(wrt=a)[y] == 6.0


def test_an_intermediate_node_can_be_wrt():
    x = Node(0.5)
    h = x.tanh()
    y = h * h + h
    tangents = y.forward_tangents(wrt=h)
    y.backward()
    assert x not in tangents
    assert tangents[y] == h.grad == 2 * h.data + 1


@settings(max_examples=150)
@given(mirrored_graphs())
def test_forward_tangents_equal_backward_grads_on_random_graphs(graph):
    """For every (node, leaf) pair: d node/d leaf by forward mode equals reverse mode's.

    The two modes multiply the same local derivatives in opposite orders, so where values
    are extreme one order underflows (a tiny local first) and the other does not (a huge
    one first): both are right in floating point.  Such graphs are left out.
    """
    nodes = list(graph.nodes.values())
    assume(all(n.data == 0.0 or 1e-6 < abs(n.data) < 1e6 for n in nodes))
    leaves = [n for n in nodes if not n.parents]
    for target in nodes:
        target.backward()
        grads = {id(n): n.grad for n in target.walk()}
        for leaf in leaves:
            tangent = target.forward_tangents(wrt=leaf).get(target)
            if id(leaf) not in grads:  # not in the target's graph at all
                assert tangent is None
                continue
            grad = grads[id(leaf)]
            assert tangent is not None  # the target's graph holds only what it depends on
            if math.isfinite(tangent) and math.isfinite(grad):
                assert math.isclose(tangent, grad, rel_tol=1e-9, abs_tol=1e-12)
