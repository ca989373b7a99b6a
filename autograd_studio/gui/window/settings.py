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

__all__ = [
    "APP_NAME",
    "AUTOSAVE_RANGE",
    "DEFAULT_MAX_FILE_MB",
    "IMAGE_SCALES",
    "LAYOUT_ENGINES",
    "MAX_FILE_MB_RANGE",
    "MAX_RECENT",
    "ORGANIZATION",
    "StudioSettings",
]

ORGANIZATION = "Autograd Studio"
APP_NAME = "Autograd Studio"
MAX_RECENT = 10

_RECENT = "files/recent"
_LAST_DIR = "files/lastDirectory"
_GEOMETRY = "window/geometry"
_STATE = "window/state"
_ACCUMULATE = "backward/accumulate"
_CALLS_AS_STEPS = "backward/callsAsSteps"
_LAYOUT_ENGINE = "layout/engine"
_ANIMATE_LAYOUT = "layout/animate"
_IMAGE_SCALE = "export/imageScale"
_TRANSPARENT = "export/transparent"
_IMAGE_FORMAT = "export/imageFormat"
_AUTOSAVE = "editing/autosaveSeconds"
_MAX_FILE_MB = "files/maxFileMegabytes"
#: File > Preferences: the biggest file Open reads by default (megabytes), and the bounds.
DEFAULT_MAX_FILE_MB = 512
MAX_FILE_MB_RANGE = (1, 64 * 1024)
#: File > Preferences: the autosave interval's bounds (seconds).
AUTOSAVE_RANGE = (5, 3600)
#: The layout engines Arrange > Layout Engine offers (``layout()``'s names).
LAYOUT_ENGINES = ("auto", "dot", "layered")
#: Pixels per canvas unit File > Export > Image Scale offers.
IMAGE_SCALES = (1, 2, 4)
_THEME = "view/theme"
_LANGUAGE = "view/language"
#: View > Language: follow the system, or one of the catalogs shipped.
LANGUAGE_CHOICES = ("system", "en", "zh_CN")


class StudioSettings:
    """Typed access to the editor's persistent settings: every key is read and written
    here (a controller never reads ``qsettings`` itself), booleans through one parser."""

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
        return self._flag(_ACCUMULATE, False)

    def set_accumulate_grads(self, on: bool) -> None:
        self.qsettings.setValue(_ACCUMULATE, bool(on))

    def calls_as_steps(self) -> bool:
        """Whether the step-through runs a function call as one step (else it enters it)."""
        return self._flag(_CALLS_AS_STEPS, False)

    def set_calls_as_steps(self, on: bool) -> None:
        self.qsettings.setValue(_CALLS_AS_STEPS, bool(on))

    def theme(self) -> str:
        """View > Theme: ``"system"`` (the default), ``"light"`` or ``"dark"``."""
        value = str(self.qsettings.value(_THEME, "system"))
        return value if value in ("system", "light", "dark") else "system"

    def set_theme(self, choice: str) -> None:
        self.qsettings.setValue(_THEME, choice)

    def language(self) -> str:
        """View > Language: ``"system"`` (the default), ``"en"`` or ``"zh_CN"``."""
        value = str(self.qsettings.value(_LANGUAGE, "system"))
        return value if value in LANGUAGE_CHOICES else "system"

    def set_language(self, choice: str) -> None:
        if choice not in LANGUAGE_CHOICES:
            raise ValueError(f"unknown language {choice!r}")
        self.qsettings.setValue(_LANGUAGE, choice)

    # --- arrange ------------------------------------------------------------------------------

    def layout_engine(self) -> str:
        """Arrange > Layout Engine: ``"auto"`` (until one is chosen), ``"dot"`` or
        ``"layered"``."""
        value = str(self.qsettings.value(_LAYOUT_ENGINE, "auto"))
        return value if value in LAYOUT_ENGINES else "auto"

    def set_layout_engine(self, engine: str) -> None:
        if engine not in LAYOUT_ENGINES:
            raise ValueError(f"unknown layout engine {engine!r}")
        self.qsettings.setValue(_LAYOUT_ENGINE, engine)

    def animate_layout(self) -> bool:
        """Arrange > Animate Layout (on by default)."""
        return self._flag(_ANIMATE_LAYOUT, True)

    def set_animate_layout(self, on: bool) -> None:
        self.qsettings.setValue(_ANIMATE_LAYOUT, bool(on))

    # --- picture export -----------------------------------------------------------------------

    def image_scale(self) -> int:
        """Pixels per canvas unit of exported PNGs (one of :data:`IMAGE_SCALES`; 2 at first)."""
        try:
            value = int(self.qsettings.value(_IMAGE_SCALE, 2))
        except (TypeError, ValueError):
            value = 2
        return value if value in IMAGE_SCALES else 2

    def set_image_scale(self, scale: int) -> None:
        if scale not in IMAGE_SCALES:
            raise ValueError(f"scale must be one of {IMAGE_SCALES}, not {scale!r}")
        self.qsettings.setValue(_IMAGE_SCALE, scale)

    def transparent_export(self) -> bool:
        """File > Export > Transparent Background (off by default)."""
        return self._flag(_TRANSPARENT, False)

    def set_transparent_export(self, on: bool) -> None:
        self.qsettings.setValue(_TRANSPARENT, bool(on))

    def image_format(self) -> str:
        """The picture format chosen last (``"png"`` or ``"svg"``)."""
        value = str(self.qsettings.value(_IMAGE_FORMAT, "png"))
        return value if value in ("png", "svg") else "png"

    def set_image_format(self, fmt: str) -> None:
        self.qsettings.setValue(_IMAGE_FORMAT, fmt)

    # --- parsing ------------------------------------------------------------------------------

    def autosave_seconds(self) -> float:
        """Idle seconds before unsaved work is written to a recovery file (default 30)."""
        try:
            value = float(self.qsettings.value(_AUTOSAVE, 30.0))
        except (TypeError, ValueError):
            return 30.0
        return value if value > 0 else 30.0

    def set_autosave_seconds(self, seconds: float) -> None:
        self.qsettings.setValue(_AUTOSAVE, float(seconds))

    def max_file_mb(self) -> int:
        """The biggest file Open reads, in megabytes (default 512); the environment's
        ``AUTOGRAD_STUDIO_MAX_FILE_MB`` wins over it when set."""
        try:
            value = int(float(self.qsettings.value(_MAX_FILE_MB, DEFAULT_MAX_FILE_MB)))
        except (TypeError, ValueError):
            return DEFAULT_MAX_FILE_MB
        low, high = MAX_FILE_MB_RANGE
        return value if low <= value <= high else DEFAULT_MAX_FILE_MB

    def set_max_file_mb(self, megabytes: int) -> None:
        low, high = MAX_FILE_MB_RANGE
        if not low <= megabytes <= high:
            raise ValueError(f"the file size limit must be {low}..{high} MB, not {megabytes!r}")
        self.qsettings.setValue(_MAX_FILE_MB, int(megabytes))

    def _flag(self, key: str, default: bool) -> bool:
        return parse_flag(self.qsettings.value(key, default), default)


def parse_flag(value: object, default: bool = False) -> bool:
    """A stored boolean: an ``.ini`` file hands them back as text (``"true"``), the native
    stores as ``bool``; anything unreadable is *default*."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("true", "1", "yes", "on"):
        return True
    if text in ("false", "0", "no", "off", ""):
        return False
    return default


def _bytes(value: object) -> QByteArray | None:
    if isinstance(value, QByteArray) and not value.isEmpty():
        return value
    if isinstance(value, (bytes, bytearray)) and value:
        return QByteArray(bytes(value))
    return None
