"""A set of node ids that knows them as a mask over a list of ids too."""

from __future__ import annotations

import numpy as np

from autograd_studio.graph.node_set import NodeSet


def test_a_node_set_is_the_frozenset_of_its_masked_ids():
    ids = ["a", "b", "c", "d"]
    marked = NodeSet(ids, np.array([True, False, False, True]))
    assert marked == frozenset({"a", "d"}) and "b" not in marked and len(marked) == 2
    assert marked.rows_in(ids).tolist() == [0, 3]
    assert marked.rows_in(list(ids)).tolist() == [0, 3]  # an equal list lines up too
    assert marked.rows_in(["d", "c", "b", "a"]) is None  # another order: look them up
    assert marked.rows_in(ids[:3]) is None
