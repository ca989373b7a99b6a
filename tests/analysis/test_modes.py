"""Reverse and forward mode side by side, and the per-document choice of mode."""

from __future__ import annotations

from autograd_studio.analysis.modes import (
    FORWARD,
    DerivativeChoice,
    ModeComparison,
    compare_modes,
    derivative_choice,
    set_derivative_choice,
)
from autograd_studio.graph import load
from autograd_studio.graph.fileformat import dumps, loads
from autograd_studio.resources import examples_dir

EXAMPLES = examples_dir()


def test_both_modes_give_the_neurons_dy_dw1_and_count_their_passes():
    doc = load(EXAMPLES / "neuron-active.agraph")
    comparison = compare_modes(doc, "y", "w1")
    assert comparison.reverse == comparison.forward == 2.0
    assert comparison.agree
    assert comparison.reverse_passes == 1
    assert comparison.forward_passes == 5  # x1, x2, w1, w2, b: one forward pass each


def test_a_pair_without_influence_has_no_number_in_either_mode():
    doc = load(EXAMPLES / "neuron-active.agraph")
    comparison = compare_modes(doc, "mul2", "w1")  # w2*x2 does not depend on w1
    assert comparison.reverse is None and comparison.forward is None
    assert comparison.agree
    assert comparison.forward_passes == 2  # mul2 depends on w2 and x2 only


def test_agreement_allows_rounding_and_nothing_more():
    assert ModeComparison("t", "w", 0.1 + 0.2, 0.3, 1).agree
    assert not ModeComparison("t", "w", 1.0, 1.0 + 1e-6, 1).agree
    assert ModeComparison("t", "w", float("nan"), float("nan"), 1).agree
    assert not ModeComparison("t", "w", float("inf"), 1e308, 1).agree
    assert not ModeComparison("t", "w", 0.0, None, 1).agree


def test_the_choice_is_kept_in_the_file_and_bad_values_are_ignored():
    doc = load(EXAMPLES / "neuron-active.agraph")
    assert derivative_choice(doc) == DerivativeChoice()
    choice = DerivativeChoice(FORWARD, target="mul1", wrt="w1")
    set_derivative_choice(doc, choice)
    again = loads(dumps(doc))
    assert derivative_choice(again) == choice
    doc.remove_node("w1")
    assert derivative_choice(doc) == DerivativeChoice(FORWARD, target="mul1", wrt=None)
    doc.metadata["derivatives"] = {"mode": "sideways", "wrt": 3}
    assert derivative_choice(doc) == DerivativeChoice()
    set_derivative_choice(doc, DerivativeChoice())
    assert "derivatives" not in loads(dumps(doc)).metadata
