#!/usr/bin/env python3
"""Render the Autograd Studio main window to a PNG (offscreen; used for the README).

    .venv/bin/python scripts/screenshot.py                       # neuron-active, after Backward
    .venv/bin/python scripts/screenshot.py FILE.agraph -o shot.png --size 1400x860
    .venv/bin/python scripts/screenshot.py --theme dark --select w1 -o dark.png
    .venv/bin/python scripts/screenshot.py "$EXAMPLES"/neuron-dead.agraph --flow
    .venv/bin/python scripts/screenshot.py "$EXAMPLES"/node-reuse.agraph --step 3
    .venv/bin/python scripts/screenshot.py --forward w1 --step 2     # forward mode, d/d w1

($EXAMPLES is autograd_studio/resources/examples.)  The window uses throwaway settings, so
the user's recent files and layout stay untouched.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FILE = ROOT / "autograd_studio" / "resources" / "examples" / "neuron-active.agraph"


class _PrintingDialogs:
    """No modal dialogs in a script: errors go to stderr, questions get safe answers."""

    def __init__(self) -> None:
        self.failed = False

    def open_path(self, directory=""):
        return None

    def save_path(self, suggested=""):
        return None

    def ask_save_changes(self, name):
        return "discard"

    def error(self, title, text):
        self.failed = True
        print(f"screenshot: {title}: {text}", file=sys.stderr)

    def about(self, title, text):
        pass

    def ask_restart(self, language):
        return False


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected WIDTHxHEIGHT, e.g. 1400x860, not {text!r}"
        ) from None
    if width < 200 or height < 150:
        raise argparse.ArgumentTypeError("the window needs at least 200x150 pixels")
    return width, height


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT_FILE), help="an .agraph file")
    parser.add_argument("-o", "--output", default="screenshot.png", help="PNG to write")
    parser.add_argument(
        "--backward", action=argparse.BooleanOptionalAction, default=True,
        help="run Backward before the shot (default: yes)",
    )  # fmt: skip
    parser.add_argument("--size", type=_size, default=(1400, 860), help="WIDTHxHEIGHT")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    parser.add_argument("--select", metavar="ID", help="select this node (default: the output)")
    parser.add_argument("--flow", action="store_true", help="turn on View > Gradient Flow")
    parser.add_argument(
        "--step", type=int, metavar="N", help="step through backward N steps (Backprop panel)"
    )
    parser.add_argument("--check", action="store_true", help="run the Gradient Check panel")
    parser.add_argument(
        "--forward", metavar="ID",
        help="forward mode with respect to node ID, with the Forward & Reverse panel",
    )  # fmt: skip
    parser.add_argument("--target", metavar="ID", help="reverse mode from node ID")
    parser.add_argument(
        "--language", choices=("system", "en", "zh_CN"), default="en", help="interface language"
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["AUTOGRAD_STUDIO_THEME"] = args.theme
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from autograd_studio.gui.window.app import ensure_app
    from autograd_studio.gui.window.main_window import MainWindow
    from autograd_studio.gui.window.settings import StudioSettings

    app = ensure_app()
    from autograd_studio.gui.look.language import install_language

    install_language(args.language)
    dialogs = _PrintingDialogs()
    with tempfile.TemporaryDirectory() as scratch:
        settings = StudioSettings.at_path(Path(scratch) / "settings.ini")
        window = MainWindow(settings=settings, dialogs=dialogs)
        window.resize(*args.size)
        window.show()
        if not window.open_file(args.file):
            return 2
        window.resize(*args.size)
        _settle(app)
        window.view.fit_all()
        measured = window.view.smallest_text_pixels()
        if args.backward:
            window.run_backward()
        if args.flow:
            window.actions.gradient_flow.setChecked(True)
        if args.check:
            window.actions.check_gradients.trigger()
            _wait_for_check(app, window)
        for role, node_id in (("target", args.target), ("wrt", args.forward)):
            if node_id is not None:
                if node_id not in window.document.nodes:
                    print(f"screenshot: no node with id {node_id!r}", file=sys.stderr)
                    return 2
                window.derivative_modes.set_role(role, node_id)
                window.derivative_modes.show_panel()
        if args.step is not None:
            for _ in range(args.step + 1):  # the first press shows the seed
                window.actions.backprop_step.trigger()
        target = args.select or window.document.output
        if target is not None:
            if target not in window.document.nodes:
                print(f"screenshot: no node with id {target!r}", file=sys.stderr)
                return 2
            window.view.select_node_ids([target])
        _settle(app)
        pixmap = window.grab()
        if not pixmap.save(args.output):
            print(f"screenshot: cannot write {args.output}", file=sys.stderr)
            return 2
        window.undo_stack.setClean()
        window.close()
    QApplication.processEvents()
    print(f"wrote {args.output} ({pixmap.width()}x{pixmap.height()})")
    print(f"smallest node text at fit: {measured:.1f} px tall (labels, data and grad)")
    return 0


def _wait_for_check(app, window, seconds: float = 120.0) -> None:
    # A big graph, or the first PyTorch import, is checked on a worker thread: shoot the
    # table, not "Checking…".
    panel = window.backward_tools.gradcheck_panel
    deadline = time.monotonic() + seconds
    while panel.is_running() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def _settle(app, seconds: float = 0.3) -> None:
    # Let deferred work (selection signal, live evaluation, first layout) run before grabbing.
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


if __name__ == "__main__":
    sys.exit(main())
