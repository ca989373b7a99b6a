"""The ``autograd-studio`` command: the editor, and headless verbs for scripts and CI.

``autograd-studio`` opens the editor (``autograd-studio FILE`` opens a file); the verbs
``run check render export import train`` work without a screen.  Exit status: 0 success, 1 a
check failed, 2 bad usage or bad input (one line on stderr, never a traceback), 3 an
internal error (a bug: one line asking to report it; ``AUTOGRAD_STUDIO_DEBUG=1`` shows the
traceback instead).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from autograd_studio import __version__
from autograd_studio.graph.fileformat import load, save

__all__ = ["EXIT_BAD_INPUT", "EXIT_CHECK_FAILED", "EXIT_INTERNAL", "EXIT_OK", "VERBS", "main"]

PROG = "autograd-studio"
EXIT_OK = 0
EXIT_CHECK_FAILED = 1
EXIT_BAD_INPUT = 2
EXIT_INTERNAL = 3
VERBS = ("run", "check", "render", "export", "import", "train")


class UsageError(Exception):
    """Bad usage or bad input: printed as one line, exit status 2."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default ``sys.argv[1:]``); return the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    _tolerate_unencodable_output()
    try:
        if not args or (args[0] not in VERBS and not args[0].startswith("-")):
            return _open_editor(args)
        options = _parser().parse_args(args)
        return options.handler(options)
    except SystemExit as exit_:  # argparse: --help, --version, usage errors
        return exit_.code if isinstance(exit_.code, int) else EXIT_BAD_INPUT
    except KeyboardInterrupt:
        _error("interrupted")
        return 130
    except BrokenPipeError:  # `autograd-studio run big.agraph | head`
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:
        if _is_bad_input(exc):
            _error(str(exc))
            return EXIT_BAD_INPUT
        if os.environ.get("AUTOGRAD_STUDIO_DEBUG"):
            raise
        _error(
            f"internal error: {type(exc).__name__}: {exc} (this is a bug; please report it, "
            "with AUTOGRAD_STUDIO_DEBUG=1 for the details)"
        )
        return EXIT_INTERNAL


def _is_bad_input(exc: Exception) -> bool:
    from autograd_studio.analysis.gradcheck import GradCheckError
    from autograd_studio.graph.errors import GraphError, GraphFileError
    from autograd_studio.interop.codegen import CodegenError
    from autograd_studio.interop.dot_export import RenderError
    from autograd_studio.interop.expression import ExpressionError
    from autograd_studio.training import DatasetError, TrainingError
    from autograd_studio.viz import GraphvizMissingError

    known = (
        UsageError,
        GraphFileError,
        GraphError,
        ExpressionError,
        CodegenError,
        GradCheckError,
        GraphvizMissingError,
        RenderError,
        TrainingError,
        DatasetError,
        OSError,
    )
    return isinstance(exc, known)


def _error(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


# --- the parser ------------------------------------------------------------------------------


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line (plus where to read more), not a usage dump."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Usage errors whose message contains a key get its advice added (per verb).
        self.hints: dict[str, str] = {}

    def error(self, message: str) -> NoReturn:
        for needle, hint in self.hints.items():
            if needle in message:
                message += f"; {hint}"
        _error(f"{message} (see: {self.prog} --help)")
        raise SystemExit(EXIT_BAD_INPUT)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="Build scalar autograd graphs and watch backpropagation. Without a verb, "
        "opens the editor: autograd-studio [FILE.agraph]",
        epilog="Exit status: 0 success, 1 a check failed, 2 bad usage or bad input, "
        "3 internal error. Each verb has its own --help.",
    )
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument(
        "--install-desktop",
        action=_InstallDesktop,
        help="add Autograd Studio to your desktop's application menu (a .desktop entry and "
        "the icon under $XDG_DATA_HOME, default ~/.local/share) and exit",
    )
    verbs = parser.add_subparsers(title="verbs", metavar="VERB", parser_class=_Parser)

    run = _verb(verbs, "run", _run, "forward + backward; print every node's data and grad")
    run.add_argument("file", metavar="FILE", help="an .agraph file")
    run.add_argument(
        "--json",
        action="store_true",
        help='print JSON: {"output": id, "nodes": [{"id", "label", "kind", "op", "data", '
        '"grad", "problems"}]}; data/grad are numbers, null where not computable, and the '
        'strings "NaN", "Infinity", "-Infinity" for non-finite values',
    )
    run.add_argument(
        "--wrt",
        metavar="ID",
        help='forward mode: add each node\'s tangent d(node)/d(ID) (a column; "tangent" in '
        "--json, null where the node does not depend on ID)",
    )
    run.add_argument(
        "--target",
        metavar="ID",
        help="backward from node ID instead of the output: grad is d(ID)/d(node), and '-' "
        "(null in --json) where ID does not depend on the node",
    )

    check = _verb(
        verbs,
        "check",
        _check,
        "compare the gradients with central finite differences, and with PyTorch when it "
        "is installed; exit 1 on a mismatch",
    )
    check.add_argument("file", metavar="FILE", help="an .agraph file")
    check.add_argument(
        "--limit",
        type=_count,
        default=64,
        metavar="N",
        help="check at most N inputs and weights, an even sample on bigger graphs "
        "(default 64; 0 checks all)",
    )
    check.add_argument("--no-torch", action="store_true", help="skip the PyTorch cross-check")

    render = _verb(verbs, "render", _render, "draw the annotated graph (DOT, SVG or PNG)")
    render.add_argument("file", metavar="FILE", help="an .agraph file")
    render.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUT",
        help="OUT.svg or OUT.png (drawn as the editor's canvas draws it; no Graphviz needed) "
        "or OUT.dot (DOT source with the layout's positions: neato -n2 -Tsvg draws it)",
    )
    render.add_argument(
        "--rankdir",
        default="LR",
        choices=("LR", "TB", "RL", "BT"),
        help="direction (LR); TB, RL and BT pictures are drawn by Graphviz's dot program",
    )

    export = _verb(
        verbs, "export", _export, "write a runnable script that rebuilds the graph and prints "
        "the same table as run"
    )  # fmt: skip
    export.add_argument("file", metavar="FILE", help="an .agraph file")
    export.add_argument(
        "--to",
        required=True,
        choices=("python", "torch"),
        help="python: Autograd Studio's engine; torch: PyTorch float64 tensors",
    )
    export.add_argument("-o", "--output", metavar="OUT", help="write here (default: stdout)")

    import_ = _verb(
        verbs,
        "import",
        _import,
        "make a graph from a Python expression such as 'relu(w1*x1 + w2*x2 + b)'",
        epilog="Names become inputs, except w, b, weight, bias and names starting with one of "
        "those plus a digit or '_' (w1, b2, w_out), which become weights; --weights "
        "chooses instead. Allowed: names, numbers, + - * / **, unary -, the ops as "
        "functions (relu(x), pow(x, 3)) or methods (x.tanh()).",
    )
    import_.add_argument("expression", metavar="EXPR", help="the expression (quote it)")
    # argparse takes "-x**2" for an option and then finds no EXPR: say how to pass it
    import_.hints = {
        "EXPR": "an expression that starts with '-' goes last, after --, as in: "
        f"{PROG} import -o FILE -- '-x**2'"
    }
    import_.add_argument("-o", "--output", required=True, metavar="FILE", help="the .agraph")
    import_.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="give a name its value (default 0); repeat for more names",
    )
    import_.add_argument(
        "--weights",
        metavar="NAMES",
        help="comma-separated names that are weights (the rest are inputs)",
    )
    train = _verb(
        verbs,
        "train",
        _train,
        "train the weights on the file's dataset (its Training settings) and print the loss",
    )
    train.add_argument("file", metavar="FILE", help="an .agraph file with a dataset")
    train.add_argument(
        "--steps", type=_count, metavar="N", help="steps to run (default: the file's, or 100)"
    )
    train.add_argument("--lr", type=float, metavar="X", help="learning rate (default: the file's)")
    train.add_argument(
        "--optimizer", choices=("sgd", "adam"), help="optimizer (default: the file's)"
    )
    train.add_argument("-o", "--output", metavar="OUT", help="write the trained graph here")
    train.add_argument(
        "--json",
        action="store_true",
        help='print JSON: {"steps", "loss": [one per step], "accuracy": [one per step, with '
        'a prediction node], "weights": {id: value}, "dead": why no weight moved, or null}',
    )
    return parser


class _InstallDesktop(argparse.Action):
    """``--install-desktop``: like ``--version``, an action that does its job and exits."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any, **kwargs: Any) -> None:
        from autograd_studio.desktop_entry import install_desktop_entry

        for path in install_desktop_entry():
            print(f"wrote {path}")
        parser.exit(EXIT_OK)


def _verb(
    verbs: Any, name: str, handler: Callable[[argparse.Namespace], int], summary: str, **kw: Any
) -> argparse.ArgumentParser:
    parser = verbs.add_parser(name, help=summary, description=summary, **kw)
    parser.set_defaults(handler=handler)
    return parser


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


# --- the verbs -------------------------------------------------------------------------------


def _run(options: argparse.Namespace) -> int:
    from autograd_studio.interop.table import document_rows, format_table

    doc = load(options.file)
    for flag, node_id in (("--wrt", options.wrt), ("--target", options.target)):
        if node_id is not None and node_id not in doc.nodes:
            raise UsageError(f"{flag}: no node with id {node_id!r} in {options.file} ({_ids(doc)})")
    result = doc.evaluate(target=options.target, wrt=options.wrt)
    if options.json:
        print(_json_text(_run_json(doc, result)))
        return EXIT_OK
    rows = document_rows(doc, result)
    if result.tangent is None:
        print(format_table(rows))
    else:
        print(_table_with_tangents(rows, result.tangent))
    problems = [p for ps in result.problems.values() for p in ps]
    if problems:
        print("\nproblems:")
        for p in problems:
            print(f"  {p.node_id or 'graph'}: {p.message}")
    return EXIT_OK


def _train(options: argparse.Namespace) -> int:
    from autograd_studio.training import Trainer, read_settings, read_setup
    from autograd_studio.training.report import ProgressBar, history_json, summary_table

    doc = load(options.file)
    setup = read_setup(doc)
    if setup is None:
        raise UsageError(
            f"{options.file} has no dataset to train on: add one in the editor's Training "
            "panel (Graph > Training)"
        )
    settings = read_settings(doc)
    if options.steps is not None:
        settings.steps = options.steps
    if options.lr is not None:
        if not (math.isfinite(options.lr) and options.lr > 0):
            raise UsageError(f"--lr must be a positive number, not {options.lr}")
        settings.learning_rate = options.lr
    if options.optimizer is not None:
        settings.optimizer = options.optimizer
    trainer = Trainer(doc, setup, settings)
    progress = ProgressBar(sys.stderr, settings.steps) if sys.stderr.isatty() else None
    results = trainer.run(settings.steps, progress)
    if progress is not None:
        progress.close()
    if options.output:
        trainer.apply(doc)
        save(doc, options.output)
    if options.json:
        print(json.dumps(history_json(trainer, results), ensure_ascii=False, allow_nan=False))
    else:
        print(summary_table(trainer, results))
        if options.output:
            print(f"wrote {options.output}")
    return EXIT_OK


def _ids(doc) -> str:
    ids = list(doc.nodes)
    if not ids:
        return "the graph is empty"
    shown = ", ".join(ids[:12])
    return f"ids: {shown}, ..." if len(ids) > 12 else f"ids: {shown}"


def _table_with_tangents(rows: list, tangent) -> str:
    """``run``'s table with forward mode's column after grad."""
    from autograd_studio.interop.table import format_columns
    from autograd_studio.numbers import table_number

    header = ("id", "label", "kind", "op", "data", "grad", "tangent")
    cells = [
        (
            nid,
            label,
            kind,
            op,
            table_number(data),
            table_number(grad),
            table_number(tangent[nid]),
        )
        for nid, label, kind, op, data, grad in rows
    ]
    return format_columns(header, cells, right=(4, 5, 6))


def _run_json(doc, result) -> dict[str, Any]:
    nodes = []
    tangent = result.tangent
    for node_id, record in doc.nodes.items():
        entry = {
            "id": node_id,
            "label": record.label,
            "kind": record.kind,
            "op": record.op,
            "data": _json_number(result.data.get(node_id)),
            "grad": _json_number(result.grad.get(node_id)),
        }
        if tangent is not None:
            entry["tangent"] = _json_number(tangent.get(node_id))
        entry["problems"] = [
            {"kind": p.kind, "message": p.message} for p in result.problems.get(node_id, ())
        ]
        nodes.append(entry)
    graph_problems = [{"kind": p.kind, "message": p.message} for p in result.problems.get("", ())]
    data: dict[str, Any] = {"output": result.output}
    if result.target != result.output:
        data["target"] = result.target
    if result.wrt is not None:
        data["wrt"] = result.wrt
    data["nodes"] = nodes
    data["problems"] = graph_problems
    return data


def _json_text(data: dict[str, Any]) -> str:
    """*data* as JSON with one node per line: readable, diffable, and written by json's C
    encoder (``indent=`` would switch to the pure-Python one, 3 s on the 65,818-node demo)."""

    def dumps(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)

    parts = []
    for key, value in data.items():
        text = dumps(value)
        if key == "nodes" and value:
            text = "[\n  " + ",\n  ".join(dumps(node) for node in value) + "\n ]"
        parts.append(f" {dumps(key)}: {text}")
    return "{\n" + ",\n".join(parts) + "\n}"


def _json_number(value: float | None) -> float | str | None:
    # JSON has no nan or inf; these strings are what float() in Python and Number() in
    # JavaScript read back as nan/inf.
    if value is None or math.isfinite(value):
        return value
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


def _check(options: argparse.Namespace) -> int:
    from autograd_studio.analysis.gradcheck import gradcheck
    from autograd_studio.analysis.report import format_gradcheck

    doc = load(options.file)
    result = gradcheck(doc, limit=options.limit or None, with_torch=not options.no_torch)
    print(format_gradcheck(result))
    if result.sampled:
        print(f"(check every one with: {PROG} check {options.file} --limit 0)")
    return EXIT_OK if result.passed else EXIT_CHECK_FAILED


def _render(options: argparse.Namespace) -> int:
    from autograd_studio.interop.dot_export import FORMATS, graphviz_positions, render, to_dot
    from autograd_studio.layout import LAYER_GAP, estimate_size, needs_layout

    fmt = Path(options.output).suffix.lower().removeprefix(".")
    if fmt not in FORMATS:
        raise UsageError(
            f"{options.output}: cannot tell the picture type; end the name in "
            + ", ".join("." + f for f in FORMATS)
        )
    doc = load(options.file)
    if needs_layout(doc):  # the picture uses the editor's layout: dot, or layered without it
        _lay_out(doc)
    result = doc.evaluate()
    picture = None
    if fmt == "dot":
        positions = None
        if options.rankdir == "LR":  # the layout runs left to right; neato -n2 redraws it
            top_left = {node_id: record.pos for node_id, record in doc.nodes.items()}
            sizes = {node_id: estimate_size(record) for node_id, record in doc.nodes.items()}
            positions = graphviz_positions(doc, top_left, sizes, LAYER_GAP)
        picture = to_dot(doc, result, rankdir=options.rankdir, positions=positions).encode()
    elif options.rankdir == "LR":
        picture = _draw(doc, result, fmt, Path(options.file).stem)
    if picture is None:  # another direction, or no Qt: Graphviz draws micrograd's picture
        picture = render(to_dot(doc, result, rankdir=options.rankdir), fmt)
    _write(options.output, picture)
    return EXIT_OK


def _draw(doc, result, fmt: str, title: str) -> bytes | None:
    """*doc* as the editor's canvas draws it (PNG at 2x, or SVG), offscreen; ``None`` when
    Qt is not installed."""
    try:
        from autograd_studio.gui.canvas import picture
        from autograd_studio.gui.canvas.overview import OVERVIEW_SCALE
    except ImportError:
        return None
    picture.ensure_headless_app()
    try:
        # A big graph's picture shows only its overview: draw that from the positions,
        # without a scene's items (a minute for the 65,818-node demo).
        scene = picture.overview_picture(doc, result)
        if scene is None or (fmt == "png" and picture.png_scale(scene, 2.0) >= OVERVIEW_SCALE):
            scene = picture.picture_scene(doc, result)
        if fmt == "png":
            return picture.png_bytes(scene, scale=2.0)
        if not picture.svg_has_text(scene):
            print(
                f"{PROG}: note: over {picture.SVG_TEXT_UP_TO:,} nodes: the SVG shows the "
                "nodes as shapes, without text (a .dot keeps every number; a .png is "
                "smaller and opens faster)",
                file=sys.stderr,
            )
        return picture.svg_bytes(scene, title=title)
    except picture.PictureError as exc:
        raise UsageError(f"cannot draw the graph: {exc}") from None


def _export(options: argparse.Namespace) -> int:
    from autograd_studio.interop.codegen import EXPORTERS

    code = EXPORTERS[options.to](load(options.file))
    if options.output is None:
        sys.stdout.write(code)
    else:
        _write(options.output, code.encode("utf-8"))
    return EXIT_OK


def _import(options: argparse.Namespace) -> int:
    from autograd_studio.interop.expression import ExpressionError, from_expression

    values = dict(_parse_setting(text) for text in options.set)
    weights = None
    if options.weights is not None:
        weights = [name.strip() for name in options.weights.split(",") if name.strip()]
    try:
        doc = from_expression(options.expression, values=values, weights=weights)
    except ExpressionError as exc:
        raise UsageError(f"{_shorten(options.expression)}: {exc}") from None
    _lay_out(doc)
    save(doc, options.output)
    _wrote(options.output, f"wrote {options.output}: {len(doc)} nodes, output {doc.output}")
    return EXIT_OK


def _parse_setting(text: str) -> tuple[str, float]:
    name, sep, value = text.partition("=")
    name = name.strip()
    if not sep or not name:
        raise UsageError(f"--set {text!r}: expected NAME=VALUE, e.g. --set x1=2")
    try:
        number = float(value)
    except ValueError:
        raise UsageError(f"--set {text!r}: {value.strip()!r} is not a number") from None
    if not math.isfinite(number):
        raise UsageError(f"--set {text!r}: the value must be a finite number")
    return name, number


def _lay_out(doc) -> None:
    """Give every node a position, as the editor's Arrange does (dot when installed, else
    the layered layout; a note on stderr says when dot was wanted but not used)."""
    from autograd_studio.layout import layout

    result = layout(doc)
    for node_id, pos in result.positions.items():
        doc.set_pos(node_id, pos)
    if result.message:
        print(f"{PROG}: note: {result.message}", file=sys.stderr)


def _write(path: str, payload: bytes) -> None:
    from autograd_studio.graph.outputfile import write_output

    try:
        write_output(path, payload)  # atomic: a full disk leaves the old file whole
    except OSError as exc:
        raise UsageError(f"{path}: cannot write the file: {exc.strerror or exc}") from None
    _wrote(path, f"wrote {path}")


def _wrote(path: str, message: str) -> None:
    # "-o /dev/stdout": the file is the output; the note goes where it cannot mix with it
    stream = sys.stdout
    with contextlib.suppress(OSError, ValueError):
        if os.path.samestat(os.stat(path), os.fstat(sys.stdout.fileno())):
            stream = sys.stderr
    print(message, file=stream)


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


# --- the editor --------------------------------------------------------------------------------


def _open_editor(args: list[str]) -> int:
    if len(args) > 1:
        raise UsageError(
            f"{args[0]!r} is not a verb ({', '.join(VERBS)}); to open the editor give one "
            f"FILE (see: {PROG} --help)"
        )
    path = args[0] if args else None
    if path is not None and not os.path.isfile(path):
        what = "is a directory" if os.path.isdir(path) else "no such file"
        raise UsageError(f"{path}: {what} (and not a verb: {', '.join(VERBS)})")
    # Qt aborts the process when its platform plugin cannot load: ask before it starts.
    from autograd_studio.platform_check import gui_problem

    problem = None if os.environ.get("AUTOGRAD_STUDIO_NO_PREFLIGHT") else gui_problem()
    if problem is not None:
        _error(problem.message)
        return EXIT_BAD_INPUT
    try:
        from autograd_studio.gui.window.app import run_editor
    except ImportError as exc:
        raise UsageError(
            f"the editor cannot start ({exc}); the headless verbs still work (see: {PROG} --help)"
        ) from None
    return run_editor(path)


def _tolerate_unencodable_output() -> None:
    # A label in Greek must not crash `run` on a console that cannot show it.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):  # a detached or closed stream
                reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    # Python flushes stdout at exit; once the reader has gone, that would raise again.
    with contextlib.suppress(OSError, ValueError, AttributeError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
