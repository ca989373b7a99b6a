"""Node names as the user sees them: labels, automatic op names, never two alike."""

from __future__ import annotations

from autograd_studio.graph import GraphDocument
from autograd_studio.graph.naming import (
    OPERAND_LIMIT,
    NodeFinder,
    automatic_name,
    find_nodes,
    node_name,
    node_names,
)


def hand_built_neuron() -> tuple[GraphDocument, dict[str, str]]:
    """The neuron as a learner drags it: leaves labelled, ops left unlabelled."""
    doc = GraphDocument()
    ids = {}
    for kind, label in [("input", "x1"), ("weight", "w1"), ("input", "x2")]:
        ids[label] = doc.add_node(kind, label=label, value=1.0)
    for kind, label in [("weight", "w2"), ("weight", "b")]:
        ids[label] = doc.add_node(kind, label=label, value=1.0)
    for name, op, operands in [
        ("m1", "mul", ("w1", "x1")),
        ("m2", "mul", ("w2", "x2")),
        ("s1", "add", ("m1", "m2")),
        ("s2", "add", ("s1", "b")),
        ("y", "relu", ("s2",)),
    ]:
        ids[name] = doc.add_node("op", op=op)
        for port, operand in enumerate(operands):
            doc.connect(ids[operand], ids[name], port)
    return doc, ids


def test_unlabelled_ops_are_named_from_their_operands_like_the_examples():
    doc, ids = hand_built_neuron()
    assert node_name(doc, ids["m1"]) == "w1*x1"
    assert node_name(doc, ids["s1"]) == "w1*x1 + w2*x2"
    assert node_name(doc, ids["s2"]) == "w1*x1 + w2*x2 + b"
    assert node_name(doc, ids["y"]) == "relu(w1*x1 + w2*x2 + b)"


def test_labels_win_and_the_names_below_follow_them():
    doc, ids = hand_built_neuron()
    doc.set_label(ids["s2"], "z")
    assert node_name(doc, ids["y"]) == "relu(z)"
    doc.set_label(ids["x1"], "age")
    assert node_name(doc, ids["m1"]) == "w1*age"


def test_precedence_gets_parentheses_where_the_reading_would_change():
    doc = GraphDocument()
    a, b, c = (doc.add_node("input", label=n, value=1.0) for n in "abc")
    s = doc.add_node("op", op="add")
    doc.connect(a, s, 0)
    doc.connect(b, s, 1)
    m = doc.add_node("op", op="mul")
    doc.connect(s, m, 0)
    doc.connect(c, m, 1)
    d = doc.add_node("op", op="sub")
    doc.connect(c, d, 0)
    doc.connect(s, d, 1)
    assert node_name(doc, m) == "(a + b)*c"
    assert node_name(doc, d) == "c - (a + b)"


def test_an_unwired_port_reads_as_a_question_mark():
    doc = GraphDocument()
    x = doc.add_node("input", label="x", value=1.0)
    m = doc.add_node("op", op="mul")
    doc.connect(x, m, 1)
    assert automatic_name(doc, m) == "?*x"


def test_long_operands_are_called_by_their_id_so_names_stay_short():
    doc = GraphDocument()
    node = doc.add_node("input", label="x", value=1.0)
    for _ in range(40):  # a chain x+x, (x+x)+(x+x), ...
        total = doc.add_node("op", op="add")
        doc.connect(node, total, 0)
        doc.connect(node, total, 1)
        node = total
    name = node_name(doc, node)
    assert len(name) <= 2 * OPERAND_LIMIT + 3
    assert "add" in name  # an operand by its id


def test_two_different_nodes_never_get_the_same_name():
    doc = GraphDocument()
    x = doc.add_node("input", label="x", value=1.0)
    y = doc.add_node("input", label="x", value=2.0)  # the same label twice
    first = doc.add_node("op", op="neg")
    second = doc.add_node("op", op="neg")
    doc.connect(x, first, 0)
    doc.connect(x, second, 0)
    names = node_names(doc)
    assert len(set(names.values())) == len(names)
    assert names[x] == "x" and names[y] == f"x [{y}]"  # a node named as its id keeps it
    assert names[first] == f"-x [{first}]" and names[second] == f"-x [{second}]"


def test_find_matches_names_and_ids_best_first():
    doc, ids = hand_built_neuron()
    assert find_nodes(doc, "") == []
    assert find_nodes(doc, "B")[0] == ids["b"]  # the exact match first, any case
    found = find_nodes(doc, "w1")
    assert found[0] == ids["w1"] and ids["m1"] in found  # "w1*x1" contains it
    assert find_nodes(doc, "relu") == [ids["y"]]  # its automatic name
    assert find_nodes(doc, "nothing like it") == []


def deep_mixed_graph(layers: int = 9) -> GraphDocument:
    """Layers of adds, muls, subs and relus over two inputs, deeper than any name spells
    out, each node used by several of the next layer."""
    doc = GraphDocument()
    row = [doc.add_node("input", label="a", value=1.0), doc.add_node("weight", value=2.0)]
    ops = ["add", "mul", "sub", "relu", "div", "neg"]
    for layer in range(layers):
        new = []
        for k in range(4):
            op = ops[(layer + k) % len(ops)]
            nid = doc.add_node("op", op=op)
            for port in range(1 if op in ("relu", "neg") else 2):
                doc.connect(row[(k + port) % len(row)], nid, port)
            new.append(nid)
        row = new
    return doc


def test_every_name_at_once_is_each_name_on_its_own():
    """node_names writes each operand once per depth for all its users: the same text as
    naming the nodes one by one."""
    doc = deep_mixed_graph()
    names = node_names(doc)
    alone = {nid: node_name(doc, nid) for nid in doc.nodes}
    for nid, name in names.items():
        assert name in (alone[nid], f"{alone[nid]} [{nid}]")
    assert any(len(name) > OPERAND_LIMIT for name in alone.values())  # deep enough


def test_a_finder_follows_the_document_between_searches():
    doc, ids = hand_built_neuron()
    finder = NodeFinder(doc)
    assert finder.find("relu") == find_nodes(doc, "relu") == [ids["y"]]
    assert finder.find("loss") == []
    doc.set_label(ids["y"], "loss")  # renamed between two letters typed
    assert finder.find("loss") == [ids["y"]]
    assert finder.find("relu") == find_nodes(doc, "relu")  # (by its id now)
    doc.disconnect(ids["s2"], 1)  # b no longer in s2's name
    assert ids["s2"] not in finder.find("b")
    assert finder.find("b") == find_nodes(doc, "b")


def test_names_are_kept_per_version_and_each_call_gets_its_own_dict():
    doc, ids = hand_built_neuron()
    first = node_names(doc)
    first[ids["y"]] = "scribbled on"
    assert node_names(doc)[ids["y"]] == node_name(doc, ids["y"]) != "scribbled on"
    doc.set_label(ids["s2"], "z")  # every name written from it follows
    assert node_names(doc)[ids["y"]] == "relu(z)"
    doc.connect(ids["m1"], ids["s2"], 1, replace=True)
    doc.set_label(ids["s2"], "")
    assert node_names(doc)[ids["s2"]] == node_name(doc, ids["s2"])
