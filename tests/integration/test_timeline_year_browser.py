"""The timeline page of a twelve-report series in headless Chromium at 1400×1000 (skipped without Chromium):
the newest report's column and the owner summary are in the first screen, after the page's own script ran
and on a screenshot. The page under test is a copy with one measuring script added (allowed by its hash in
the copy's Content-Security-Policy, so the page's own policy still governs its own script)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest
from png_pixels import box_of
from test_timeline_browser import ARTIFACTS, chromium, run_chromium
from timeline_page import parse_page, render_cli, series_tables
from timeline_series import NAMES, write_year

__all__ = ["chromium"]  # the fixture, shared with the three-report browser tests
WIDTH, HEIGHT = 1400, 1000
LATEST, OWNERS = (255, 0, 255), (0, 255, 255)  # painted over the boxes measured, to find them on the screenshot

MEASURE = """
(function () {
  function box(element) {
    var r = element.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom};
  }
  function paint(b, colour) {
    var d = document.createElement("div");
    d.style.cssText = "position:fixed;z-index:9;background:" + colour + ";left:" + b.left + "px;top:" + b.top +
      "px;width:" + (b.right - b.left) + "px;height:" + (b.bottom - b.top) + "px";
    document.body.appendChild(d);
  }
  var head = document.querySelector("table[data-sortable] th.latest");
  var row = document.querySelector("tbody tr[data-filter]");
  var column = Array.prototype.indexOf.call(head.parentNode.cells, head);
  var owners = document.querySelector("section.owners");
  var found = {
    width: window.innerWidth, height: window.innerHeight, scrollX: window.scrollX, scrollY: window.scrollY,
    latest: box(head), latestCell: box(row.cells[column]), latestText: head.textContent, owners: box(owners),
    buttons: document.querySelectorAll("th button").length
  };
  var out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify(found);
  document.body.appendChild(out);
  paint(found.latest, "rgb(255,0,255)");
  paint(found.owners, "rgb(0,255,255)");
})();
"""


@pytest.fixture
def year_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The page of the twelve reports of 2026, rendered by the command line (a published page's links)."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    write_year(tmp_path / "reports")
    out = tmp_path / "actions.html"
    render_cli(tmp_path / "reports", out, "--link-base", "https://github.com/example/compass/blob/main/")
    return out


def measured_copy(page: Path) -> Path:
    """A copy of ``page`` with MEASURE after its own script, its hash added to the policy."""
    text = page.read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(MEASURE.encode("utf-8")).digest()).decode("ascii")
    # The policy sits in an attribute: its quotes are written &#x27;.
    text, allowed = re.subn(
        r"script-src (&#x27;sha256-[^&]+&#x27;)", rf"script-src \1 &#x27;sha256-{digest}&#x27;", text
    )
    assert allowed == 1, "the page's policy changed shape"
    text = text.replace("</body>", f"<script>{MEASURE}</script>\n</body>")
    copy = page.with_name("measured.html")
    copy.write_text(text, encoding="utf-8")
    return copy


def inside(box: dict[str, float], width: float, height: float) -> bool:
    return 0 <= box["left"] < box["right"] <= width and 0 <= box["top"] < box["bottom"] <= height


@pytest.mark.slow
def test_newest_column_and_owners_in_first_screen_dom(chromium: str, year_page: Path, tmp_path: Path) -> None:
    size = f"--window-size={WIDTH},{HEIGHT}"
    dom = run_chromium(
        chromium, tmp_path, size, "--virtual-time-budget=2000", "--dump-dom", measured_copy(year_page).as_uri()
    )
    page = parse_page(dom)
    [found] = [json.loads(n.text) for n in page.iter("pre") if n.attrs.get("id") == "measured"]
    assert (found["width"], found["scrollX"], found["scrollY"]) == (WIDTH, 0, 0)
    assert found["buttons"] == 3 + 4  # the page's script ran under its policy: Owner, Status, Age; the owner table
    assert found["latestText"] == NAMES[-1]
    for name in ("latest", "latestCell", "owners"):
        assert inside(found[name], found["width"], found["height"]), (name, found)
    # The newest column comes right after the action's own columns, left of every older report.
    [table] = series_tables(page)
    heads = [th.text for th in table.iter("th") if th.attrs.get("scope") == "col"]
    assert heads[4:] == NAMES[::-1]


@pytest.mark.slow
def test_newest_column_and_owners_in_first_screen_screenshot(chromium: str, year_page: Path, tmp_path: Path) -> None:
    size = f"--window-size={WIDTH},{HEIGHT}"
    copy = measured_copy(year_page)
    dom = run_chromium(chromium, tmp_path, size, "--virtual-time-budget=2000", "--dump-dom", copy.as_uri())
    [found] = [json.loads(n.text) for n in parse_page(dom).iter("pre") if n.attrs.get("id") == "measured"]
    shot = tmp_path / "measured.png"
    run_chromium(chromium, tmp_path, size, "--virtual-time-budget=2000", f"--screenshot={shot}", copy.as_uri())
    for colour, name in ((LATEST, "latest"), (OWNERS, "owners")):
        seen = box_of(shot, colour)
        assert seen is not None, f"{name} is not on the first screen"
        expected = [round(found[name][k]) for k in ("left", "top", "right", "bottom")]
        # The painted box is whole on the screenshot (not cut by its edge): within a pixel of the DOM's.
        assert all(abs(a - b) <= 1 for a, b in zip(seen, expected, strict=True)), (name, seen, expected)
    ARTIFACTS.mkdir(exist_ok=True)
    for name, extra in {"timeline-year.png": [], "timeline-year-dark.png": ["--force-dark-mode"]}.items():
        plain = tmp_path / name
        run_chromium(
            chromium, tmp_path, *extra, size, "--virtual-time-budget=2000", f"--screenshot={plain}", year_page.as_uri()
        )
        assert plain.stat().st_size > 20_000, name
        shutil.copyfile(plain, ARTIFACTS / name)
