"""The action timeline page in a real browser (headless Chromium; skipped when it is not installed):
the screenshot (light and dark), the DOM after the script ran, and the ``?q=`` filter."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from timeline_page import (
    DONE,
    MONTHS,
    NEW,
    ROOT,
    STALE,
    body_rows,
    occurrence_cells,
    parse_page,
    render_cli,
    report_cells,
    row_of,
    write_report,
)

ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture
def chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        pytest.skip("chromium not installed (apt-get install chromium; .ci/run installs it on CI)")
    return found


def run_chromium(binary: str, tmp_path: Path, *args: str) -> str:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    flags = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
    ]
    done = subprocess.run([binary, *flags, *args], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture
def page_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The timeline page of the three monthly reports, rendered by the command line."""
    folder = tmp_path / "reports"
    folder.mkdir()
    for month in MONTHS:
        write_report(folder, month)
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "actions.html"
    render_cli(folder, out)
    return out


@pytest.mark.slow
def test_browser_screenshot(chromium: str, page_file: Path, tmp_path: Path) -> None:
    shots = {}
    for name, extra in {"timeline.png": [], "timeline-dark.png": ["--force-dark-mode"]}.items():
        shot = tmp_path / name
        run_chromium(chromium, tmp_path, *extra, f"--screenshot={shot}", "--window-size=1280,900", page_file.as_uri())
        assert shot.is_file() and shot.stat().st_size > 5000, name
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copyfile(shot, ARTIFACTS / name)
        shots[name] = shot.read_bytes()
    assert shots["timeline.png"] != shots["timeline-dark.png"]


@pytest.mark.slow
def test_browser_dom(chromium: str, page_file: Path, tmp_path: Path) -> None:
    dom = run_chromium(chromium, tmp_path, "--virtual-time-budget=2000", "--dump-dom", page_file.as_uri())
    page = parse_page(dom)
    assert len(occurrence_cells(row_of(page, STALE), 3)) == 3
    done = row_of(page, DONE + " DONE")
    assert "row-completed" in (done.attrs["class"] or "")
    assert [c.attrs.get("class") for c in report_cells(done, 3)] == [None, "s-done", "s-open"]
    assert not list(page.iter("img")) and len(list(page.iter("script"))) == 1
    assert not [r for r in body_rows(page) if "hidden" in r.attrs]  # no query: every row shown


@pytest.mark.slow
@pytest.mark.parametrize(("query", "shown"), [("Priya", STALE), ("lee", NEW), ("rotate signing", DONE + " DONE")])
def test_browser_filter(chromium: str, page_file: Path, tmp_path: Path, query: str, shown: str) -> None:
    url = page_file.as_uri() + "?q=" + query.replace(" ", "+")
    page = parse_page(run_chromium(chromium, tmp_path, "--virtual-time-budget=2000", "--dump-dom", url))
    visible = [r.elements("th")[0].text for r in body_rows(page) if "hidden" not in r.attrs]
    assert visible == [shown]
    assert next(n for n in page.iter("span") if n.attrs.get("id") == "filter-status").text == "1 of 4 actions shown"
