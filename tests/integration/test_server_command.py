"""The ``server`` command without the server extra, and the CLI staying light (no pygls, no lsprotocol)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)


def test_without_the_extra_the_server_says_what_to_install() -> None:
    # None in sys.modules makes "import pygls" fail as if it were not installed.
    done = _python(
        "import sys\nsys.modules['pygls'] = None\nfrom compass_lint.cli.main import main\nsys.exit(main(['server']))\n"
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "compass-lint: error: the language server needs pygls and lsprotocol: install 'compass-lint[server]'"
    ]


def test_check_loads_neither_pygls_nor_lsprotocol() -> None:
    done = _python(
        "import sys\n"
        "from compass_lint.cli.main import main\n"
        "code = main(['check', '--no-cache', '-q', 'fixtures/demo'])\n"
        "print(code, sorted(m for m in sys.modules if m.startswith(('pygls', 'lsprotocol', 'compass_lint.server'))))\n"
    )
    assert done.stdout.splitlines()[-1] == "1 []", done.stderr


def test_the_server_command_is_listed() -> None:
    done = _python("import sys\nfrom compass_lint.cli.main import main\nsys.exit(main(['--help']))\n")
    assert done.returncode == 0
    assert any(line.split()[:1] == ["server"] for line in done.stdout.splitlines())
