"""Node's contract (shared/DESIGN.md, "Engine contract"): construction the way micrograd and
the seed notebook do it, ordered parents, reflected operators, and backward's semantics.
Expected gradients are derived by hand in the comments, or come from micrograd 0.1.0."""

from __future__ import annotations

import math

import micrograd.engine
import pytest

from autograd_studio import Node
from autograd_studio.engine import OPS, topological_order


def test_a_times_a_has_two_ordered_parents_and_gradient_2a():
    a = Node(3.0, label="a")
    y = a * a
    assert y.parents == (a, a)
    y.backward()
    assert (y.data, a.grad) == (9.0, 6.0)  # d(a^2)/da = 2a


def test_operands_keep_their_order():
    a, b = Node(6.0, label="a"), Node(3.0, label="b")
    assert (a - b).parents == (a, b)
    assert (b - a).parents == (b, a)
    q = a / b
    q.backward()
    assert (q.data, a.grad, b.grad) == (2.0, 1 / 3, -6 / 9)  # 1/b, -a/b^2


@pytest.mark.parametrize(
    ("expression", "value", "gradient"),
    [
        # at x = 3; gradients by hand
        (lambda x: 2 * x, 6.0, 2.0),
        (lambda x: 2 + x, 5.0, 1.0),
        (lambda x: 1 - x, -2.0, -1.0),
        (lambda x: 2 / x, 2 / 3, -2 / 9),  # -2/x^2
        (lambda x: 2**x, 8.0, 8 * math.log(2)),  # 2^x ln 2
        (lambda x: x**2, 9.0, 6.0),
        (lambda x: x ** Node(2.0), 9.0, 6.0),
        (lambda x: -x, -3.0, -1.0),
    ],
    ids=["2*x", "2+x", "1-x", "2/x", "2**x", "x**2", "x**Node", "-x"],
)
def test_reflected_and_unary_operators(expression, value, gradient):
    x = Node(3.0, label="x")
    y = expression(x)
    y.backward()
    assert math.isclose(y.data, value, rel_tol=1e-15)
    assert math.isclose(x.grad, gradient, rel_tol=1e-15)
    assert x in y.parents


def test_reflected_operand_is_a_constant_leaf_on_the_left():
    x = Node(3.0, label="x")
    y = 1 - x
    constant, operand = y.parents
    assert operand is x
    assert (constant.data, constant.label, constant.op) == (1.0, "1", "")


@pytest.mark.parametrize("method", ["exp", "log", "tanh", "sigmoid", "relu"])
def test_methods_build_the_registry_op(method):
    x = Node(0.5)
    y = getattr(x, method)()
    assert y.op == method
    assert y.data == OPS[method].forward(0.5)


def test_a_leaf_named_through_op_like_the_seed():
    x1 = Node(2.0, _op="x1")
    assert x1.label == "x1"
    assert x1._op == "x1"
    assert x1.op == ""
    assert "x1" in repr(x1)
    assert Node(2.0, _op="x1", label="other").label == "other"


def test_micrograd_style_construction():
    a, b = Node(2.0), Node(-3.0)
    y = Node(a.data * b.data, (a, b), "*")
    assert (y.op, y._op, y.parents) == ("mul", OPS["mul"].symbol, (a, b))
    y.backward()
    assert (a.grad, b.grad) == (-3.0, 2.0)
    s = Node(a.data + b.data, [a, b], "+")
    s.backward()
    assert (s.op, a.grad, b.grad) == ("add", 1.0, 1.0)
    r = Node(0.0, (b,), "ReLU")
    assert r.op == "relu"


def test_bad_construction_is_a_clear_error():
    a = Node(1.0)
    with pytest.raises(ValueError, match="unknown op"):
        Node(1.0, (a,), "frobnicate")
    with pytest.raises(ValueError, match="takes 2 operand"):
        Node(1.0, (a,), "*")
    with pytest.raises(TypeError, match="str"):
        a + "1"


def graph(value=Node):
    """An expression with reuse at several depths, using only what micrograd supports."""
    a, b, c = value(0.5), value(-1.5), value(2.0)
    d = a * b + c
    e = d * d + 2 * a
    f = (e + 1).relu() * b
    return f**2 + d * c + 3 + a, (a, b, c)


def test_backward_twice_gives_the_same_gradients():
    y, leaves = graph()
    y.backward()
    # repr, so that nan equals nan: the constant exponent of f**2 gets d/db = f^2 ln f,
    # nan for f < 0, as PyTorch gives for a tensor exponent.
    first = [repr(node.grad) for node in topological_order(y)]
    assert "nan" in first
    y.backward()
    assert [repr(node.grad) for node in topological_order(y)] == first
    assert first[-1] == "1.0"
    assert leaves[0].grad != 0.0


def test_accumulate_sums_like_micrograd():
    ours, our_leaves = graph(Node)
    theirs, their_leaves = graph(micrograd.engine.Value)
    ours.backward()
    theirs.backward()
    ours.backward(accumulate=True)
    theirs.backward()
    for mine, reference in zip(our_leaves, their_leaves, strict=True):
        assert math.isclose(mine.grad, reference.grad, rel_tol=1e-12), (mine, reference)
    assert math.isclose(ours.data, theirs.data, rel_tol=1e-15)


def test_accumulate_doubles_a_one_level_graph():
    a, b = Node(2.0), Node(5.0)
    y = a * b
    y.backward()
    y.backward(accumulate=True)
    assert (a.grad, b.grad) == (10.0, 4.0)
    y.backward()  # without accumulate: back to the plain gradient
    assert (a.grad, b.grad) == (5.0, 2.0)


def test_zero_grad_clears_the_whole_graph():
    y, _ = graph()
    y.backward()
    nodes = topological_order(y)
    assert any(node.grad != 0.0 for node in nodes[:-1])
    y.zero_grad()
    assert all(node.grad == 0.0 for node in nodes)


def test_topological_order_lists_each_node_once_operands_first():
    y, leaves = graph()
    order = topological_order(y)
    position = {node: i for i, node in enumerate(order)}
    assert len(position) == len(order)
    assert order[-1] is y
    assert all(position[p] < position[n] for n in order for p in n.parents)
    assert set(leaves) <= set(order)
    assert list(y.walk()) == order
