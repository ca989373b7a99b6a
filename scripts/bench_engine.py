#!/usr/bin/env python3
"""Time Autograd Studio's engine against micrograd 0.1.0 and PyTorch scalar autograd.

Every engine builds micrograd's demo loss graph (``autograd_studio.engine.nn.demo_loss``:
MLP(2, [16, 16, 1]) on 100 two-moons points, max-margin loss + 1e-4 L2) through its own
value type, in this one process, interleaved, several repetitions; the medians of forward,
backward and their total are printed with the ratio to micrograd's.  The graphs must agree
(node and op counts, loss, parameter gradients) or the script exits 1.

The cyclic garbage collector stays enabled, as in real use: micrograd's per-node closures
make every node a reference cycle, and the collector passes they cause are most of its
forward time.  Before each measurement ``gc.collect()`` clears the previous engine's
garbage (untimed), so no engine pays for another's; the gc lines say what each run did.
Every repetition measures twice: with the heap as it is (a full collection then also
walks the ~160,000 objects that importing torch created) and with those objects frozen
(``gc.freeze``), which is what a script importing only one engine sees.

Then the deepest chain ``y = y + c`` each engine survives: ours up to ``--chain`` (1e6)
nodes; micrograd until its recursive topological sort hits the default recursion limit
(bisected); PyTorch at a few sizes in a subprocess (a crash cannot take this script down),
within ``--chain-budget`` seconds.

    .venv/bin/python scripts/bench_engine.py            # 5 repetitions, chains to 1e6
    .venv/bin/python scripts/bench_engine.py --quick    # 3 repetitions, chains to 1e5
"""

from __future__ import annotations

import argparse
import gc
import importlib.metadata
import json
import math
import platform
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from autograd_studio import Node
from autograd_studio.engine.nn import demo_loss


@dataclass
class Runs:
    """What the repetitions of one engine measured under one gc condition."""

    times: dict[str, list[float]] = field(default_factory=dict)  # phase -> seconds
    gc_runs: list[tuple[int, int, int]] = field(default_factory=list)  # collections per gen
    leftover: list[int] = field(default_factory=list)  # objects only the cycle collector freed
    leftover_time: list[float] = field(default_factory=list)  # seconds that collect took


@dataclass
class Engine:
    name: str
    value: Callable[[float], Any]  # the value factory demo_loss builds with
    count: Callable[[Any], tuple[int | None, int]]  # loss -> (values, ops)
    scalar: Callable[[Any], float]  # a value's data as a float
    grad: Callable[[Any], float]  # a value's grad as a float
    runs: dict[bool, Runs] = field(default_factory=lambda: {False: Runs(), True: Runs()})


def count_values_and_ops(loss: Any) -> tuple[int, int]:
    """Values and op nodes of an engine graph linked by ``_prev`` (ours, micrograd)."""
    seen = {loss}
    stack = [loss]
    ops = 0
    while stack:
        node = stack.pop()
        ops += bool(node._prev)
        for parent in node._prev:
            if parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return len(seen), ops


def count_torch_ops(loss: Any) -> tuple[None, int]:
    """Op nodes of a PyTorch autograd graph (its functions, not the AccumulateGrad leaves).

    PyTorch keeps no node for a Python-number constant, so only the op count compares."""
    seen = {loss.grad_fn}
    stack = [loss.grad_fn]
    ops = 0
    while stack:
        fn = stack.pop()
        ops += type(fn).__name__ != "AccumulateGrad"
        for parent, _ in fn.next_functions:
            if parent is not None and parent not in seen:
                seen.add(parent)
                stack.append(parent)
    return None, ops


def make_engines(names: list[str]) -> list[Engine]:
    engines = []
    for name in names:
        if name == "ours":
            engines.append(
                Engine("ours", Node, count_values_and_ops, lambda v: v.data, lambda v: v.grad)
            )
        elif name == "micrograd":
            try:
                from micrograd.engine import Value
            except ImportError:
                sys.exit("micrograd is not installed: pip install micrograd==0.1.0")
            engines.append(
                Engine("micrograd", Value, count_values_and_ops, lambda v: v.data, lambda v: v.grad)
            )
        elif name == "torch":
            # torch warns on import when numpy is absent; it needs none here.
            warnings.filterwarnings("ignore", message="Failed to initialize NumPy")
            try:
                import torch
            except ImportError:
                sys.exit(
                    "PyTorch is not installed (see scripts/test), or pass --engines ours,micrograd"
                )
            torch.set_num_threads(1)

            def tensor(x: float, torch=torch) -> Any:
                return torch.tensor(x, dtype=torch.float64, requires_grad=True)

            engines.append(
                Engine(
                    "torch", tensor, count_torch_ops, lambda v: v.item(), lambda v: v.grad.item()
                )
            )
        else:
            sys.exit(f"unknown engine {name!r}: choose from ours, micrograd, torch")
    return engines


def gc_counts() -> tuple[int, int, int]:
    return tuple(s["collections"] for s in gc.get_stats())  # type: ignore[return-value]


def measure(engine: Engine, points: int, frozen: bool, check: dict | None) -> None:
    """One forward + backward of the demo graph; with *check*, record what must agree."""
    gc.collect()  # the previous run's garbage is not this engine's bill
    runs = engine.runs[frozen]
    before = gc_counts()
    t0 = time.perf_counter()
    loss, params = demo_loss(engine.value, n_points=points)
    t1 = time.perf_counter()
    loss.backward()
    t2 = time.perf_counter()
    after = gc_counts()
    runs.times.setdefault("forward", []).append(t1 - t0)
    runs.times.setdefault("backward", []).append(t2 - t1)
    runs.times.setdefault("total", []).append(t2 - t0)
    runs.gc_runs.append(tuple(b - a for a, b in zip(before, after, strict=True)))
    if check is not None:
        values, ops = engine.count(loss)
        check[engine.name] = {
            "values": values,
            "ops": ops,
            "loss": engine.scalar(loss),
            "grads": [engine.grad(p) for p in params],
        }
    del loss, params
    t3 = time.perf_counter()
    runs.leftover.append(gc.collect())
    runs.leftover_time.append(time.perf_counter() - t3)


def set_frozen(frozen: bool) -> None:
    """Freeze (or thaw) every object alive now, i.e. the imported modules' objects.

    A full collection walks every tracked object in the process, and importing torch for
    the comparison adds ~160,000 of them; frozen, they are skipped, so the collector's
    work is each engine's own graph, as in a script that imports one engine.  The
    collector keeps running either way.
    """
    gc.collect()
    if frozen:
        gc.freeze()
    else:
        gc.unfreeze()


def verify(check: dict) -> list[str]:
    """Lines describing the agreement; exits 1 when the engines disagree."""
    problems = []
    values = {name: c["values"] for name, c in check.items() if c["values"] is not None}
    ops = {name: c["ops"] for name, c in check.items()}
    losses = {name: c["loss"] for name, c in check.items()}
    if len(set(values.values())) > 1:
        problems.append(f"value counts differ: {values}")
    if len(set(ops.values())) > 1:
        problems.append(f"op counts differ: {ops}")
    reference = next(iter(losses.values()))
    if not all(math.isclose(v, reference, rel_tol=1e-12) for v in losses.values()):
        problems.append(f"losses differ: {losses}")
    names = list(check)
    worst = 0.0
    for name in names[1:]:
        for a, b in zip(check[names[0]]["grads"], check[name]["grads"], strict=True):
            worst = max(worst, abs(a - b) / max(1.0, abs(a)))
    if worst > 1e-9:
        problems.append(f"parameter gradients differ by up to {worst:.3g} (relative)")
    if problems:
        print("ENGINES DISAGREE:\n  " + "\n  ".join(problems), file=sys.stderr)
        sys.exit(1)
    counted = ", ".join(f"{n}" for n in values)
    return [
        f"graph: {next(iter(values.values())):,} values ({counted}), "
        f"{next(iter(ops.values())):,} ops (all: {', '.join(ops)})",
        "loss: " + ", ".join(f"{n} {v!r}" for n, v in losses.items()) + "  -> losses agree",
        f"parameter gradients agree (max relative difference {worst:.1e})",
    ]


def print_table(engines: list[Engine], frozen: bool) -> float | None:
    """The medians under one gc condition; returns ours/micrograd for the total."""
    base = next((e for e in engines if e.name == "micrograd"), None)
    med = {
        e.name: {k: statistics.median(v) for k, v in e.runs[frozen].times.items()} for e in engines
    }
    header = f"{'engine':<10} {'forward':>10} {'backward':>10} {'total':>10}"
    if base:
        header += f" {'fwd/mg':>8} {'bwd/mg':>8} {'total/mg':>9}"
    print(header)
    for e in engines:
        m = med[e.name]
        row = f"{e.name:<10}" + "".join(f" {m[k] * 1e3:>8.1f}ms" for k in m)
        if base:
            row += "".join(
                f" {m[k] / med[base.name][k]:>{w}.3f}x"
                for k, w in (("forward", 7), ("backward", 7), ("total", 8))
            )
        print(row)
    print("gc: collections of generation 0/1/2 during forward+backward, and what dropping")
    print("the graph left for the cycle collector (medians):")
    for e in engines:
        runs = e.runs[frozen]
        gens = [statistics.median(g) for g in zip(*runs.gc_runs, strict=True)]
        print(
            f"  {e.name:<10} gen0/1/2 {gens[0]:.0f}/{gens[1]:.0f}/{gens[2]:.0f}   "
            f"left {statistics.median(runs.leftover):>9,.0f} objects "
            f"(collect took {statistics.median(runs.leftover_time) * 1e3:.0f} ms)"
        )
    if base and "ours" in med:
        return med["ours"]["total"] / med[base.name]["total"]
    return None


# --- deepest chains ----------------------------------------------------------------------


def chain_ours(depth: int) -> str:
    x, c = Node(0.5), Node(1.0)
    t0 = time.perf_counter()
    y = x
    for _ in range(depth):
        y = y + c
    t1 = time.perf_counter()
    y.backward()
    t2 = time.perf_counter()
    if c.grad != depth:
        sys.exit(f"ours: wrong gradient on the chain ({c.grad} != {depth})")
    del y
    t3 = time.perf_counter()
    return (
        f"survives {depth:,} (build {t1 - t0:.2f} s, backward {t2 - t1:.2f} s, "
        f"free {t3 - t2:.2f} s)"
    )


def chain_micrograd(max_depth: int) -> str:
    from micrograd.engine import Value

    def survives(depth: int) -> bool:
        x, c = Value(0.5), Value(1.0)
        y = x
        for _ in range(depth):
            y = y + c
        try:
            y.backward()
            return True
        except RecursionError:
            return False

    good, bad = 0, 1
    while survives(bad):  # double until it dies, up to max_depth
        if bad == max_depth:
            return f"survives {max_depth:,}, the most tried"
        good, bad = bad, min(2 * bad, max_depth)
    while bad - good > 1:  # then bisect: good survives, bad dies
        mid = (good + bad) // 2
        good, bad = (mid, bad) if survives(mid) else (good, mid)
    return (
        f"survives {good:,}, RecursionError at {bad:,} "
        f"(recursion limit {sys.getrecursionlimit():,})"
    )


TORCH_CHAIN = """
import json, sys, time, warnings
warnings.filterwarnings("ignore", message="Failed to initialize NumPy")
import torch
torch.set_num_threads(1)
depth = int(sys.argv[1])
x = torch.tensor(0.5, dtype=torch.float64, requires_grad=True)
c = torch.tensor(1.0, dtype=torch.float64, requires_grad=True)
t0 = time.perf_counter()
y = x
for _ in range(depth):
    y = y + c
t1 = time.perf_counter()
y.backward()
t2 = time.perf_counter()
ok = c.grad.item() == depth
del y
t3 = time.perf_counter()
print(json.dumps({"ok": ok, "build": t1 - t0, "backward": t2 - t1, "free": t3 - t2}))
"""


def chain_torch(max_depth: int, budget: float) -> str:
    sizes = [n for n in (10_000, 100_000, 1_000_000, 10_000_000) if n <= max_depth]
    if max_depth not in sizes:
        sizes.append(max_depth)
    best, note = 0, ""
    deadline = time.perf_counter() + budget
    for depth in sizes:
        left = deadline - time.perf_counter()
        if left <= 1:
            note = f"; stopped before {depth:,}: --chain-budget {budget:.0f} s used up"
            break
        try:
            result = subprocess.run(
                [sys.executable, "-c", TORCH_CHAIN, str(depth)],
                capture_output=True,
                text=True,
                timeout=left,
                check=False,
            )
        except subprocess.TimeoutExpired:
            note = f"; {depth:,} did not finish within the {budget:.0f} s budget"
            break
        if result.returncode != 0:
            tail = (result.stderr.strip().splitlines() or ["no stderr"])[-1]
            note = f"; {depth:,} failed with exit status {result.returncode}: {tail}"
            break
        stats = json.loads(result.stdout)
        if not stats["ok"]:
            note = f"; {depth:,} gave a wrong gradient"
            break
        best = depth
        timing = (
            f"build {stats['build']:.2f} s, backward {stats['backward']:.2f} s, "
            f"free {stats['free']:.2f} s"
        )
    if best == 0:
        return "survives none of the sizes tried" + note
    return f"survives {best:,} ({timing}){note}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reps", type=int, default=None, help="repetitions (default 5)")
    parser.add_argument("--points", type=int, default=100, help="two-moons points (100)")
    parser.add_argument("--chain", type=int, default=None, help="deepest chain to try (1e6)")
    parser.add_argument("--chain-budget", type=float, default=120.0, help="seconds for torch")
    parser.add_argument("--quick", action="store_true", help="3 repetitions, chains to 1e5")
    parser.add_argument("--engines", default="ours,micrograd,torch")
    args = parser.parse_args(argv)
    reps = args.reps or (3 if args.quick else 5)
    chain = args.chain or (100_000 if args.quick else 1_000_000)
    engines = make_engines(args.engines.split(","))

    versions = [f"Python {platform.python_version()}"]
    for dist in ("micrograd", "torch"):
        if any(e.name == dist for e in engines):
            versions.append(f"{dist} {importlib.metadata.version(dist)}")
    print(f"{', '.join(versions)}; gc enabled, thresholds {gc.get_threshold()}")
    print(f"demo loss on {args.points} points, {reps} interleaved repetitions, medians\n")

    for engine in engines:  # warm-up: imports, first-call dispatch
        demo_loss(engine.value, n_points=2)[0].backward()
    gc.collect()
    imported = len(gc.get_objects())
    check: dict = {}
    for rep in range(reps):
        order = engines[rep % len(engines) :] + engines[: rep % len(engines)]
        for frozen in (False, True):
            set_frozen(frozen)
            for engine in order:
                measure(engine, args.points, frozen, check if rep == 0 else None)
    set_frozen(False)
    agreement = verify({e.name: check[e.name] for e in engines})
    print("\n".join(agreement))

    ratios = []
    for frozen, title in (
        (False, f"gc as is: full collections also walk the {imported:,} objects of the imports"),
        (True, "imports frozen (gc.freeze): the collector sees only the graphs"),
    ):
        print(f"\n[{title}]")
        ratios.append(print_table(engines, frozen))
    if all(r is not None for r in ratios):
        verdict = "met" if max(ratios) <= 0.25 else "NOT met"
        shown = " and ".join(f"{r:.3f}x" for r in ratios)
        scope = "" if args.points == 100 else "; the target is for the 100-point demo"
        print(f"\ntarget total <= 0.25x micrograd: {verdict} (ours {shown}{scope})")

    print(f"\ndeepest chain y = y + c (tried up to {chain:,}):")
    for engine in engines:
        if engine.name == "ours":
            print(f"  ours       {chain_ours(chain)}")
        elif engine.name == "micrograd":
            print(f"  micrograd  {chain_micrograd(chain)}")
        elif engine.name == "torch":
            print(f"  torch      {chain_torch(chain, args.chain_budget)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
