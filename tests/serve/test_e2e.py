"""End-to-end: the web UI in headless Chromium, driven by Playwright, against a real server.

Needs Debian's chromium (`apt-get install chromium`) and the `playwright` package; Playwright
drives the system browser (RASAD_CHROMIUM, else `chromium` on PATH): never `playwright install`.
Each page's screenshot is saved under docs/screenshots/.
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest
from serve_corpus import STORY, build_store

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
HOW = ("end-to-end tests need Debian's chromium and Playwright: apt-get install chromium && "
       "pip install playwright (no 'playwright install'); or set RASAD_CHROMIUM to a Chromium binary")

playwright_api = pytest.importorskip("playwright.sync_api", reason=HOW)
CHROMIUM = os.environ.get("RASAD_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason=HOW)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    from rasad.api import process_paths
    from rasad.serve import create_app
    from rasad.serve.background import serving
    from rasad.store import Store

    db = tmp_path_factory.mktemp("e2e") / "e2e.db"
    with Store.open(db) as store:  # the sample articles, for pages that look like real use
        store.save(process_paths([ROOT / "samples"]))
    build_store(db)  # and the hand-made documents the assertions are about
    with serving(create_app(db)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    # Nothing may be fetched from anywhere but this server.
    outside: list[str] = []
    opened.on("request", lambda request: None if request.url.startswith(base_url) else outside.append(request.url))
    yield opened
    context.close()
    assert not errors, errors
    assert not outside, outside


def ready(page) -> None:
    page.wait_for_selector("body[data-ready]")


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def result_ids(page) -> set[str]:
    return set(page.locator("article.result").evaluate_all("nodes => nodes.map(n => n.dataset.doc)"))


def search(page, query: str) -> None:
    page.goto("/")
    ready(page)
    page.evaluate("delete document.body.dataset.ready")
    page.fill("input[name=q]", query)
    page.press("input[name=q]", "Enter")
    page.wait_for_url("**/?q=*")
    ready(page)


def test_search_in_persian_spelling(page):
    search(page, "ظریف")
    found = result_ids(page)
    assert {"doc-fa-geneva", "doc-ar-geneva", "doc-fa-sanction"} <= found
    title = page.locator('article[data-doc="doc-ar-geneva"] h3 span')
    assert (title.get_attribute("dir"), title.get_attribute("lang")) == ("rtl", "ar")
    assert page.locator('article[data-doc="doc-fa-geneva"] mark').count() >= 1
    assert page.locator("a.entity-card", has_text="Mohammad Javad Zarif").count() == 1
    shot(page, "search")


def test_search_in_arabic_spelling_finds_the_same(page):
    search(page, "ظريف")
    arabic = result_ids(page)
    search(page, "ظریف")
    assert arabic == result_ids(page) and "doc-fa-geneva" in arabic


def test_open_an_article_and_follow_an_entity(page):
    search(page, "لاوروف")
    page.click('article[data-doc="doc-fa-geneva"] h3 a')
    page.wait_for_url("**/documents/doc-fa-geneva")
    ready(page)
    text = page.locator(".article-text")
    assert (text.get_attribute("dir"), text.get_attribute("lang")) == ("rtl", "fa")
    assert text.inner_text().startswith("محمدجواد ظریف")
    assert page.locator(".article-text time.date").first.get_attribute("datetime") == "2020-02-23"
    line = page.locator("li.event-line").first
    assert "CONSULT" in line.inner_text() and "Sergey Lavrov" in line.inner_text()
    line.hover()
    assert page.locator(".article-text .ev.active").count() >= 1
    assert page.locator("aside.side").get_attribute("dir") == "ltr"
    shot(page, "article")
    page.click('.article-text a[data-entity="per:sergey-lavrov"]')
    page.wait_for_url("**/entities/per*sergey-lavrov")
    ready(page)
    assert page.locator("h1").inner_text() == "Sergey Lavrov"
    assert page.locator("svg.network circle").count() >= 2
    assert page.locator("svg.chart rect").count() >= 1
    assert page.locator("table.events tbody tr").count() >= 2
    shot(page, "entity")


def test_arabic_article_and_its_story(page):
    page.goto("/documents/doc-ar-geneva")
    ready(page)
    assert page.locator(".article-text").get_attribute("lang") == "ar"
    shot(page, "article-ar")
    page.click(f'a[href="/stories/{STORY}"]')
    ready(page)
    assert page.locator("ol.timeline > li").evaluate_all("nodes => nodes.map(n => n.dataset.doc)") == [
        "doc-ar-geneva", "doc-fa-geneva"]
    shot(page, "story")


def test_filter_events_and_export_csv(page, tmp_path):
    page.goto("/")
    ready(page)
    page.click("nav >> text=Events")
    page.wait_for_url("**/events")
    ready(page)
    page.evaluate("delete document.body.dataset.ready")
    page.select_option("select[name=type]", "CONSULT")
    page.fill("input[name=actor]", "Lavrov")
    page.click("form.filters button")
    page.wait_for_url("**/events?type=CONSULT*")
    ready(page)
    rows = page.locator("table.events tbody tr")
    shown = set(rows.evaluate_all("nodes => nodes.map(n => n.dataset.event)"))
    assert {"doc-fa-geneva:ev1", "doc-ar-geneva:ev1"} <= shown
    for row in rows.all():
        assert "CONSULT" in row.locator("td").nth(1).inner_text()
        assert "Sergey Lavrov" in row.inner_text()
    unfiltered = page.request.get("/api/events", params={"limit": 200}).json()["items"]
    assert len(shown) < len(unfiltered)
    shot(page, "events")
    with page.expect_download() as download_info:
        page.click("a.download >> text=Download CSV")
    path = tmp_path / "events.csv"
    download_info.value.save_as(path)
    with path.open(encoding="utf-8") as handle:
        exported = list(csv.DictReader(handle))
    assert {row["event_id"] for row in exported} == shown
    assert all(row["event_type"] == "CONSULT" for row in exported)


def test_map_and_stories_are_reachable_from_search(page):
    page.goto("/")
    ready(page)
    page.click("nav >> text=Map")
    page.wait_for_url("**/map")
    ready(page)
    assert page.locator("svg.world path.land").count() > 100
    assert page.locator('svg.world a[data-place="loc:gn:2660646"] circle').count() == 1
    shot(page, "map")
    page.click("nav >> text=Stories")
    ready(page)
    assert page.locator(f'article[data-story="{STORY}"]').count() == 1
    shot(page, "stories")


def test_hostile_article_text_is_shown_not_run(page):
    page.goto("/documents/doc-ar-protest")
    ready(page)
    assert page.evaluate("window.pwned") is None
    assert "<script>" in page.locator("h1").inner_text()
    assert page.locator(".article-text img, .article-text script, h1 script, h1 b").count() == 0
    search(page, "بغداد")
    assert page.evaluate("window.pwned") is None
    assert page.locator("article.result h3 script").count() == 0
    # The unsafe source URL of another document is not made a link.
    page.goto("/documents/doc-fa-geneva")
    ready(page)
    assert page.locator('a[href^="javascript:"]').count() == 0
