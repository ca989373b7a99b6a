"""Positions from Graphviz ``dot``, run as a subprocess that can be stopped.

The graph goes to ``dot -Tplain`` as DOT text: left-to-right ranks, every node a fixed-size
box of its real size (scene units are points, 72 to the inch), and each edge aimed at a
compass port of its target (``nw``/``sw`` for the two operands of a binary op), which makes
dot's crossing minimisation keep operand 0 above operand 1.  Splines are not routed
(``splines=false``): only the node positions are read back.

The subprocess is started with :class:`subprocess.Popen` on the ``dot`` found on PATH and
polled, so a cancel request or the time limit kills it at once (``graphviz.pipe`` cannot be
interrupted).  The ``graphviz`` package is not needed here.
"""

from __future__ import annotations

import subprocess
import time

from autograd_studio.layout.model import LayoutGraph, Point, checker
from autograd_studio.layout.sizes import NODE_GAP, layer_gap

__all__ = ["DotFailed", "DotTimeout", "dot_layout", "dot_source"]

_POINTS_PER_INCH = 72.0
_POLL_SECONDS = 0.02
# Compass ports for the input ports of a node, by arity (y grows downwards on screen, so
# "n" is the top).  More than three inputs: no port, dot orders those edges freely.
_HEAD_PORTS = {1: ("w",), 2: ("nw", "sw"), 3: ("nw", "w", "sw")}
# dot spends almost all its time on large graphs in the network simplex that places nodes
# within ranks (1,000 nodes: 0.3 s; 5,000: 45 s with no limit).  Bounding its iterations
# to about this many keeps mid-size graphs to seconds at the cost of a less compact picture.
_POSITION_ITERATIONS = 1500


class DotFailed(RuntimeError):
    """``dot`` exited with an error (its message is the exception's text)."""


class DotTimeout(RuntimeError):
    """``dot`` did not finish within the time limit and was stopped."""


def dot_source(graph: LayoutGraph) -> str:
    """The DOT text :func:`dot_layout` feeds to ``dot``; node ``i`` is named ``n<i>``."""
    n = len(graph)
    inch = _POINTS_PER_INCH
    nslimit = min(5.0, max(0.05, _POSITION_ITERATIONS / max(n, 1)))
    lines = [
        "digraph G {",
        f"graph [rankdir=LR, splines=false, nodesep={NODE_GAP / inch:.4f}, "
        f"ranksep={layer_gap(n) / inch:.4f}, nslimit={nslimit:.4f}, mclimit=1, searchsize=30];",
        'node [shape=box, fixedsize=true, label="", margin=0, penwidth=0];',
    ]
    for i, (width, height) in enumerate(graph.sizes):
        lines.append(f"n{i} [width={width / inch:.4f}, height={height / inch:.4f}];")
    arity = graph.arity
    for source, target, port in graph.edges:
        ports = _HEAD_PORTS.get(arity[target])
        head = f":{ports[port]}" if ports is not None and port < len(ports) else ""
        lines.append(f"n{source} -> n{target}{head};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def dot_layout(
    graph: LayoutGraph,
    dot_path: str,
    cancel=None,
    time_limit: float | None = None,
) -> list[Point]:
    """Top-left corners (y downwards, scene units) of every node of *graph* from ``dot``.

    Raises :class:`~autograd_studio.layout.model.LayoutCancelled` when *cancel* fires,
    :class:`DotTimeout` after *time_limit* seconds, :class:`DotFailed` when dot fails;
    in every case the subprocess is gone when this returns or raises.
    """
    check = checker(cancel)
    check()
    source = dot_source(graph).encode("utf-8")
    deadline = None if time_limit is None else time.monotonic() + time_limit
    try:
        process = subprocess.Popen(
            [dot_path, "-Tplain"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError as error:
        raise DotFailed(f"could not run {dot_path}: {error}") from None
    try:
        stdout, stderr = _communicate(process, source, check, deadline, time_limit)
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()
    if process.returncode != 0:
        detail = stderr.decode("utf-8", "replace").strip().splitlines()
        raise DotFailed(
            f"dot exited with status {process.returncode}" + (f": {detail[-1]}" if detail else "")
        )
    return _read_plain(stdout.decode("utf-8", "replace"), graph)


def _communicate(process, source, check, deadline, time_limit):
    first = True
    while True:
        try:
            # After a timeout, communicate() resumes where it stopped; the input is only
            # taken on the first call.
            return process.communicate(source if first else None, timeout=_POLL_SECONDS)
        except subprocess.TimeoutExpired:
            first = False
        check()
        if deadline is not None and time.monotonic() > deadline:
            raise DotTimeout(f"dot did not finish within {time_limit:g} s")


def _read_plain(text: str, graph: LayoutGraph) -> list[Point]:
    """Node centres from ``-Tplain`` (inches, y upwards) -> top-left corners (points, y down)."""
    inch = _POINTS_PER_INCH
    height = 0.0
    centres: list[Point | None] = [None] * len(graph)
    for line in text.splitlines():
        if line.startswith("node "):
            parts = line.split(None, 4)
            index = int(parts[1].strip('"')[1:])
            centres[index] = (float(parts[2]), float(parts[3]))
        elif line.startswith("graph "):
            height = float(line.split()[3])
    positions: list[Point] = []
    for i, centre in enumerate(centres):
        if centre is None:
            raise DotFailed(f"dot's output has no position for node {graph.ids[i]!r}")
        width, box_height = graph.sizes[i]
        positions.append(
            (centre[0] * inch - width / 2, (height - centre[1]) * inch - box_height / 2)
        )
    return positions
