"""Installing the freedesktop menu entry and icon for the current user (no Qt).

``autograd-studio --install-desktop`` copies the shipped ``autograd-studio.desktop`` and
the app icon under ``$XDG_DATA_HOME`` (default ``~/.local/share``), where desktop
environments look for a user's applications, so the editor appears in the menu and opens
``.agraph`` files given to it.  The entry runs the command that installed it, so a
virtual environment that is not on ``PATH`` still works from the menu.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from autograd_studio.resources import DESKTOP_ENTRY, ICON, resource

__all__ = ["data_home", "install_desktop_entry"]


def data_home(environ: Mapping[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` as the XDG base directory spec says."""
    environ = os.environ if environ is None else environ
    value = environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def _command() -> str:
    # The console script that is running now, as an absolute path when it is one.
    script = Path(sys.argv[0])
    if script.name == "autograd-studio" and script.is_file():
        return str(script.resolve())
    return shutil.which("autograd-studio") or "autograd-studio"


def install_desktop_entry(target: Path | None = None, command: str | None = None) -> list[Path]:
    """Write the desktop entry and icon under *target* (default :func:`data_home`); return
    the files written.  *command* is what the entry runs (default: this console script)."""
    target = target if target is not None else data_home()
    command = command or _command()
    exec_line = f'"{command}"' if " " in command else command
    entry = resource(DESKTOP_ENTRY).read_text(encoding="utf-8")
    entry = entry.replace("Exec=autograd-studio", f"Exec={exec_line}")
    entry = entry.replace("TryExec=autograd-studio", f"TryExec={command}")

    applications = target / "applications"
    icons = target / "icons" / "hicolor" / "scalable" / "apps"
    applications.mkdir(parents=True, exist_ok=True)
    icons.mkdir(parents=True, exist_ok=True)
    desktop_file = applications / DESKTOP_ENTRY
    icon_file = icons / "autograd-studio.svg"
    desktop_file.write_text(entry, encoding="utf-8")
    shutil.copyfile(resource(ICON), icon_file)
    return [desktop_file, icon_file]
