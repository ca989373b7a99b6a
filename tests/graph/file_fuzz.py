"""Hostile ``.agraph`` files, generated from a seed: what the suite's fuzz test runs a few
hundred of and ``scripts/fuzz_files.py`` runs tens of thousands of.

Each case starts from an example file and mutates it the ways a careful adversary and a
clumsy user do: a root that is only ``NaN`` or ``1e999``, nesting hundreds or thousands
deep, flipped and truncated bytes, fields replaced by values of every JSON type, huge and
tiny numbers, odd Unicode, duplicate keys, other versions.  :func:`outcome` loads a case
and, when it loads, evaluates, traces, round-trips and exports it: the result is
``"refused"`` (one GraphFileError), ``"loaded"``, or ``"crash: <Exception>"``.
"""

from __future__ import annotations

import contextlib
import json
import random
from pathlib import Path
from typing import Any

from autograd_studio.analysis.trace import backward_trace
from autograd_studio.graph import GraphFileError
from autograd_studio.graph.fileformat import dumps, loads
from autograd_studio.interop.codegen import EXPORTERS, CodegenError

EXAMPLES = Path(__file__).resolve().parents[2] / "autograd_studio" / "resources" / "examples"
SEEDS = {
    p.name: p.read_bytes() for p in sorted(EXAMPLES.glob("*.agraph")) if p.stat().st_size < 100_000
}

LITERALS = ["NaN", "Infinity", "-Infinity", "1e999", "-1e999", "-0.0", "5e-324", "1e308"]
ODD_TEXT = [
    "", " ", "\u0000", "\ud800", "\u202e", "é", "名", "\U0001f600", "x\ny", "'\"\\", "a" * 10_000,
    "__builtins__", "None", "class", "x1", "mul", "op", "input", "weight", "relu",
]  # fmt: skip
KINDS = [
    "root", "nesting", "bytes", "replace", "numbers", "text", "duplicate-key", "version",
    "delete", "swap-ids",
]  # fmt: skip


def case(seed: int) -> tuple[str, bytes]:
    """The case for *seed*: ``(kind, file bytes)``; the same seed gives the same bytes."""
    rng = random.Random(seed)
    kind = KINDS[seed % len(KINDS)]
    name = rng.choice(sorted(SEEDS))
    raw = SEEDS[name]
    return kind, globals()[f"_{kind.replace('-', '_')}"](rng, raw)


def _root(rng: random.Random, raw: bytes) -> bytes:
    choices = [*LITERALS, "null", "true", "[]", "{}", '""', "[NaN]", '{"format": NaN}', "0"]
    return (rng.choice(["", " ", "\ufeff", "\n"]) + rng.choice(choices)).encode()


def _nesting(rng: random.Random, raw: bytes) -> bytes:
    depth = rng.choice([60, 65, 100, 500, 1000, 5000, 50_000])
    opener, closer = rng.choice([("[", "]"), ('{"k":', "}"), ('[{"k":', "}]")])
    deep = opener * depth + rng.choice(["1", "NaN", "[]", '"x"']) + closer * depth
    data = json.loads(raw)
    where = rng.choice(["top", "node", "edge", "nodes"])
    if where == "top":
        data["junk"] = "__DEEP__"
    elif where == "node" and data["nodes"]:
        rng.choice(data["nodes"])["extra"] = "__DEEP__"
    elif where == "edge" and data.get("edges"):
        rng.choice(data["edges"])["from"] = "__DEEP__"
    else:
        data["nodes"] = "__DEEP__"
    return json.dumps(data).replace('"__DEEP__"', deep).encode()


def _bytes(rng: random.Random, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(max(len(data), 1))
        action = rng.choice(["flip", "insert", "delete", "truncate", "swap"])
        if action == "flip" and data:
            data[at] ^= 1 << rng.randrange(8)
        elif action == "insert":
            data[at:at] = rng.choice([b"\x00", b"\xff", b"{", b"]", b'"', b",", b"NaN", b"\\u"])
        elif action == "delete":
            del data[at : at + rng.randint(1, 32)]
        elif action == "truncate":
            del data[at:]
        elif action == "swap" and data:
            other = rng.randrange(len(data))
            data[at], data[other] = data[other], data[at]
    return bytes(data)


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _paths(item, (*prefix, i))
    return found


def _at(data: Any, path: tuple) -> tuple[Any, Any]:
    for key in path[:-1]:
        data = data[key]
    return data, path[-1]


def _random_value(rng: random.Random, depth: int = 0) -> Any:
    pick = rng.randrange(9 if depth < 3 else 7)
    if pick == 0:
        return None
    if pick == 1:
        return rng.choice([True, False])
    if pick == 2:
        return rng.choice([0, -1, 1, 2, 3, 2**53 + 1, 2**63, 10**30, -(10**30)])
    if pick == 3:
        return rng.choice([0.5, -0.0, 1e308, -1e308, 5e-324, 1e-310, 3.25, -7.0])
    if pick in (4, 5):
        return rng.choice(ODD_TEXT)
    if pick == 6:
        return "__LITERAL__"
    if pick == 7:
        return [_random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {
        rng.choice(ODD_TEXT[:10]): _random_value(rng, depth + 1) for _ in range(rng.randint(0, 3))
    }


def _dump(data: Any, rng: random.Random) -> bytes:
    text = json.dumps(data, ensure_ascii=rng.random() < 0.5)
    while '"__LITERAL__"' in text:
        text = text.replace('"__LITERAL__"', rng.choice(LITERALS), 1)
    return text.encode("utf-8", "surrogatepass")


def _replace(rng: random.Random, raw: bytes) -> bytes:
    data = json.loads(raw)
    for _ in range(rng.randint(1, 3)):
        parent, key = _at(data, rng.choice([p for p in _paths(data) if p]))
        parent[key] = _random_value(rng)
    return _dump(data, rng)


def _numbers(rng: random.Random, raw: bytes) -> bytes:
    data = json.loads(raw)
    for node in data["nodes"]:
        if "value" in node and rng.random() < 0.5:
            node["value"] = rng.choice(
                [1e308, -1e308, 5e-324, 1e-310, 710.0, -745.0, 1e154, "__LITERAL__"]
            )
        if "pos" in node and rng.random() < 0.2:
            node["pos"] = [rng.choice([1e308, -1e308, 1e20, "__LITERAL__"]), 0]
    return _dump(data, rng)


def _text(rng: random.Random, raw: bytes) -> bytes:
    data = json.loads(raw)
    for node in data["nodes"]:
        field = rng.choice(["id", "label", "label", "op", "kind"])
        if rng.random() < 0.3:
            node[field] = rng.choice(ODD_TEXT)
    if rng.random() < 0.3:
        data["description"] = rng.choice(ODD_TEXT)
    return _dump(data, rng)


def _duplicate_key(rng: random.Random, raw: bytes) -> bytes:
    text = raw.decode()
    key = rng.choice(['"id": ', '"kind": ', '"nodes": ', '"version": ', '"from": '])
    at = text.find(key)
    if at < 0:
        return raw
    return (text[:at] + key + rng.choice(['"x", ', "1, ", "[], "]) + text[at:]).encode()


def _version(rng: random.Random, raw: bytes) -> bytes:
    data = json.loads(raw)
    data["version"] = rng.choice([0, 1, 2, 3, 99, -1, "1", 1.0, True, None, 2**64, "__LITERAL__"])
    return _dump(data, rng)


def _delete(rng: random.Random, raw: bytes) -> bytes:
    data = json.loads(raw)
    for _ in range(rng.randint(1, 3)):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        parent, key = _at(data, rng.choice(paths))
        del parent[key]
    return _dump(data, rng)


def _swap_ids(rng: random.Random, raw: bytes) -> bytes:
    data = json.loads(raw)
    ids = [node["id"] for node in data["nodes"]]
    if len(ids) >= 2:
        a, b = rng.sample(ids, 2)
        for node in data["nodes"]:
            if node["id"] == a:
                node["id"] = rng.choice([b, "ghost", "__builtins__"])
    for edge in data.get("edges", []):
        if rng.random() < 0.1:
            edge["to"] = edge["from"]
    return _dump(data, rng)


def outcome(raw: bytes) -> str:
    """What loading *raw* gives: ``refused``, ``loaded`` (and everything after works), or
    ``crash: ExceptionType: message`` for anything else."""
    try:
        doc = loads(raw, path="fuzz.agraph")
    except GraphFileError as exc:
        message = str(exc)
        if not message.startswith("fuzz.agraph: $") or "\n" in message.strip():
            return f"crash: a GraphFileError that is not one clear line: {message[:120]!r}"
        return "refused"
    except Exception as exc:  # the finding: anything but a GraphFileError
        return f"crash: {type(exc).__name__}: {str(exc)[:120]}"
    try:
        result = doc.evaluate()
        backward_trace(doc, result)
        if loads(dumps(doc)) != doc:
            return "crash: the document does not round-trip"
        for export in EXPORTERS.values():
            with contextlib.suppress(CodegenError):  # not exportable: said clearly
                compile(export(doc), "exported.py", "exec")
    except Exception as exc:
        return f"crash: after loading: {type(exc).__name__}: {str(exc)[:120]}"
    return "loaded"
