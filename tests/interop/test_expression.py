"""Python expression -> document: the whitelist, node reuse, labels, and refusals with columns."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_studio import Node
from autograd_studio.engine import OPS
from autograd_studio.interop.expression import (
    ExpressionError,
    from_expression,
    is_weight_name,
)

SEED_ACTIVE = {"x1": 2.0, "x2": 3.0, "w1": 1.0, "w2": 0.5, "b": 0.1}


def structure(doc):
    """(kind, op, label, operand labels) per node, a readable fingerprint of a document."""
    rows = []
    for node_id, record in doc.nodes.items():
        operands = [doc.nodes[s].label for s in doc.inputs_of(node_id)] if record.op else []
        rows.append((record.kind, record.op, record.label, operands))
    return rows


def test_seed_neuron_becomes_the_expected_graph_with_the_seed_gradients():
    doc = from_expression("relu(w1*x1 + w2*x2 + b)", values=SEED_ACTIVE)
    assert structure(doc) == [
        ("weight", None, "w1", []),
        ("input", None, "x1", []),
        ("weight", None, "w2", []),
        ("input", None, "x2", []),
        ("weight", None, "b", []),
        ("op", "mul", "w1*x1", ["w1", "x1"]),
        ("op", "mul", "w2*x2", ["w2", "x2"]),
        ("op", "add", "w1*x1 + w2*x2", ["w1*x1", "w2*x2"]),
        ("op", "add", "w1*x1 + w2*x2 + b", ["w1*x1 + w2*x2", "b"]),
        ("op", "relu", "relu(w1*x1 + w2*x2 + b)", ["w1*x1 + w2*x2 + b"]),
    ]
    result = doc.evaluate()
    assert doc.output == "relu"
    assert result.data["relu"] == pytest.approx(3.6)
    grads = {doc.nodes[i].label: result.grad[i] for i in doc.nodes}
    assert grads["w1"] == 2.0 and grads["w2"] == 3.0 and grads["b"] == 1.0
    assert grads["x1"] == 1.0 and grads["x2"] == 0.5


def test_every_node_is_unplaced():
    doc = from_expression("tanh(x) * 2")
    assert all(record.pos is None for record in doc.nodes.values())


def test_a_repeated_name_is_one_node_used_twice():
    doc = from_expression("a*a", values={"a": 3.0})
    assert list(doc.nodes) == ["a", "mul"]
    assert doc.inputs_of("mul") == ["a", "a"]
    assert doc.evaluate().grad["a"] == 6.0


def test_reuse_through_intermediate_values_matches_the_engine():
    # b = a + a; c = b + b written out: a appears four times, as the same node.
    doc = from_expression("(a + a) + (a + a)", values={"a": 1.5})
    assert [r.kind for r in doc.nodes.values()].count("input") == 1
    a = Node(1.5)
    c = (a + a) + (a + a)
    c.backward()
    result = doc.evaluate()
    assert result.data[doc.output] == c.data
    assert result.grad["a"] == a.grad == 4.0


def test_constants_become_labelled_inputs_one_per_occurrence_like_the_engine():
    doc = from_expression("2*x + 2 - -3 + 0.5**x")
    constants = [r for r in doc.nodes.values() if r.kind == "input" and r.label != "x"]
    assert [(r.label, r.value) for r in constants] == [
        ("2", 2.0),
        ("2", 2.0),
        ("-3", -3.0),
        ("0.5", 0.5),
    ]
    # The engine labels its constant leaves the same way.
    assert (2 * Node(1.0)).parents[0].label == "2"


def test_unary_minus_is_neg_and_unary_plus_disappears():
    doc = from_expression("-x + +y")
    assert [r.op for r in doc.nodes.values() if r.op] == ["neg", "add"]
    assert doc.nodes[doc.output].label == "-x + +y"


def test_functions_and_methods_of_the_registry():
    doc = from_expression("exp(x) + x.tanh() + pow(x, 3) + sigmoid(x).log()")
    ops = [r.op for r in doc.nodes.values() if r.op]
    assert ops.count("add") == 3
    assert {"exp", "tanh", "pow", "sigmoid", "log"} <= set(ops)
    assert len([r for r in doc.nodes.values() if r.label == "x"]) == 1


@pytest.mark.parametrize("name", [n for n in OPS if OPS[n].arity == 1])
def test_every_unary_op_is_callable_by_name(name):
    doc = from_expression(f"{name}(x)", values={"x": 0.5})
    assert doc.nodes[doc.output].op == name
    assert doc.evaluate().data[doc.output] == OPS[name].forward(0.5)


def test_values_weights_and_the_naming_convention():
    assert is_weight_name("w") and is_weight_name("w1") and is_weight_name("b2")
    assert is_weight_name("w_out") and is_weight_name("bias") and is_weight_name("weight3")
    assert not is_weight_name("x1") and not is_weight_name("beta") and not is_weight_name("wx")
    doc = from_expression("w*x + beta", values={"x": 4.0})
    kinds = {r.label: (r.kind, r.value) for r in doc.nodes.values() if not r.op}
    assert kinds == {"w": ("weight", 0.0), "x": ("input", 4.0), "beta": ("input", 0.0)}
    chosen = from_expression("w*x + beta", weights={"beta"})
    assert {r.label for r in chosen.nodes.values() if r.kind == "weight"} == {"beta"}


def test_a_value_or_weight_for_a_name_not_in_the_expression_is_refused():
    with pytest.raises(ExpressionError, match="no name 'y'"):
        from_expression("x + 1", values={"y": 2.0})
    with pytest.raises(ExpressionError, match="no name 'v'"):
        from_expression("x + 1", weights=["v"])


def test_names_that_are_not_valid_ids_keep_their_label():
    doc = from_expression("α*β + α")
    labels = [r.label for r in doc.nodes.values() if not r.op]
    assert labels == ["α", "β"]


def test_op_ids_never_collide_with_names():
    values = {"mul1": 2.0, "mul2": 3.0, "x": 1.0, "add1": 5.0, "mul3": 7.0}
    doc = from_expression("mul1 * mul2 * x + add1 * mul3", values=values)
    assert doc.evaluate().data[doc.output] == 2.0 * 3.0 * 1.0 + 5.0 * 7.0
    assert all(doc.nodes[name].kind == "input" for name in values)


def test_long_labels_are_shortened_and_long_chains_stay_fast():
    doc = from_expression(" + ".join(f"x{i}" for i in range(1500)))
    assert len(doc) == 1500 + 1499
    assert all(len(r.label) <= 40 for r in doc.nodes.values())
    assert doc.nodes[doc.output].label.endswith("…")


def test_multi_line_and_padded_text():
    doc = from_expression("\n  (w*x\n   + b)  ")
    assert doc.nodes[doc.output].label == "w*x + b"


@pytest.mark.parametrize(
    ("text", "column", "what"),
    [
        ("x + os.system", 5, "attribute access is not allowed ('os.system')"),
        ("os.system('rm')", 1, "attribute access is not allowed ('os.system')"),
        ("x.__class__", 1, "attribute access is not allowed ('x.__class__')"),
        ("(lambda: 1)()", 2, "lambda is not allowed"),
        ("__import__('os')", 1, "calling '__import__' is not allowed"),
        ("x + [y for y in z]", 5, "list comprehensions are not allowed"),
        ("x + {y: 1 for y in z}", 5, "dict comprehensions are not allowed"),
        ("max(y for y in z)", 1, "calling 'max' is not allowed"),
        ("sum(x)", 1, "sum takes 2 or more operands, got 1"),
        ("x[0]", 1, "subscripts are not allowed"),
        ("relu(x, y=1)", 9, "keyword arguments are not allowed ('y=1')"),
        ("x * 'a'", 5, "strings are not allowed"),
        ("x and y", 1, "boolean operators are not allowed"),
        ("x < y", 1, "comparisons are not allowed"),
        ("(y := 2) * x", 2, "assignment expressions (:=) are not allowed"),
        ("x + f'{y}'", 5, "f-strings are not allowed"),
        ("x // 2", 1, "the operator '//' is not allowed"),
        ("x % 2", 1, "the operator '%' is not allowed"),
        ("~x", 1, "the operator '~' is not allowed"),
        ("not x", 1, "the operator 'not' is not allowed"),
        ("x if y else z", 1, "conditional expressions are not allowed"),
        ("(x, y)", 1, "tuples are not allowed"),
        ("True * x", 1, "the constant True is not allowed"),
        ("1j", 1, "the constant 1j is not allowed"),
        ("x.foo()", 1, "attribute access is not allowed ('x.foo')"),
        ("exp(x, y)", 1, "exp takes 1 operand(s), got 2"),
        ("relu(*xs)", 6, "starred arguments are not allowed"),
        ("relu + 1", 1, "'relu' is an operator"),
        ("__builtins__ * 2", 1, "the name '__builtins__' is not allowed"),
        ("1e999 * x", 1, "the number 1e999 is too large"),
        ("x +* 2", 4, "invalid syntax"),
        ("x +", 4, "invalid syntax"),
        ("x ** 2 + é.real", 10, "attribute access is not allowed ('é.real')"),
        ("   x.y", 4, "attribute access is not allowed ('x.y')"),
    ],
)
def test_refusals_name_what_and_the_column(text, column, what):
    with pytest.raises(ExpressionError) as caught:
        from_expression(text)
    error = caught.value
    assert error.column == column, str(error)
    assert what in str(error)
    assert str(error).startswith(f"column {column}: ")


def test_a_refusal_on_a_later_line_names_the_line():
    with pytest.raises(ExpressionError, match=r"^line 2, column 4: attribute access") as caught:
        from_expression("(x +\n   os.path)")
    assert (caught.value.line, caught.value.column) == (2, 4)


@pytest.mark.parametrize("text", ["", "   ", "\n", "\0", "x\0"])
def test_empty_and_binary_text_is_refused(text):
    with pytest.raises(ExpressionError):
        from_expression(text)


def test_too_deep_for_the_parser_is_a_clear_refusal():
    with pytest.raises(ExpressionError, match="nested"):
        from_expression("(" * 500 + "x" + ")" * 500)
    with pytest.raises(ExpressionError, match="too long or nested too deeply"):
        from_expression("-" * 200_000 + "x")


def test_nothing_is_ever_evaluated(monkeypatch):
    import builtins

    def forbidden(*args, **kwargs):
        raise AssertionError("eval/exec called")

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    monkeypatch.setattr(builtins, "__import__", _only_already_imported(builtins.__import__))
    with pytest.raises(ExpressionError):
        from_expression("__import__('os').system('false')")
    assert from_expression("relu(x)").nodes["relu"].op == "relu"


def _only_already_imported(real_import):
    import sys

    def guarded(name, *args, **kwargs):
        if name not in sys.modules:
            raise AssertionError(f"import of {name!r} during expression import")
        return real_import(name, *args, **kwargs)

    return guarded


EXPRESSION_ALPHABET = string.ascii_letters[:8] + string.digits[:4] + "+-*/().,_ eéw" + "'[]:=<"


@settings(max_examples=300)
@given(st.text(alphabet=string.printable, max_size=40))
def test_random_printable_text_raises_nothing_but_expression_error(text):
    try:
        doc = from_expression(text)
    except ExpressionError as error:
        assert error.column is None or error.column >= 1
    else:
        doc.evaluate()  # whatever parses is a valid, evaluable document


@settings(max_examples=300)
@given(st.text(alphabet=EXPRESSION_ALPHABET, max_size=30))
def test_random_near_expressions_raise_nothing_but_expression_error(text):
    try:
        doc = from_expression(text)
    except ExpressionError as error:
        if error.column is not None:
            assert 1 <= error.column <= len(text) + 1
    else:
        assert doc.output is not None


def test_parsing_prints_no_compiler_warnings(recwarn):
    # "1if" is the kind of text whose parse makes Python emit a SyntaxWarning.
    with pytest.raises(ExpressionError):
        from_expression("1if x")
    assert not [w for w in recwarn if issubclass(w.category, SyntaxWarning)]
