"""A schema reached through a symbolic link out of the project is refused, never read (issue 20, 3).

The configuration is the pull request's: ``schema = "x.json"`` where ``x.json``
(or a folder on its way) links outside the checkout would read a file of the
runner's and quote its text in errors and findings. It is refused as a report
link is: exit 2, one line naming the reference as written, nothing of the
target (neither its text nor where it is).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from attacks import Attack, Outcome

ROOT = Path(__file__).resolve().parents[2]
DEMO = (ROOT / "fixtures" / "demo" / "2026-01-30.md").read_text(encoding="utf-8")
SECRET = "TOPSECRET-token-abc123"


def _outside(tmp_path: Path) -> Path:
    """A folder beside the checkout holding a usable schema whose titles are a secret, and one that is not JSON."""
    folder = tmp_path / "outside-the-checkout"
    folder.mkdir()
    schema = json.loads((ROOT / "schemas" / "team-compass.schema.json").read_text(encoding="utf-8"))
    schema["title"] = SECRET
    text = json.dumps(schema).replace("Decisions needed", SECRET)
    (folder / "good.json").write_text(text, encoding="utf-8")
    (folder / "bad.json").write_text(f'{{"title": "{SECRET}",\n', encoding="utf-8")
    return folder


def _refused(result: Outcome, reference: str, outside: Path) -> None:
    assert result.code == 2, result.err
    [line] = result.err.splitlines()
    # Named by the configuration, it is refused as the config loads (test_config_files_outside.py);
    # named by --schema, as the schema loads.
    assert line.endswith(f"'{reference}' is outside the project (the config file's folder)") or line == (
        f"compass-lint: error: {reference}: schema is a symbolic link out of the project; not followed"
    ), line
    assert SECRET not in result.out + result.err
    assert str(outside) not in result.out + result.err


@pytest.mark.parametrize("target", ["good.json", "bad.json"])
@pytest.mark.parametrize(
    "command", [["check", "--no-cache", "2026-01-30.md"], ["fix", "2026-01-30.md"], ["actions", "."], ["new", "."]]
)
def test_a_schema_file_linked_out_of_the_project_is_refused(
    attack: Attack, tmp_path: Path, target: str, command: list[str]
) -> None:
    outside = _outside(tmp_path)
    attack.write("2026-01-30.md", DEMO)
    attack.write(".compass-lint.toml", 'schema = "x.json"\n')
    (attack.folder / "x.json").symlink_to(outside / target)
    _refused(attack.run(*command), "x.json", outside)
    assert (attack.folder / "2026-01-30.md").read_text(encoding="utf-8") == DEMO, "fix wrote nothing"


def test_a_schema_in_a_folder_linked_out_of_the_project_is_refused(attack: Attack, tmp_path: Path) -> None:
    outside = _outside(tmp_path)
    attack.write("2026-01-30.md", DEMO)
    (attack.folder / "schemas").symlink_to(outside, target_is_directory=True)
    attack.write(".compass-lint.toml", 'schema = "schemas/good.json"\n')
    _refused(attack.run("check", "--no-cache", "2026-01-30.md"), "schemas/good.json", outside)
    # The same through a series' schema, and through --schema.
    series = '[[series]]\nname = "team"\nfiles = "*.md"\nschema = "schemas/good.json"\n'
    attack.write(".compass-lint.toml", series)
    _refused(attack.run("check", "--no-cache", "2026-01-30.md"), "schemas/good.json", outside)
    attack.write(".compass-lint.toml", "")
    _refused(attack.run("check", "--no-cache", "--schema", "schemas/good.json", "."), "schemas/good.json", outside)


def test_a_schema_linked_inside_the_project_or_named_outside_on_the_command_line_is_read(
    attack: Attack, tmp_path: Path
) -> None:
    outside = _outside(tmp_path)
    attack.write("2026-01-30.md", DEMO)
    attack.write("schemas/real.json", (ROOT / "schemas" / "team-compass.schema.json").read_text(encoding="utf-8"))
    (attack.folder / "x.json").symlink_to(attack.folder / "schemas" / "real.json")
    attack.write(".compass-lint.toml", 'schema = "x.json"\n')
    inside = attack.run("check", "--no-cache", "2026-01-30.md")
    assert inside.code == 0, inside.out + inside.err
    # A path outside named on the command line, with no link on the way, is the user's choice (the
    # configuration cannot name one: test_config_files_outside.py).
    attack.write(".compass-lint.toml", "")
    named = attack.run("check", "--no-cache", "--schema", str(outside / "good.json"), "2026-01-30.md")
    assert named.code == 0 and "CL105 section 2 'TOPSECRET-token-abc123'" in named.out, "read and used"
