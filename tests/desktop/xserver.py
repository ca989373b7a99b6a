"""A real X server (Xvfb) and the installed ``autograd-studio`` running in it, driven with
``xdotool``: what a user's desktop does, without the offscreen platform the rest of the
suite uses."""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.requirements import require_xvfb

ROOT = Path(__file__).resolve().parents[2]
GRAB = Path(__file__).with_name("grab_window.py")
SCREEN = "1280x800x24"


@dataclass
class XServer:
    display: str
    xdotool: str

    def env(self, tmp_path: Path) -> dict[str, str]:
        """The environment of a program on this display: the xcb platform, own settings."""
        env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY",)}
        env.update(
            DISPLAY=self.display,
            QT_QPA_PLATFORM="xcb",
            XDG_CONFIG_HOME=str(tmp_path / "config"),
            XDG_DATA_HOME=str(tmp_path / "data"),
        )
        env.pop("AUTOGRAD_STUDIO_NO_PREFLIGHT", None)
        return env

    def xdotool_run(self, *args: str) -> str:
        completed = subprocess.run(
            [self.xdotool, *args],
            capture_output=True,
            text=True,
            env={**os.environ, "DISPLAY": self.display},
            timeout=30,
            check=False,
        )
        return completed.stdout

    def wait_for_window(self, name: str, process: subprocess.Popen, timeout: float = 60) -> str:
        """The id of the visible window whose title matches *name*; fails on a timeout or
        when *process* exits first (with what it printed)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.xdotool_run("search", "--onlyvisible", "--name", name).split()
            if found:
                return found[0]
            if process.poll() is not None:
                out, err = process.communicate()
                pytest.fail(f"exited with {process.returncode} before a window: {err}{out}")
            time.sleep(0.05)
        pytest.fail(f"no window named {name!r} after {timeout} s")

    def wait_until(self, condition, what: str, timeout: float = 120) -> None:
        """Check *condition* until it holds; fail naming *what* after *timeout* seconds (a
        deadline for a hung program, never a pause: each check is a real look at the screen)."""
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                pytest.fail(f"waited {timeout} s for {what}")

    def window_name(self, window: str) -> str:
        return self.xdotool_run("getwindowname", window).strip()

    def press(self, window: str, *keys: str) -> None:
        """Real key presses (XTEST), into *window* after giving it the keyboard focus."""
        self.xdotool_run("windowfocus", "--sync", window)
        self.xdotool_run("key", "--clearmodifiers", *keys)

    def grab(self, window: str, out: Path, tmp_path: Path) -> Path:
        """A screenshot of *window*, taken by a second Qt program on the display."""
        subprocess.run(
            [sys.executable, str(GRAB), window, str(out)],
            env=self.env(tmp_path),
            capture_output=True,
            timeout=60,
            check=True,
        )
        return out


def start_xvfb() -> Iterator[XServer]:
    """Run Xvfb on a free display (it names the display when it is ready: no sleeping)."""
    xvfb, xdotool = require_xvfb()
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        ready, _, _ = select.select([read_end], [], [], 30)
        number = os.read(read_end, 64).decode().strip() if ready else ""
        if not number:
            pytest.fail("Xvfb did not start within 30 s")
        yield XServer(f":{number}", xdotool)
    finally:
        os.close(read_end)
        server.terminate()
        server.wait(timeout=30)


def installed_command() -> Path:
    """The ``autograd-studio`` console script installed beside this Python (the venv's)."""
    command = Path(sys.executable).with_name("autograd-studio")
    if not command.is_file():
        pytest.fail(f"{command} is not installed (scripts/test installs the project)")
    return command
