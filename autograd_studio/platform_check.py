"""Can the editor open a window here?  Asked before Qt starts, so no Qt import.

Qt's answer to a missing system library is an abort ("no Qt platform plugin could be
initialized") that names one library at a time.  This module asks first: is there a display,
and does the xcb platform plugin that PySide6 ships find every shared library it needs?
What it needs is what ``ldd`` says the plugin (and the Qt libraries it loads) link to, plus
the libraries Qt documents for xcb, some of which it opens only at run time (libxcb-cursor)
and ``ldd`` cannot see.  Missing libraries map to the Debian packages that hold them, so the
answer is one ``apt-get install`` line, or, for ``scripts/studio`` as root, the install.

``python -m autograd_studio.platform_check`` prints the problem (exit 2) or nothing (exit 0);
``--install`` installs what is missing first when it can (root with apt-get);
``--missing-packages`` prints the Debian packages missing for xcb, one a line.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "HEADLESS_PLATFORMS",
    "XCB_LIBRARIES",
    "Problem",
    "debian_packages",
    "display_problem",
    "gui_problem",
    "install_command",
    "missing_libraries",
    "parse_ldconfig",
    "parse_ldd",
    "xcb_plugin",
]

#: The shared libraries the xcb platform plugin of Qt 6 needs (Qt's "Qt for X11
#: Requirements" list and what ``ldd`` shows for PySide6's plugin), each with the Debian
#: package that holds it.  A tuple lists a package's names across Debian releases, newest
#: first (Debian 13 renamed some for the 64-bit time_t transition).
XCB_LIBRARIES: dict[str, str | tuple[str, ...]] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",  # opened at run time: ldd does not show it
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libdbus-1.so.3": "libdbus-1-3",
}

#: Further libraries ``ldd`` may report for the plugin or Qt's own libraries.
_OTHER_LIBRARIES: dict[str, str | tuple[str, ...]] = {
    "libxcb.so.1": "libxcb1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
    "libgthread-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
}

#: Platforms that need no display at all.
HEADLESS_PLATFORMS = frozenset({"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs"})

_HEADLESS_HINT = "or use the headless verbs: autograd-studio run/render FILE"


@dataclass(frozen=True)
class Problem:
    """Why the editor cannot open a window, and the one line that says it."""

    message: str
    packages: tuple[str, ...] = ()  # Debian packages that fix it, when that is the fix


def xcb_plugin() -> Path | None:
    """PySide6's xcb platform plugin, found without importing PySide6; None if absent."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        plugin = Path(location) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


_LDD_MISSING = re.compile(r"^\s*(\S+)\s*=>\s*not found", re.MULTILINE)
_LDCONFIG_ENTRY = re.compile(r"^\s*(\S+)\s+\(", re.MULTILINE)


def parse_ldd(text: str) -> list[str]:
    """The sonames ``ldd`` reported as "not found", each once, in order."""
    return list(dict.fromkeys(_LDD_MISSING.findall(text)))


def parse_ldconfig(text: str) -> set[str]:
    """The sonames of the dynamic linker's cache, from ``ldconfig -p``."""
    return set(_LDCONFIG_ENTRY.findall(text))


def _run(command: list[str]) -> str:
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return completed.stdout


def _ldd(path: Path) -> str:
    return _run(["ldd", str(path)]) if shutil.which("ldd") else ""


def _linker_cache() -> set[str]:
    ldconfig = shutil.which("ldconfig") or next(
        (p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig") if os.access(p, os.X_OK)), None
    )
    return parse_ldconfig(_run([ldconfig, "-p"])) if ldconfig else set()


def _library_path_entries() -> set[str]:
    # A library found through LD_LIBRARY_PATH loads too, though the cache does not list it.
    names: set[str] = set()
    for directory in filter(None, os.environ.get("LD_LIBRARY_PATH", "").split(":")):
        try:
            names.update(os.listdir(directory))
        except OSError:
            continue
    return names


def missing_libraries(
    plugin: Path,
    ldd: Callable[[Path], str] = _ldd,
    installed: Callable[[], set[str]] | None = None,
) -> list[str]:
    """The sonames the xcb *plugin* would fail to load: ``ldd``'s "not found" for it (and
    so for the Qt libraries it loads), and Qt's documented xcb libraries not installed.

    *ldd* and *installed* (the sonames the dynamic linker finds) are replaceable for tests.
    An empty cache (no ``ldconfig``, a musl system) checks the ``ldd`` answer alone.
    """
    missing = parse_ldd(ldd(plugin))  # ldd lists the whole closure: Qt's libraries' needs too
    known = installed() if installed is not None else _linker_cache() | _library_path_entries()
    if known:
        missing += [soname for soname in XCB_LIBRARIES if soname not in known]
    return list(dict.fromkeys(missing))


def debian_packages(
    sonames: Iterable[str], available: Callable[[str], bool] | None = None
) -> tuple[list[str], list[str]]:
    """(Debian packages holding *sonames*, sonames no package is known for).

    Where a library's package has several names across releases, *available* (default:
    ``apt-cache`` knows it) picks the first this machine's apt knows.
    """
    available = available or _apt_knows
    packages: list[str] = []
    unknown: list[str] = []
    table: Mapping[str, str | tuple[str, ...]] = {**XCB_LIBRARIES, **_OTHER_LIBRARIES}
    for soname in sonames:
        names = table.get(soname)
        if names is None:
            unknown.append(soname)
            continue
        if isinstance(names, tuple):
            names = next((n for n in names if available(n)), names[-1])
        if names not in packages:
            packages.append(names)
    return packages, unknown


def _apt_knows(package: str) -> bool:
    if not shutil.which("apt-cache"):
        return False
    return bool(_run(["apt-cache", "show", "--no-all-versions", package]).strip())


def install_command(packages: Iterable[str], root: bool | None = None) -> str:
    """The one command line that installs *packages* (``sudo`` unless we are root)."""
    root = os.geteuid() == 0 if root is None else root
    prefix = "" if root else "sudo "
    return f"{prefix}apt-get install -y {' '.join(packages)}"


def _platforms(environ: Mapping[str, str]) -> list[str]:
    # QT_QPA_PLATFORM="wayland;xcb" lists fallbacks; "xcb:option=value" carries options.
    value = environ.get("QT_QPA_PLATFORM", "")
    return [entry.split(":", 1)[0].strip() for entry in value.split(";") if entry.strip()]


def display_problem(environ: Mapping[str, str] | None = None) -> Problem | None:
    """No display to open a window on (and no headless platform asked for)?"""
    environ = os.environ if environ is None else environ
    platforms = _platforms(environ)
    if platforms and platforms[0] in HEADLESS_PLATFORMS:
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY"):
        return None
    return Problem(
        "no display to open the editor on: set DISPLAY (an X server) or WAYLAND_DISPLAY, "
        + _HEADLESS_HINT
    )


def _uses_xcb(environ: Mapping[str, str]) -> bool:
    platforms = _platforms(environ)
    if platforms:
        return "xcb" in platforms
    # Qt 6 picks Wayland in a Wayland session; without an X display xcb is never tried.
    return bool(environ.get("DISPLAY"))


def gui_problem(
    environ: Mapping[str, str] | None = None,
    plugin: Path | None = None,
    missing: Callable[[Path], list[str]] = missing_libraries,
    packages: Callable[[list[str]], tuple[list[str], list[str]]] = debian_packages,
    root: bool | None = None,
) -> Problem | None:
    """Why the editor cannot open a window here, or None when it can (as far as we can tell).

    Only Linux's xcb platform is checked: elsewhere Qt ships what it needs.
    """
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    problem = display_problem(environ)
    if problem is not None or not _uses_xcb(environ):
        return problem
    plugin = plugin or xcb_plugin()
    if plugin is None:
        return None  # not PySide6's wheel layout: Qt will say what it misses
    sonames = missing(plugin)
    if not sonames:
        return None
    debs, unknown = packages(sonames)
    what = f"the editor's window needs system libraries that are missing ({', '.join(sonames)})"
    if debs and not unknown:
        command = install_command(debs, root)
        return Problem(f"{what}; install them with:\n    {command}", tuple(debs))
    return Problem(f"{what}; install them with your system's package manager, {_HEADLESS_HINT}")


def install(packages: Iterable[str]) -> bool:
    """``apt-get update`` then install *packages*, quietly; True when apt-get succeeded."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    packages = list(packages)
    print(f"==> installing the editor's system libraries: {' '.join(packages)}", flush=True)
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
    ):
        completed = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
        if completed.returncode != 0:  # apt's own words say why (a lock, no network...)
            print(completed.stdout + completed.stderr, file=sys.stderr)
            return False
    return True


def _can_install() -> bool:
    return os.geteuid() == 0 and shutil.which("apt-get") is not None


def main(argv: list[str] | None = None) -> int:
    """The command line described in the module docstring."""
    args = sys.argv[1:] if argv is None else argv
    if args == ["--missing-packages"]:
        plugin = xcb_plugin()
        debs = debian_packages(missing_libraries(plugin))[0] if plugin else []
        print("\n".join(debs))
        return 0
    problem = gui_problem()
    if problem is not None and problem.packages and "--install" in args and _can_install():
        install(problem.packages)
        problem = gui_problem()
    if problem is None:
        return 0
    print(f"autograd-studio: error: {problem.message}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
