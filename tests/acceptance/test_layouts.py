"""Series membership and order on real repository layouts (fixtures/layouts/, issue 18 section 3).

Each layout folder holds synthetic reports written in a shuffled order, so that a
folder listing does not give the meeting order. For every report the test names
the report before it in its series: the meetings in date order, each series of an
interleaved folder on its own. ``fixtures/layouts/<layout>.expected`` is the golden
``check`` output (history codes only), whose CL301 messages name the earliest
report by a path that tells it apart (``20260512-community/index.md``).

Rewrite the goldens with ``COMPASS_LINT_UPDATE_GOLDEN=1`` and read the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from compass_lint.cli.main import main
from compass_lint.core.settings import Config
from compass_lint.engine.config import load_config
from compass_lint.engine.schemas import load_schema
from compass_lint.series.history import History

ROOT = Path(__file__).resolve().parents[2]
LAYOUTS = ROOT / "fixtures" / "layouts"
UPDATE = os.environ.get("COMPASS_LINT_UPDATE_GOLDEN") == "1"

# Each series in meeting order (paths under fixtures/layouts/).
SERIES: dict[str, list[list[str]]] = {
    "dated-files": [
        ["minutes/2026-03-03-community.md", "minutes/2026-03-17-community.md", "minutes/2026-03-31-community.md"],
        ["minutes/2026-03-05-dev.md", "minutes/2026-03-19-dev.md", "minutes/2026-04-02-dev.md"],
        ["minutes/2026-03-10.md", "minutes/2026-03-24.md"],
    ],
    "folder-per-meeting": [
        [f"meeting-notes/{day}-community/index.md" for day in ("20260512", "20260526", "20260609")],
        [f"meeting-notes/{day}-dev/index.md" for day in ("20260514", "20260528", "20260611")],
    ],
    "year-folders": [
        [f"meetings/{day[:4]}/{day}.md" for day in ("2024-11-05", "2024-12-03", "2025-01-07", "2025-02-04")],
    ],
    "heading-dates": [
        ["calls/kickoff.md", "calls/agenda.md", "calls/retro.md"],  # (2026-05-12), (2026-05-26), (2026-06-09)
        ["minutes/march.md", "minutes/april.md", "minutes/early.md"],  # 03.24.21, 04.07.21, 04.21.21
    ],
    "front-matter": [
        ["notes/sync-b.md", "notes/sync-a.md", "notes/sync-c.md"],  # date: 2026-02-03, 2026-02-17, 2026-03-03T16:00Z
    ],
}


def _history() -> History:
    outline = load_schema("team-compass").outline
    return History(Config(), lambda _: outline)


@pytest.mark.parametrize("layout", sorted(SERIES))
def test_every_report_follows_the_meeting_before_it(layout: str) -> None:
    history = _history()
    folder = LAYOUTS / layout
    misordered = []
    for series in SERIES[layout]:
        paths = [folder / name for name in series]
        for before, report in zip([None, *paths], paths, strict=False):
            found = history.previous(report)
            expected = str(before.resolve()) if before is not None else None
            if found != expected:
                misordered.append((report.name, found, expected))
        assert [str(p) for p in history.members(paths[0])] == [str(p.resolve()) for p in paths]
    assert misordered == []


def test_file_names_alone_do_not_give_the_order() -> None:
    # The fixtures would prove nothing if sorting by file name gave the meeting order.
    for series in SERIES["heading-dates"] + SERIES["front-matter"]:
        assert sorted(series) != series
    for series in SERIES["folder-per-meeting"]:
        assert {Path(name).name for name in series} == {"index.md"}


@pytest.mark.parametrize("layout", sorted(SERIES))
def test_check_output_matches_the_golden(
    layout: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    capsys.readouterr()
    code = main(["check", "--no-cache", "--format", "text", "--select", "CL3,CL205", f"fixtures/layouts/{layout}"])
    out = capsys.readouterr().out
    assert code == 0  # warnings only
    golden = LAYOUTS / f"{layout}.expected"
    if UPDATE:
        golden.write_text(out, encoding="utf-8")
    assert out == golden.read_text(encoding="utf-8")
    assert "CL301" in out


def test_cl301_names_a_folder_per_meeting_report_by_its_folder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    main(["check", "--no-cache", "--format", "text", "--select", "CL301", "fixtures/layouts/folder-per-meeting"])
    out = capsys.readouterr().out
    assert "since 20260512-community/index.md" in out
    assert "since index.md" not in out


def test_a_configured_folder_per_meeting_series_is_ordered_by_its_folder_dates(tmp_path: Path) -> None:
    # A [[series]] glob over ``*/index.md``: every member has one name, so the order must come
    # from the folder names (it came from the glob's listing order before).
    shutil.copytree(LAYOUTS / "folder-per-meeting", tmp_path, dirs_exist_ok=True)
    (tmp_path / ".compass-lint.toml").write_text(
        '[[series]]\nname = "community"\nfiles = "meeting-notes/*-community/index.md"\n', encoding="utf-8"
    )
    config = load_config(tmp_path / ".compass-lint.toml")
    outline = load_schema("team-compass").outline
    history = History(config, lambda _: outline)
    expected = [tmp_path / name for name in SERIES["folder-per-meeting"][0]]
    assert history.members(expected[-1]) == [p.resolve() for p in expected]


def test_the_tracker_names_folder_per_meeting_reports_and_series_by_their_folders(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    capsys.readouterr()
    main(["actions", "fixtures/layouts/folder-per-meeting/meeting-notes"])
    out = capsys.readouterr().out
    assert "Series fixtures/layouts/folder-per-meeting/meeting-notes/<date>-community/index.md (3 reports)" in out
    assert "Series fixtures/layouts/folder-per-meeting/meeting-notes/<date>-dev/index.md (3 reports)" in out
    assert "dropped in 20260609-community/index.md" in out
