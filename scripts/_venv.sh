# Shared by scripts/studio and scripts/test: create .venv on first use and install the
# project into it.  Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${AUTOGRAD_STUDIO_VENV:-$ROOT/.venv}"
PY="${PYTHON:-python3}"

if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating $VENV"
    "$PY" -m venv "$VENV"
fi
VPY="$VENV/bin/python"

# Reinstall only when pyproject.toml changed since the last install.
install_project() {  # $1: extras, e.g. "[test]" or ""
    local extras="$1"
    local stamp="$VENV/.installed${extras}"
    if [ ! -f "$stamp" ] || [ "$ROOT/pyproject.toml" -nt "$stamp" ]; then
        echo "==> installing autograd-studio${extras} into $VENV"
        # --no-compile: Python compiles what it imports anyway; precompiling every file of
        # every dependency made the first install much slower.
        "$VPY" -m pip install --quiet --disable-pip-version-check --no-compile -e "$ROOT${extras}"
        touch "$stamp"
    fi
}
