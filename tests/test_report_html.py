"""The HTML report in a real browser (Debian's Chromium, driven by Playwright): it loads
with no console error and asks no other host for anything, the counts it shows are the
JSON diff's, the side-by-side view switches, document text is escaped (a payload in a
paragraph runs nothing), and a screenshot is kept in test-artifacts/ for a person to see."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from engine.diff import compare
from engine.model import Metadata, Provision, Resolution
from engine.render import RenderOptions
from engine.render.diff_html import render_html
from engine.render.diff_json import diff_dict
from engine.store import canonical

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
PAIRS = {
    "zh": ("regional-arrangements-hr/zh/A-RES-51-102.md", "regional-arrangements-hr/zh/A-RES-53-148.md"),
    "en": ("intl-cooperation-hr/en/A-HRC-RES-28-2.md", "intl-cooperation-hr/en/A-HRC-RES-38-3.md"),
}


def stored(path: str) -> Resolution:
    return canonical.loads((ROOT / "history" / path).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        )
        yield b
        b.close()


def open_report(browser: Any, html: str, path: Path) -> tuple[Any, list[str], list[str]]:
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1200, "height": 1600})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors, requests


@pytest.mark.parametrize("lang", sorted(PAIRS))
def test_the_report_loads_counts_right_and_switches_view(browser: Any, lang: str, tmp_path: Path) -> None:
    old, new = (stored(p) for p in PAIRS[lang])
    diff = compare(old, new)
    page, errors, requests = open_report(browser, render_html(diff, RenderOptions()), tmp_path / "r.html")
    assert errors == []
    assert requests == [(tmp_path / "r.html").as_uri()]  # nothing but the file itself
    shown = page.eval_on_selector_all(
        "#counts li", "els => els.map(e => [e.dataset.kind, Number(e.querySelector('.count').textContent)])"
    )
    summary = json.loads(json.dumps(diff_dict(diff)["summary"]))
    assert dict(shown) == {kind: n for kind, n in summary.items() if n}
    assert page.locator("section.change").count() == len(diff.changes)
    assert page.locator("#inline del").count() > 0 and page.locator("#inline ins").count() > 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"report-{lang}.png"), full_page=False)
    page.click("#show-side")
    assert page.is_visible("#side-by-side") and not page.is_visible("#inline")
    # A provision that moved is never folded away with the unchanged ones (it is a change).
    unchanged = page.locator("tr.quiet")
    assert unchanged.count() == sum(c.kind == "unchanged" and not c.moved for c in diff.changes)
    page.check("#hide-unchanged")
    assert all(unchanged.nth(i).is_hidden() for i in range(unchanged.count()))
    assert all(r.is_visible() for r in page.locator("tbody tr:not(.quiet)").all())
    page.screenshot(path=str(ARTIFACTS / f"report-{lang}-side.png"))
    page.close()


def test_document_text_is_escaped_and_runs_nothing(browser: Any, tmp_path: Path) -> None:
    payload = '<script>window.pwned = 1</script><img src=x onerror="window.pwned = 2"> & "quotes"'
    meta = Metadata(language="en", symbol="A/RES/1/1", title="<b>title</b>")
    old = Resolution(meta, (Provision("pp1", "preamble", "Recalling its resolution,"),))
    new = Resolution(
        meta,
        (Provision("pp1", "preamble", "Recalling its resolution,"), Provision("pp2", "preamble", payload)),
    )
    page, errors, requests = open_report(
        browser, render_html(compare(old, new), RenderOptions()), tmp_path / "x.html"
    )
    assert page.evaluate("window.pwned") is None
    assert errors == [] and len(requests) == 1  # the <img> was not loaded
    assert payload in page.inner_text("#inline")
    assert page.locator("#inline img, #inline b").count() == 0
    page.close()


GOLDEN = ROOT / "tests" / "golden" / "diff"


@pytest.mark.parametrize("case", sorted(p.name for p in GOLDEN.iterdir() if p.is_dir()))
def test_every_golden_pair_has_a_whole_report(case: str) -> None:
    """Without a browser: every change has its section, the counts are the summary's, and the
    text kept, deleted and inserted in the inline view is the diff's own."""
    from lxml import html as lxml_html

    from .test_render_diff import diff_for

    diff = diff_for(case)
    page = lxml_html.fromstring(render_html(diff, RenderOptions()))
    sections = page.xpath('//div[@id="inline"]/section')
    assert [s.get("data-kind") for s in sections] == [c.kind for c in diff.changes]
    shown = {
        li.get("data-kind"): int(li.xpath('string(span[@class="count"])'))
        for li in page.xpath('//ul[@id="counts"]/li')
    }
    uncertain = {"uncertain": diff.uncertain} if diff.uncertain else {}
    assert shown == {kind: n for kind, n in diff.summary.items() if n} | uncertain
    for section, change in zip(sections, diff.changes, strict=True):
        text = section.xpath('p[@class="text"]')[0]
        deleted = "".join(d.text_content() for d in text.xpath("del"))
        inserted = "".join(i.text_content() for i in text.xpath("ins"))
        assert deleted == "".join(t for op, t in change.ops if op == "delete").replace("\n", "")
        assert inserted == "".join(t for op, t in change.ops if op == "insert").replace("\n", "")


@pytest.mark.parametrize("lang", sorted(PAIRS))
def test_quote_marks_are_set_as_the_language_sets_them(browser: Any, lang: str, tmp_path: Path) -> None:
    # The font stack led with a CJK font for every language, so an English report set “ ” ’
    # full-width (`the “Special Committee…” by`), a gap on each side of every quote.
    old, new = (stored(p) for p in PAIRS[lang])
    page, errors, _ = open_report(
        browser, render_html(compare(old, new), RenderOptions()), tmp_path / "r.html"
    )
    width = page.evaluate(
        """() => { const s = document.createElement('span'); s.textContent = '\u201c';
        document.querySelector('main, body').appendChild(s);
        return s.getBoundingClientRect().width / parseFloat(getComputedStyle(s).fontSize); }"""
    )
    assert errors == []
    if lang == "zh":
        assert width > 0.9  # full-width, as Chinese sets it
    else:
        assert width < 0.6


def test_the_report_says_what_the_reader_found_odd_in_each_input(browser: Any, tmp_path: Path) -> None:
    """The terminal prints the reader's warnings on stderr; a report read without it must say
    them: a section per side that has any, escaped, none for clean inputs."""
    from engine.read import read_bytes

    old_text = (
        "大会，\n\n回顾秘书长提交的报告所载的资料，2其中包括各国提供的资料，\n\n"
        "1. 重申各国有义务促进和保护人权；\n\n2. 请秘书长向理事会提交报告。\n"
    )
    new_text = old_text.replace("提交报告", "提交一份报告").replace("资料，2其中", "资料，其中")
    old = read_bytes(old_text.encode(), source="old<b>.txt")
    new = read_bytes(new_text.encode(), source="new.txt")
    assert [w.code for w in old.warnings if w.severity != "note"] == ["footnote-marker-doubtful"]
    page, errors, _ = open_report(
        browser, render_html(compare(old, new), RenderOptions()), tmp_path / "w.html"
    )
    assert errors == []
    box = page.locator(".input-warnings")
    assert box.is_visible()
    shown = box.inner_text()
    assert "What the reader found odd in the old text, old<b>.txt (zh):" in shown
    assert "line 3: footnote-marker-doubtful (warning): 2 in '报告所载的资料，2其中包括各国提供'" in shown
    assert "new text" not in shown  # the new side has no warning: nothing is said of it
    assert page.locator(".input-warnings b").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-input-warnings.png"))
    page.close()
    # clean inputs: no section at all
    clean = render_html(compare(new, new), RenderOptions())
    assert "input-warnings" not in clean.split("</style>")[1]
