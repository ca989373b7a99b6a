"""What the editor remembers between sessions: recent files, the last folder, window layout.

Everything goes through one :class:`StudioSettings` object wrapping a ``QSettings``, so a
test can hand the window a settings object backed by a temporary ``.ini`` file and never
read or write the user's real settings::

    settings = StudioSettings.at_path(tmp_path / "settings.ini")
    window = MainWindow(settings=settings)
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

__all__ = ["APP_NAME", "MAX_RECENT", "ORGANIZATION", "StudioSettings"]

ORGANIZATION = "Autograd Studio"
APP_NAME = "Autograd Studio"
MAX_RECENT = 10

_RECENT = "files/recent"
_LAST_DIR = "files/lastDirectory"
_GEOMETRY = "window/geometry"
_STATE = "window/state"
_ACCUMULATE = "backward/accumulate"
_THEME = "view/theme"


class StudioSettings:
    """Typed access to the editor's persistent settings."""

    def __init__(self, qsettings: QSettings | None = None) -> None:
        self.qsettings = qsettings if qsettings is not None else QSettings(ORGANIZATION, APP_NAME)

    @classmethod
    def at_path(cls, path: str | os.PathLike[str]) -> StudioSettings:
        """Settings stored in the ``.ini`` file *path* (tests, portable setups)."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def sync(self) -> None:
        self.qsettings.sync()

    # --- recent files ------------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        """Recently opened or saved files, most recent first."""
        value = self.qsettings.value(_RECENT, [])
        if isinstance(value, str):  # QSettings hands back a lone string for a one-item list
            value = [value]
        return [str(p) for p in (value or []) if p]

    def set_recent_files(self, paths: list[str]) -> None:
        self.qsettings.setValue(_RECENT, list(paths[:MAX_RECENT]))

    def add_recent_file(self, path: str | os.PathLike[str]) -> list[str]:
        """Put *path* first (absolute, no duplicates, at most :data:`MAX_RECENT`)."""
        path = str(Path(path).resolve())
        paths = [path] + [p for p in self.recent_files() if p != path]
        self.set_recent_files(paths)
        return self.recent_files()

    def remove_recent_file(self, path: str | os.PathLike[str]) -> list[str]:
        path = str(path)
        self.set_recent_files([p for p in self.recent_files() if p != path])
        return self.recent_files()

    def clear_recent_files(self) -> None:
        self.qsettings.remove(_RECENT)

    # --- folders ------------------------------------------------------------------------------

    def last_directory(self) -> str:
        """The folder of the last file opened or saved (at first the user's documents
        folder, or the home folder where there is none)."""
        value = self.qsettings.value(_LAST_DIR, "")
        if value and Path(str(value)).is_dir():
            return str(value)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        if documents and Path(documents).is_dir():
            return documents
        return str(Path.home())

    def set_last_directory(self, directory: str | os.PathLike[str]) -> None:
        self.qsettings.setValue(_LAST_DIR, str(directory))

    # --- window layout ------------------------------------------------------------------------

    def window_geometry(self) -> QByteArray | None:
        return _bytes(self.qsettings.value(_GEOMETRY))

    def window_state(self) -> QByteArray | None:
        return _bytes(self.qsettings.value(_STATE))

    def set_window_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self.qsettings.setValue(_GEOMETRY, geometry)
        self.qsettings.setValue(_STATE, state)

    # --- backward semantics -------------------------------------------------------------------

    def accumulate_grads(self) -> bool:
        """Whether Backward sums onto the shown grads (micrograd) instead of resetting them."""
        value = self.qsettings.value(_ACCUMULATE, False)
        return value in (True, "true", "1", 1)  # an .ini file hands booleans back as text

    def set_accumulate_grads(self, on: bool) -> None:
        self.qsettings.setValue(_ACCUMULATE, bool(on))

    def theme(self) -> str:
        """View > Theme: ``"system"`` (the default), ``"light"`` or ``"dark"``."""
        value = str(self.qsettings.value(_THEME, "system"))
        return value if value in ("system", "light", "dark") else "system"

    def set_theme(self, choice: str) -> None:
        self.qsettings.setValue(_THEME, choice)


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None
