"""The preflight before Qt starts: a display, and the xcb plugin's system libraries.

``ldd``, the linker cache and apt are replaced by fakes: these tests say what the check
concludes from what those tools answer, on any machine.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from autograd_studio import cli, platform_check
from autograd_studio.platform_check import (
    XCB_LIBRARIES,
    Problem,
    debian_packages,
    gui_problem,
    missing_libraries,
    parse_ldconfig,
    parse_ldd,
)

ROOT = Path(__file__).resolve().parents[1]

LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x7f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibEGL.so.1 => /lib/x86_64-linux-gnu/libEGL.so.1 (0x00007f)
"""

LDCONFIG_OUTPUT = """\
1234 libs found in cache `/etc/ld.so.cache'
\tlibxcb.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb.so.1
\tlibEGL.so.1 (libc6,x86-64) => /lib/x86_64-linux-gnu/libEGL.so.1
\tlibxcb-image.so.0 (libc6,x86-64) => /lib/x86_64-linux-gnu/libxcb-image.so.0
"""

X_DISPLAY = {"DISPLAY": ":0"}


def everything_but(*absent: str) -> set[str]:
    return set(XCB_LIBRARIES) - set(absent)


def test_ldd_not_found_lines_are_read_once_each():
    assert parse_ldd(LDD_OUTPUT) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert parse_ldd("\tlibc.so.6 => /lib/libc.so.6 (0x1)\n") == []


def test_the_linker_cache_lists_sonames():
    assert parse_ldconfig(LDCONFIG_OUTPUT) == {"libxcb.so.1", "libEGL.so.1", "libxcb-image.so.0"}


def test_missing_libraries_join_ldd_and_the_documented_list(tmp_path):
    # libxcb-cursor is opened at run time, so ldd cannot see it: the list catches it.
    plugin = tmp_path / "libqxcb.so"
    installed = everything_but("libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    missing = missing_libraries(plugin, ldd=lambda _: LDD_OUTPUT, installed=lambda: installed)
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0"]


def test_without_a_linker_cache_ldd_alone_decides(tmp_path):
    missing = missing_libraries(tmp_path / "p.so", ldd=lambda _: LDD_OUTPUT, installed=set)
    assert missing == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_sonames_map_to_debian_packages():
    packages, unknown = debian_packages(
        ["libxcb-cursor.so.0", "libxkbcommon-x11.so.0", "libEGL.so.1", "libfoo.so.9"],
        available=lambda _: True,
    )
    assert packages == ["libxcb-cursor0", "libxkbcommon-x11-0", "libegl1"]
    assert unknown == ["libfoo.so.9"]


def test_a_renamed_package_is_the_name_apt_knows():
    both = ["libglib-2.0.so.0", "libgthread-2.0.so.0"]  # one package, named once
    assert debian_packages(both, available=lambda name: name.endswith("t64"))[0] == [
        "libglib2.0-0t64"
    ]
    assert debian_packages(both, available=lambda name: False)[0] == ["libglib2.0-0"]


@pytest.mark.parametrize(
    "environ",
    [{}, {"QT_QPA_PLATFORM": "xcb"}, {"DISPLAY": ""}],
    ids=["nothing", "xcb asked for", "empty DISPLAY"],
)
def test_no_display_is_one_clear_line(environ):
    problem = gui_problem(environ)
    assert problem is not None and problem.packages == ()
    assert "\n" not in problem.message
    assert "DISPLAY" in problem.message and "autograd-studio run/render" in problem.message


@pytest.mark.parametrize(
    "environ",
    [
        {"QT_QPA_PLATFORM": "offscreen"},
        {"QT_QPA_PLATFORM": "minimal"},
        {"WAYLAND_DISPLAY": "wayland-0"},
    ],
)
def test_headless_platforms_and_wayland_need_no_xcb_libraries(environ):
    def no_ldd(plugin):
        raise AssertionError("xcb was checked")

    assert gui_problem(environ, plugin=Path("p.so"), missing=no_ldd) is None


def fake_packages(sonames):
    return debian_packages(sonames, available=lambda _: True)


def test_missing_libraries_give_one_install_line():
    problem = gui_problem(
        X_DISPLAY,
        plugin=Path("libqxcb.so"),
        missing=lambda _: ["libxcb-cursor.so.0", "libxcb-icccm.so.4"],
        packages=fake_packages,
        root=False,
    )
    assert problem is not None
    assert problem.packages == ("libxcb-cursor0", "libxcb-icccm4")
    lines = problem.message.splitlines()
    assert "libxcb-cursor.so.0, libxcb-icccm.so.4" in lines[0]
    install_lines = [line for line in lines if "apt-get install" in line]
    assert [line.strip() for line in install_lines] == [
        "sudo apt-get install -y libxcb-cursor0 libxcb-icccm4"
    ]


def test_root_is_told_the_command_without_sudo():
    problem = gui_problem(
        {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":1"},
        plugin=Path("libqxcb.so"),
        missing=lambda _: ["libxcb-keysyms.so.1"],
        packages=fake_packages,
        root=True,
    )
    assert problem is not None
    assert problem.message.splitlines()[-1].strip() == "apt-get install -y libxcb-keysyms1"


def test_an_unknown_library_still_gets_a_clear_message():
    problem = gui_problem(
        X_DISPLAY, plugin=Path("p.so"), missing=lambda _: ["libodd.so.1"], packages=fake_packages
    )
    assert problem is not None and problem.packages == ()
    assert "libodd.so.1" in problem.message and "apt-get" not in problem.message


def test_nothing_missing_is_no_problem():
    assert gui_problem(X_DISPLAY, plugin=Path("p.so"), missing=lambda _: []) is None


def test_the_plugin_is_found_in_the_pyside6_package(tmp_path, monkeypatch):
    platforms = tmp_path / "PySide6" / "Qt" / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (platforms / "libqxcb.so").write_bytes(b"")

    spec = SimpleNamespace(
        submodule_search_locations=[str(tmp_path / "elsewhere"), str(tmp_path / "PySide6")]
    )
    monkeypatch.setattr(platform_check.importlib.util, "find_spec", lambda name: spec)
    assert platform_check.xcb_plugin() == platforms / "libqxcb.so"


def test_install_mode_installs_then_checks_again(monkeypatch, capsys):
    answers = [Problem("missing", ("libxcb-cursor0",)), None]
    installed = []
    monkeypatch.setattr(platform_check, "gui_problem", lambda: answers.pop(0))
    monkeypatch.setattr(platform_check, "_can_install", lambda: True)
    monkeypatch.setattr(platform_check, "install", installed.extend)
    assert platform_check.main(["--install"]) == 0
    assert installed == ["libxcb-cursor0"]


def test_without_root_install_mode_only_tells(monkeypatch, capsys):
    problem = Problem("libs missing; install them with:\n    sudo apt-get install -y x", ("x",))
    monkeypatch.setattr(platform_check, "gui_problem", lambda: problem)
    monkeypatch.setattr(platform_check, "_can_install", lambda: False)
    monkeypatch.setattr(platform_check, "install", lambda packages: pytest.fail("installed"))
    assert platform_check.main(["--install"]) == 2
    assert capsys.readouterr().err.endswith("sudo apt-get install -y x\n")


def test_the_editor_command_reports_the_problem_instead_of_starting_qt(monkeypatch, capsys):
    problem = Problem("libs missing; install them with:\n    sudo apt-get install -y x", ("x",))
    monkeypatch.delenv("AUTOGRAD_STUDIO_NO_PREFLIGHT", raising=False)
    monkeypatch.setattr(platform_check, "gui_problem", lambda: problem)
    monkeypatch.setitem(sys.modules, "autograd_studio.gui.window.app", None)  # importing it fails
    assert cli.main([]) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.startswith("autograd-studio: error: libs missing")
    assert "sudo apt-get install -y x" in err


def test_without_a_display_the_real_command_says_so_in_one_line():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.pop("QT_QPA_PLATFORM", None)
    env.pop("AUTOGRAD_STUDIO_NO_PREFLIGHT", None)
    completed = subprocess.run(
        [sys.executable, "-m", "autograd_studio"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
        check=False,
    )
    assert completed.returncode == 2
    assert completed.stderr.count("\n") == 1, completed.stderr
    assert completed.stderr.startswith("autograd-studio: error: no display")
