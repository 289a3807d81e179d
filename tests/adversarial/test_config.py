"""Bad configuration is a clear error: exit 2, one line, naming the key (issue 20, section 4)."""

from __future__ import annotations

import pytest
from attacks import Attack


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("match-threshold = nan", "invalid config key 'match-threshold': nan is not a finite number"),
        ("time-budget = inf", "invalid config key 'time-budget': inf is not a finite number"),
        ("time-budget = nan", "invalid config key 'time-budget': nan is not a finite number"),
        ('date-formats = ["%Q"]', "invalid config key 'date-formats[0]': '%Q': strptime cannot use it"),
        ('date-formats = ["%d %b %Y", "week"]', "invalid config key 'date-formats[1]': 'week': it does not read"),
        ('date-formats = {a = "%d"}', "invalid config key 'date-formats': {'a': '%d'} is not of type 'array'"),
        ("exclude = {a = 1}", "invalid config key 'exclude'"),
        ('exempt-actions = ["a{99999999}"]', "invalid config key 'exempt-actions[0]'"),
        (
            '[[series]]\nname = "a"\nfiles = "/etc/*.md"',
            "invalid config key 'series.0.files': '/etc/*.md' is not allowed",
        ),
        ('[[series]]\nname = "a"\nfiles = "*.md"\nexclude = ["/x"]', "invalid config key 'series[0].exclude[0]'"),
    ],
)
def test_bad_value_is_exit_2_naming_the_key(attack: Attack, config: str, expected: str) -> None:
    attack.write(".compass-lint.toml", config + "\n")
    attack.write("a.md", attack.REPORT)
    result = attack.run("check", "a.md")
    assert result.code == 2
    assert expected in result.err
    assert len(result.err.splitlines()) == 1
    assert "internal error" not in result.err


def test_tool_table_that_is_not_a_table(attack: Attack) -> None:
    attack.write("pyproject.toml", "[tool]\ncompass-lint = [1]\n")
    attack.write("a.md", attack.REPORT)
    result = attack.run("check", "a.md")
    assert result.code == 2
    assert "invalid config key 'tool.compass-lint': must be a table" in result.err


def test_new_with_an_absolute_series_glob(attack: Attack) -> None:
    attack.write(".compass-lint.toml", '[[series]]\nname = "a"\nfiles = "/tmp/*.md"\n')
    result = attack.run("new", "--series", "a")
    assert result.code == 2
    assert "series.0.files" in result.err
    assert "internal error" not in result.err
