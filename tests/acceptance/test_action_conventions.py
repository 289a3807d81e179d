"""Action items as real teams write them (issue 18, section 4).

Standing items and placeholders are not actions, owners are read in the forms
teams use, a group header is a short label, a nested status bullet completes
its item, pairing prefers the same text and an item's primary link, and
``stale-report = "latest"`` reports each stale action once.

The folders of ``fixtures/actions/`` are small series written for this; each
holds golden outputs, ``expected-check.txt`` (``compass-lint check --format text
--quiet .`` run in the folder) and ``expected-actions.txt`` (``compass-lint
actions .``). Rewrite them with ``COMPASS_LINT_UPDATE_GOLDEN=1`` and read the diff.
"""

from __future__ import annotations

import contextlib
import io
import os
from datetime import date
from pathlib import Path

import pytest

from compass_lint.cli.main import main
from compass_lint.core.settings import DEFAULT_EXEMPT_ACTIONS, Config, SeriesConfig
from compass_lint.engine.config import config_from_table
from compass_lint.markdown.parse import parse
from compass_lint.model.actions import NO_EXEMPTIONS, ActionInfo, Exemptions, describe, keywords
from compass_lint.model.completion import is_completed, is_status
from compass_lint.model.items import ActionItem, is_group_header
from compass_lint.model.owners import owner
from compass_lint.model.report import build_report
from compass_lint.outline.schema import schema_identity
from compass_lint.series.pairing import match_items

ROOT = Path(__file__).resolve().parents[2]
CASES = sorted(p for p in (ROOT / "fixtures" / "actions").iterdir() if p.is_dir())
UPDATE = os.environ.get("COMPASS_LINT_UPDATE_GOLDEN") == "1"


def _run(folder: Path, argv: list[str], monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(folder)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(argv)
    assert code in (0, 1)
    return out.getvalue()


@pytest.mark.parametrize("folder", CASES, ids=lambda p: p.name)
@pytest.mark.parametrize(
    ("golden", "argv"),
    [
        ("expected-check.txt", ["check", "--no-cache", "--format", "text", "--quiet", "."]),
        ("expected-actions.txt", ["actions", "."]),
    ],
    ids=["check", "actions"],
)
def test_fixture_series_gives_its_golden_output(
    folder: Path, golden: str, argv: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    output = _run(folder, argv, monkeypatch)
    expected = folder / golden
    if UPDATE:
        expected.write_text(output, encoding="utf-8")
    assert output == expected.read_text(encoding="utf-8")


# --- standing items -------------------------------------------------------------------


def test_extend_exempt_actions_adds_to_the_defaults_and_exempt_actions_replaces_them() -> None:
    extended = config_from_table({"extend-exempt-actions": ["^standup$"]})
    assert extended.exemptions == (*DEFAULT_EXEMPT_ACTIONS, "^standup$")
    replaced = config_from_table({"exempt-actions": ["^standup$"]})
    assert replaced.exemptions == ("^standup$",)


def test_the_new_keys_are_read_top_level_and_per_series() -> None:
    table = {
        "template": "t.md",
        "stale-report": "latest",
        "exempt-sections": ["Board updates"],
        "series": [
            {"name": "a", "files": "a/*.md", "template": "a.md", "stale-report": "each"},
            {"name": "b", "files": "b/*.md"},
        ],
    }
    config = config_from_table(table)
    assert config.exempt_sections == ("Board updates",)
    first, second = (config.with_series(s) for s in config.series)
    assert (first.template, first.stale_report) == ("a.md", "each")
    assert (second.template, second.stale_report) == ("t.md", "latest")
    assert Config().stale_report == "each"
    assert SeriesConfig("x", "*.md").stale_report is None


def test_a_bad_stale_report_value_is_a_config_error(tmp_path: Path) -> None:
    from compass_lint.engine.config import ConfigError, load_config

    path = tmp_path / ".compass-lint.toml"
    path.write_text('stale-report = "newest"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="stale-report"):
        load_config(path)


def _items(actions: str) -> list[ActionItem]:
    outline = schema_identity("team-compass").outline
    report = build_report(parse(f"# Meeting\n\n## 3. Next actions (team)\n\n{actions}"), outline)
    return report.action_items()


def _described(actions: str, exempt: Exemptions = NO_EXEMPTIONS, on: date | None = None) -> list[ActionInfo]:
    return [describe(item, ("DONE",), exempt, on) for item in _items(actions)]


def test_exemptions_match_after_the_task_box_is_stripped() -> None:
    (boxed, plain) = _described("- [ ] Review the board\n- Review the board\n", Exemptions(("^review the board$",)))
    assert boxed.key == plain.key == ""


def test_placeholders_are_exempt_without_any_configuration() -> None:
    text = "- *please add more items*\n- [ ] Follow-up here\n- [ ] Real work\n- _Write_ the guide\n"
    infos = _described(text, Exemptions(DEFAULT_EXEMPT_ACTIONS))
    assert [bool(i.key) for i in infos] == [False, False, True, True]


def test_exempt_sections_match_sub_headings_like_section_titles() -> None:
    text = "- Ship it\n\n### Board Updates:\n\n- Budget report\n\n#### Detail\n\n- Nested deeper\n"
    infos = _described(text, Exemptions(sections=("board updates",)))
    assert [bool(i.key) for i in infos] == [True, False, False]


def test_template_keys_exempt_the_same_bullet() -> None:
    (info,) = _described("- [ ] Review the project board\n")
    (again,) = _described("- Review the project board\n", Exemptions(template_keys=frozenset({info.key})))
    assert info.key and again.key == ""


@pytest.mark.parametrize(
    ("text", "on", "hold"),
    [
        ("- Keep the calendar (standing)\n", date(2030, 1, 1), "standing"),
        ("- Plan the roadmap, snooze until 2027-03\n", date(2027, 2, 28), "snoozed until 2027-03"),
        ("- Plan the roadmap, snooze until 2027-03\n", date(2027, 3, 1), None),
        ("- Plan the roadmap (snoozed until 2027-03-15)\n", date(2027, 3, 14), "snoozed until 2027-03-15"),
        ("- Plan the roadmap (snoozed until 2027-03-15)\n", date(2027, 3, 15), None),
        ("- Plan the roadmap, snooze until 2027-03\n", None, "snoozed until 2027-03"),
        ("- Plan the roadmap\n", None, None),
    ],
)
def test_a_standing_or_snoozed_mark_holds_until_its_date(text: str, on: date | None, hold: str | None) -> None:
    (info,) = _described(text, on=on)
    assert info.hold == hold


def test_a_mark_does_not_change_the_items_key() -> None:
    (marked, plain) = _described("- Plan the roadmap (standing)\n- Plan the roadmap\n")
    assert marked.key == plain.key == "plan the roadmap"


# --- owners ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Simon: Move the meeting", "Simon"),
        ("Ada and Bo: Draft the page", "Ada and Bo"),
        ("(Priya) Write the guide", "Priya"),
        ("[name=Ada Lovelace] my update", "Ada Lovelace"),
        ("(MJ) 🎉 Release notes", "MJ"),
        ("Ship the thing (MJ) 🚀", "MJ"),
        ("Fix the build [RM]", "RM"),
        ("**Erik** did x", "Erik"),
        ("[CH] foo", "CH"),
        ("Write guide (Carol)", "Carol"),
        ("tools: add a file", None),
        ("Note: something", None),
        ("Node.js: release", None),
        ("Plain text", None),
    ],
)
def test_owners_are_read_in_the_forms_teams_write(text: str, who: str | None) -> None:
    assert owner(text) == who


# --- group headers --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "header"),
    [
        ("**All:** Standing project items:", True),
        ("**Rollin:**", True),
        ("Workshop/conference season:", True),
        ("Gerhard Bräunlich (10min):", True),
        ("Name: Set up a way to point people to the forum … Either:", False),
        ("We should decide between these options. Either:", False),
        ("Label without nested items", False),
    ],
)
def test_a_group_header_is_a_short_label(text: str, header: bool) -> None:
    assert is_group_header(text, [parse("- x").nodes[0]]) is header


def test_without_nested_items_nothing_is_a_group_header() -> None:
    assert not is_group_header("Standing items:", [])


# --- completion -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "reply",
    [
        "Done",
        "Done - Yay",
        "Merged",
        "PR merged!",
        "landed.",
        "closed",
        "✅",
        "Issue closed, nothing to discuss.",
        "removed from agenda",
        "Previously discussed, removed from agenda.",
        "Matteo: removed tsc-agenda",
        "agenda label has been removed.",
        "Rich, we can close this",
    ],
)
def test_a_status_reply_completes_its_item(reply: str) -> None:
    assert is_status(reply)
    assert is_completed("Fix the build", ("DONE",), (reply,))


@pytest.mark.parametrize(
    "reply",
    [
        "we are not done yet",
        "done?",
        "Almost done, no update",
        "Leave on agenda",
        "can we remove it from the agenda?",
        "Joyee, landed pull request that makes it rarer",
        "We should not remove any flags",
    ],
)
def test_other_replies_do_not(reply: str) -> None:
    assert not is_status(reply)


def test_only_direct_children_complete_an_item() -> None:
    (deep,) = _described("- Review the draft\n    - Notes from the call\n        - Done\n")
    (direct,) = _described("- Review the draft\n    - Notes from the call\n    - Done\n")
    assert (deep.completed, direct.completed) == (False, True)


# --- pairing --------------------------------------------------------------------------


def _info(text: str, links: tuple[str, ...] = (), who: str | None = None) -> ActionInfo:
    key = " ".join(text.lower().split())
    return ActionInfo(1, 1, text, key, False, who, frozenset(links), keywords=keywords(text), ordered=links)


def test_the_same_text_beats_a_shared_link() -> None:
    previous = [_info("plan the sprint", ("o/r/issues/20",)), _info("write the guide")]
    current = [_info("write the guide", ("o/r/issues/20",))]
    assert match_items(current, previous, 85.0) == {0: 1}


def test_an_items_first_link_is_its_primary_one() -> None:
    previous = [_info("decide the cadence", ("o/r/issues/10", "o/r/issues/11"))]
    current = [
        _info("update the docs", ("o/r/issues/11",)),
        _info("decide the cadence", ("o/r/issues/10", "o/r/issues/11")),
    ]
    assert match_items(current, previous, 85.0) == {1: 0}
    # Alone, an item whose primary link is the other's secondary one still continues it.
    assert match_items(current[:1], previous, 85.0) == {0: 0}


def test_two_shared_secondary_links_are_not_the_same_action() -> None:
    previous = [_info("first topic", ("o/r/issues/1", "o/r/issues/9"))]
    current = [_info("second topic", ("o/r/issues/2", "o/r/issues/9"))]
    assert match_items(current, previous, 85.0) == {}


def test_one_owners_paraphrase_with_a_distinctive_keyword_matches() -> None:
    previous = [_info("continue with `widget-x` work", who="AB")]
    assert match_items([_info("`widget-x`", who="AB")], previous, 85.0) == {0: 0}
    assert match_items([_info("`widget-x`", who="CD")], previous, 85.0) == {}
    assert match_items([_info("`gadget-y`", who="AB")], previous, 85.0) == {}


# --- volume ---------------------------------------------------------------------------


def test_stale_report_latest_makes_the_cache_key_cover_later_reports(tmp_path: Path) -> None:
    from compass_lint.series.history import History

    demo = (ROOT / "fixtures" / "demo" / "2026-01-30.md").read_text(encoding="utf-8")
    for month, opening in (("2026-01-30", "01 Jan 2026"), ("2026-02-27", "31 Jan 2026")):
        # Reports, as discovery sees them: a meeting date and the parts of meeting notes.
        text = demo.replace("Opening Date: 01 Jan 2026", f"Opening Date: {opening}")
        (tmp_path / f"{month}.md").write_text(text, encoding="utf-8")
    history = History(Config(), lambda p: schema_identity("team-compass").outline)
    first = tmp_path / "2026-01-30.md"
    assert history.chain_digest(first) != history.chain_digest(first, to_end=True)
    assert history.chain_digest(tmp_path / "2026-02-27.md") == history.chain_digest(tmp_path / "2026-02-27.md", True)
