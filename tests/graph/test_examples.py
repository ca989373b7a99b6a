"""The example graphs: they load, say what they are, and hold the numbers they promise."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest

from autograd_studio.engine import Node
from autograd_studio.engine.nn import demo_loss
from autograd_studio.graph import load
from autograd_studio.graph.fileformat import dumps
from autograd_studio.interop import to_node
from autograd_studio.resources import examples_dir
from tests.graph.strategies import same_bits

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = examples_dir()
ALL = sorted(EXAMPLES.glob("*.agraph"))
SMALL = [p for p in ALL if p.stat().st_size < 100_000]


def grads_by_label(path: Path) -> tuple[float, dict[str, float]]:
    doc = load(path)
    result = doc.evaluate()
    assert result.ok, result.problems
    grads = {r.label: result.grad[nid] for nid, r in doc.nodes.items() if r.op is None}
    return result.data[doc.output], grads


def test_the_promised_examples_are_all_there():
    assert {p.name for p in ALL} >= {
        "neuron-dead.agraph",
        "neuron-active.agraph",
        "tanh-neuron.agraph",
        "node-reuse.agraph",
        "mlp-mse.agraph",
        "micrograd-demo.agraph",
    }


@pytest.mark.parametrize("path", SMALL, ids=lambda p: p.name)
def test_every_example_has_a_one_line_description_positions_and_an_output(path):
    doc = load(path)
    description = doc.metadata["description"]
    assert isinstance(description, str) and 20 < len(description) < 200
    assert "\n" not in description
    assert doc.explicit_output is not None
    assert all(record.pos is not None for record in doc.nodes.values())
    assert doc.evaluate().ok


def test_the_seeds_dead_neuron_passes_no_gradient():
    y, grads = grads_by_label(EXAMPLES / "neuron-dead.agraph")
    assert y == 0.0
    assert grads == {"x1": 0.0, "x2": 0.0, "w1": 0.0, "w2": 0.0, "b": 0.0}


def test_the_seeds_active_neuron_has_the_seeds_numbers():
    y, grads = grads_by_label(EXAMPLES / "neuron-active.agraph")
    assert y == pytest.approx(3.6)
    assert grads == {"x1": 1.0, "x2": 0.5, "w1": 2.0, "w2": 3.0, "b": 1.0}


def test_micrograds_tanh_neuron():
    o, grads = grads_by_label(EXAMPLES / "tanh-neuron.agraph")
    assert o == pytest.approx(math.sqrt(0.5), abs=1e-12)
    expected = {"x1": -1.5, "w1": 1.0, "x2": 0.5, "w2": 0.0, "b": 0.5}  # micrograd's README
    assert grads == pytest.approx(expected, abs=1e-12)


def test_node_reuse_sums_every_use():
    y, grads = grads_by_label(EXAMPLES / "node-reuse.agraph")
    assert y == 3.0 * 3.0 + 4 * 3.0
    assert grads == {"a": 2 * 3.0 + 4}


def test_the_mlp_example_matches_the_engine_bit_for_bit():
    doc = load(EXAMPLES / "mlp-mse.agraph")
    result = doc.evaluate()
    nodes = to_node(doc)
    nodes[doc.output].backward()
    assert result.data[doc.output] > 0.0
    for nid, node in nodes.items():
        assert same_bits(result.grad[nid], node.grad), nid
    assert sum(r.kind == "weight" for r in doc.nodes.values()) == 3 * 3 + 3 + 1


@pytest.mark.slow
def test_the_demo_example_is_micrograds_demo_graph():
    path = EXAMPLES / "micrograd-demo.agraph"
    doc = load(path)
    assert len(doc) == 65_818
    assert dumps(doc).encode() == path.read_bytes()  # compact, and written back the same
    loss, params = demo_loss(Node)
    loss.backward()
    result = doc.evaluate()
    assert same_bits(result.data[doc.output], loss.data)
    weights = [nid for nid, r in doc.nodes.items() if r.kind == "weight"]
    assert len(weights) == len(params) == 337
    # Parameters come in the same order (depth first from the loss) in both graphs.
    engine_weights = [p for p in _engine_order_params(loss, params)]
    assert all(
        same_bits(result.grad[nid], p.grad) for nid, p in zip(weights, engine_weights, strict=True)
    )


def _engine_order_params(loss, params):
    from autograd_studio.engine import topological_order

    wanted = {id(p) for p in params}
    return [n for n in topological_order(loss) if id(n) in wanted]


def test_make_examples_builds_what_the_files_hold_and_does_it_deterministically():
    # Positions come from the layout package, which evolves on its own; the graphs, values,
    # labels and descriptions must be exactly what the script builds.
    spec = importlib.util.spec_from_file_location(
        "make_examples", ROOT / "scripts/make_examples.py"
    )
    make_examples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_examples)
    for name, make in make_examples.MAKERS.items():
        if name == "micrograd-demo.agraph":
            continue  # covered above
        built, again, on_disk = make(), make(), load(EXAMPLES / name)
        assert dumps(built) == dumps(again)
        for doc in (built, on_disk):
            for nid in doc.nodes:
                doc.set_pos(nid, None)
        assert dumps(built) == dumps(on_disk), name


def test_the_demo_in_functions_is_micrograds_demo_to_the_last_bit():
    doc = load(EXAMPLES / "micrograd-demo-functions.agraph")
    # readable at fit: the loss as a handful of nodes, each opened level a picture too
    assert len(doc) <= 10
    assert {"mlp", "point_loss", "data_loss", "points_1_10"} <= set(doc.functions)
    assert len(doc.function("data_loss").body) <= 15
    assert all(len(doc.function(f"points_{k}_{k + 9}").body) == 51 for k in range(1, 100, 10))
    xs = [record.pos[0] for record in doc.nodes.values()]
    ys = [record.pos[1] for record in doc.nodes.values()]
    assert max(xs) - min(xs) <= 1000 and max(ys) - min(ys) <= 600  # px, a window at 1:1
    body = doc.function("mlp").body
    owned = [p for p in doc.function("mlp").parameters() if body.nodes[p].kind == "weight"]
    assert len(owned) == 337
    result = doc.evaluate()
    loss, params = demo_loss(Node)
    loss.backward()
    assert result.data[doc.output] == loss.data
    weights = [result.grad[f"@mlp/{p}"] for p in owned]
    assert weights == [p.grad for p in params]
    # inside point 7, its margin term is the demo's 7th
    inside = "data_loss/points_1_10/point7"
    assert result.data[f"{inside}/loss"] == result.data[inside] >= 0.0
