"""Files the config names (outline schemas, templates) stay inside the config file's folder: a pull
request's config cannot make compass-lint read a file elsewhere on the runner (issue 20, 3)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from attacks import Attack

SECRET = "c2VjcmV0LXRva2Vu"
# A JSON file outside the checkout whose keys look like an outline: were it read, its text could reach
# a finding ("missing section '<secret>'") or an error message.
OUTSIDE_SCHEMA = {"properties": {"sections": {"required": ["s"], "properties": {"s": {"x-title": SECRET}}}}}


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "runner-home" / "config.json"
    secret.parent.mkdir()
    secret.write_text(json.dumps(OUTSIDE_SCHEMA), encoding="utf-8")
    return secret


@pytest.mark.parametrize(
    ("key", "line"),
    [
        ("schema", 'schema = "{absolute}"'),
        ("schema", 'schema = "../runner-home/config.json"'),
        ("schema", 'schema = "linked.json"'),
        ("template", 'template = "{absolute}"'),
        ("template", 'template = "linked.json"'),
        ("series[0].schema", '[[series]]\nname = "m"\nfiles = "*.md"\nschema = "{absolute}"'),
        ("series[0].template", '[[series]]\nname = "m"\nfiles = "*.md"\ntemplate = "../runner-home/config.json"'),
    ],
)
def test_a_config_cannot_name_a_file_outside_its_folder(attack: Attack, outside: Path, key: str, line: str) -> None:
    os.symlink(outside, attack.folder / "linked.json")
    attack.write(".compass-lint.toml", line.format(absolute=outside.as_posix()) + "\n")
    attack.write("2024-01-01.md", Attack.REPORT)
    result = attack.run("check", "--no-cache", "2024-01-01.md")
    assert result.code == 2, result.out + result.err
    assert len(result.err.splitlines()) == 1
    assert f"invalid config key '{key}'" in result.err and "outside the project" in result.err
    assert SECRET not in result.out + result.err


def test_a_schema_inside_the_project_is_read(attack: Attack) -> None:
    attack.write("schemas/team.json", json.dumps(OUTSIDE_SCHEMA))
    attack.write(".compass-lint.toml", 'schema = "schemas/../schemas/team.json"\n')
    attack.write("2024-01-01.md", Attack.REPORT)
    result = attack.run("check", "--no-cache", "2024-01-01.md")
    assert result.code == 1, result.err
    # The project's own one-section outline applies (the builtin one has more sections).
    assert "(0 of 1 required sections found" in result.out, result.out
