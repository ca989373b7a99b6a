"""A real package: the wheel carries what the program reads at run time, and installed into
a fresh virtual environment, outside the checkout, ``autograd-studio`` works.

No network: the wheel is built without build isolation (this venv's setuptools), installed
without dependencies, and the throwaway venv borrows this venv's site-packages (PySide6,
networkx...) through a ``.pth`` file; its own copy of ``autograd_studio`` comes first.
"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from autograd_studio import __version__
from autograd_studio.desktop_entry import data_home, install_desktop_entry
from autograd_studio.resources import ICON, examples_dir, resource

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE_NAMES = sorted(path.name for path in examples_dir().glob("*.agraph"))


def run(*command: str | Path, **kwargs) -> subprocess.CompletedProcess:
    completed = subprocess.run(
        [str(c) for c in command], capture_output=True, text=True, timeout=180, **kwargs
    )
    assert completed.returncode == 0, completed.stderr + completed.stdout
    return completed


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Build from a copy of the tracked sources: a build leaves build/ and *.egg-info behind.
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    tracked = run(
        "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=ROOT
    ).stdout.split("\0")
    if not any(tracked):  # not a git checkout: the package and the project files
        tracked = [str(p.relative_to(ROOT)) for p in (ROOT / "autograd_studio").rglob("*")]
        tracked += ["pyproject.toml", "README.md"]
    for name in filter(None, tracked):
        if name.startswith(("autograd_studio/", "pyproject.toml", "README")):
            target = source / name
            if (ROOT / name).is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, target)
    out = work / "dist"
    run(
        sys.executable,
        *("-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-q"),
        *("-w", out, source),
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    (built,) = out.glob("autograd_studio-*.whl")
    return built


@pytest.mark.slow
def test_the_wheel_carries_examples_icon_desktop_entry_and_the_command(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = "autograd_studio/resources/"
    assert {f"{shipped}examples/{name}" for name in EXAMPLE_NAMES} <= names
    assert len(EXAMPLE_NAMES) >= 6
    assert f"{shipped}icons/autograd-studio.svg" in names
    assert f"{shipped}autograd-studio.desktop" in names
    translations = resource("translations")
    if translations.is_dir():  # the catalogs ship with the program that reads them
        for path in translations.glob("*.qm"):
            assert f"{shipped}translations/{path.name}" in names
    entry_points = zipfile.ZipFile(wheel).read(
        f"autograd_studio-{__version__}.dist-info/entry_points.txt"
    )
    assert b"autograd-studio = autograd_studio.cli:main" in entry_points
    assert not any(name.startswith(("tests/", "scripts/", "resources/")) for name in names)


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh venv with the wheel installed; returns its bin directory."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    python = venv / "bin" / "python"
    run(
        sys.executable,
        *("-m", "pip", "--python", python, "install", "--no-deps", "--no-index", "-q", wheel),
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    purelib = run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))")
    borrowed = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (Path(purelib.stdout.strip()) / "borrowed-dependencies.pth").write_text(
        "\n".join(sorted(borrowed)) + "\n", encoding="utf-8"
    )
    return venv / "bin"


def outside_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "share"))
    return env


@pytest.mark.slow
def test_the_installed_command_runs_a_bundled_example_outside_the_checkout(installed, tmp_path):
    env = outside_env(tmp_path)
    version = run(installed / "autograd-studio", "--version", cwd=tmp_path, env=env)
    assert version.stdout.strip() == f"autograd-studio {__version__}"

    where = run(
        installed / "python",
        "-c",
        "import autograd_studio.resources as r; print(r.example('neuron-active'))",
        cwd=tmp_path,
        env=env,
    )
    example = Path(where.stdout.strip())
    assert example.is_file()
    assert installed.parent in example.parents  # the wheel's copy, not the checkout's
    assert ROOT not in example.parents

    table = run(installed / "autograd-studio", "run", example, cwd=tmp_path, env=env)
    rows = {line.split()[0]: line.split() for line in table.stdout.splitlines() if line.strip()}
    assert float(rows["w1"][-1]) == 2.0 and float(rows["x2"][-1]) == 0.5


@pytest.mark.slow
def test_the_installed_command_adds_itself_to_the_desktop_menu(installed, tmp_path):
    env = outside_env(tmp_path)
    completed = run(installed / "autograd-studio", "--install-desktop", cwd=tmp_path, env=env)
    entry_file = tmp_path / "share" / "applications" / "autograd-studio.desktop"
    assert f"wrote {entry_file}" in completed.stdout
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(entry_file, encoding="utf-8")
    exec_line = entry["Desktop Entry"]["Exec"]
    assert exec_line == f"{(installed / 'autograd-studio').resolve()} %f"


def test_the_desktop_entry_and_icon_install_under_xdg_data_home(tmp_path):
    written = install_desktop_entry(tmp_path, command="/opt/studio/bin/autograd-studio")
    desktop_file = tmp_path / "applications" / "autograd-studio.desktop"
    icon_file = tmp_path / "icons" / "hicolor" / "scalable" / "apps" / "autograd-studio.svg"
    assert written == [desktop_file, icon_file]
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # keys are case-sensitive in desktop files
    entry.read(desktop_file, encoding="utf-8")
    fields = entry["Desktop Entry"]
    assert fields["Type"] == "Application" and fields["Name"] == "Autograd Studio"
    assert fields["Exec"] == "/opt/studio/bin/autograd-studio %f"
    assert fields["TryExec"] == "/opt/studio/bin/autograd-studio"
    assert fields["Icon"] == icon_file.stem
    assert icon_file.read_bytes() == resource(ICON).read_bytes()
    assert b"<svg" in icon_file.read_bytes()


def test_a_command_path_with_spaces_is_quoted_in_exec(tmp_path):
    install_desktop_entry(tmp_path, command="/home/a b/venv/bin/autograd-studio")
    text = (tmp_path / "applications" / "autograd-studio.desktop").read_text(encoding="utf-8")
    assert 'Exec="/home/a b/venv/bin/autograd-studio" %f' in text.splitlines()


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"XDG_DATA_HOME": "/data/share"}, Path("/data/share")),
        ({"XDG_DATA_HOME": "relative/path"}, Path.home() / ".local" / "share"),  # spec: ignored
        ({}, Path.home() / ".local" / "share"),
    ],
)
def test_data_home_follows_the_xdg_base_directory_spec(environ, expected):
    assert data_home(environ) == expected
