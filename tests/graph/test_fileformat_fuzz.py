"""Fuzzing the loader: random bytes and mutated example files give a GraphFileError or a
valid document, never any other exception."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autograd_studio.graph import GraphDocument, GraphFileError
from autograd_studio.graph.fileformat import dumps, loads
from autograd_studio.resources import examples_dir

EXAMPLES = examples_dir()
SMALL = {
    p.name: p.read_bytes() for p in sorted(EXAMPLES.glob("*.agraph")) if p.stat().st_size < 100_000
}
FUZZ = settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])


def survives(raw: bytes | str) -> GraphDocument | None:
    """Load *raw*: a GraphFileError is fine; anything else fails the test.  A document that
    loads must also evaluate and write back to text that loads to the same document."""
    try:
        doc = loads(raw, path="fuzz.agraph")
    except GraphFileError as exc:
        assert str(exc).startswith("fuzz.agraph: $")
        assert exc.where is not None and exc.where.startswith("$")
        return None
    doc.evaluate()
    assert loads(dumps(doc)) == doc
    return doc


@FUZZ
@given(st.binary(max_size=400))
def test_random_bytes(raw):
    survives(raw)


@FUZZ
@given(st.sampled_from(sorted(SMALL)), st.data())
def test_byte_level_mutations_of_the_examples(name, data):
    raw = bytearray(SMALL[name])
    for _ in range(data.draw(st.integers(1, 4))):
        kind = data.draw(st.sampled_from(["flip", "insert", "delete", "truncate", "swap"]))
        at = data.draw(st.integers(0, max(len(raw) - 1, 0)))
        if kind == "flip" and raw:
            raw[at] ^= 1 << data.draw(st.integers(0, 7))
        elif kind == "insert":
            raw[at:at] = data.draw(st.binary(min_size=1, max_size=8))
        elif kind == "delete":
            del raw[at : at + data.draw(st.integers(1, 16))]
        elif kind == "truncate":
            del raw[at:]
        elif kind == "swap" and raw:
            other = data.draw(st.integers(0, len(raw) - 1))
            raw[at], raw[other] = raw[other], raw[at]
    survives(bytes(raw))


# JSON values that probe every type check: wrong types, edge numbers, odd strings.
JSON_VALUES = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**30), max_value=10**30),
        st.sampled_from([0, -1, 1, 2, 2**63, 10**400, 0.5, -0.0, 1e308]),
        st.floats(allow_nan=False, allow_infinity=False),
        st.text(max_size=6),
        st.sampled_from(["a", "n", "x1", "mul", "op", "input", "weight", "relu", "", "\n"]),
    ),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children, max_size=3)
    ),
    max_leaves=6,
)
LITERALS = ["NaN", "Infinity", "-Infinity", "1e999", "-1e999"]


def paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    """Every path (tuple of keys and indexes) in a parsed JSON value."""
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += paths(item, (*prefix, i))
    return found


def parent_of(data: Any, path: tuple) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


@FUZZ
@given(st.sampled_from(sorted(SMALL)), st.data())
def test_structural_mutations_of_the_examples(name, data):
    parsed = json.loads(SMALL[name])
    literal = None
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from([p for p in paths(parsed) if p]))
        parent, key = parent_of(parsed, path), path[-1]
        action = data.draw(st.sampled_from(["replace", "delete", "duplicate", "literal"]))
        if action == "replace":
            parent[key] = data.draw(JSON_VALUES)
        elif action == "delete":
            del parent[key]
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(key, json.loads(json.dumps(parent[key])))
        elif action == "literal" and literal is None:
            literal = data.draw(st.sampled_from(LITERALS))
            parent[key] = "__LITERAL__"
    text = json.dumps(parsed)
    if literal is not None:
        text = text.replace('"__LITERAL__"', literal)
    survives(text)


@settings(max_examples=40)
@given(st.data())
def test_renamed_ids_dangle_or_collide_clearly(data):
    parsed = json.loads(SMALL["mlp-mse.agraph"])
    ids = [node["id"] for node in parsed["nodes"]]
    victim = data.draw(st.sampled_from(ids))
    new = data.draw(st.sampled_from([*ids, "ghost"]))
    for node in parsed["nodes"]:
        if node["id"] == victim:
            node["id"] = new
    doc = survives(json.dumps(parsed))
    assert doc is None or new == victim


@pytest.mark.parametrize("fraction", [0.001, 0.5, 0.999999])
def test_the_big_example_truncated_anywhere_is_refused(fraction):
    raw = (EXAMPLES / "micrograd-demo.agraph").read_bytes()
    with pytest.raises(GraphFileError, match="truncated"):
        loads(raw[: int(len(raw) * fraction)], path="micrograd-demo.agraph")
