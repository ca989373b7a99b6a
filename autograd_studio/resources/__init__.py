"""Files that ship inside the package: the example graphs, the app icon, the desktop entry.

They are found through :mod:`importlib.resources`, so an installed wheel, an editable
checkout and a zip-free ``pip install .`` all read them from the same place.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

__all__ = ["DESKTOP_ENTRY", "ICON", "example", "examples_dir", "resource"]

DESKTOP_ENTRY = "autograd-studio.desktop"
ICON = "icons/autograd-studio.svg"


def resource(name: str) -> Path:
    """The path of the shipped file *name* (``"icons/autograd-studio.svg"``)."""
    root = files(__name__)
    # pip installs packages unpacked, so the files are real files: the editor and the
    # command line pass them to code that wants paths.
    return Path(str(root.joinpath(*name.split("/"))))


def examples_dir() -> Path:
    """The folder of the bundled example graphs (``*.agraph``)."""
    return resource("examples")


def example(stem: str) -> Path:
    """The bundled example *stem* (``"neuron-active"``)."""
    return examples_dir() / f"{stem}.agraph"
