"""The catalogue in a real browser: Debian's headless Chromium through its own
chromedriver (selenium is told both paths, so nothing downloads a browser).

Opens index.html by file:// as a teacher's double click does, filters by
grade and concept, searches, opens a lesson with the keyboard, checks every
preview loaded and every PDF link names a file, and saves screenshots at a
projector's 1280×800 and a tablet's 768×1024 (into $LESSONKIT_SCREENSHOTS
when set, else the test's temporary folder) to be looked at.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from tests.test_site import bundled_lessons

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or ("/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None)
try:
    import selenium  # noqa: F401

    SELENIUM = True
except ImportError:
    SELENIUM = False

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER and SELENIUM),
    reason="browser tests need Debian's chromium and chromium-driver (apt-get install chromium chromium-driver) and selenium (pip install selenium)"
    + f"; found chromium={CHROMIUM}, chromedriver={DRIVER}, selenium={SELENIUM}",
)

SIZES = {"projector": (1280, 800), "tablet": (768, 1024)}


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--no-first-run", "--disable-extensions"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = Path(os.environ.get("LESSONKIT_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def viewport(driver, width: int, height: int) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 1000})


def open_page(driver, path: Path) -> None:
    driver.get(path.resolve().as_uri())
    driver.execute_script("return document.fonts.ready.then(() => true)")


def shown_cards(driver) -> set[str]:
    return set(driver.execute_script("return [...document.querySelectorAll('li.card')].filter(c => c.offsetParent !== null).map(c => c.dataset.id)"))


def settled(driver, expected: set[str]) -> set[str]:
    """The cards shown once the page's filter has run (the form's reset runs
    it on the next tick, which a loaded machine may not have reached yet)."""
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.support.ui import WebDriverWait

    try:
        WebDriverWait(driver, 5, poll_frequency=0.05).until(lambda d: shown_cards(d) == expected)
    except TimeoutException:
        pass
    return shown_cards(driver)


def choose(driver, select_id: str, value: str) -> None:
    from selenium.webdriver.support.ui import Select

    Select(driver.find_element("id", select_id)).select_by_value(value)


def test_filter_by_grade_and_concept_and_search(browser, bundled_site):
    site, _ = bundled_site
    lessons = bundled_lessons()
    viewport(browser, *SIZES["projector"])
    open_page(browser, site / "index.html")
    assert browser.find_element("id", "finder").is_displayed()
    assert shown_cards(browser) == {x["id"] for x in lessons}

    grade = 3
    choose(browser, "f-grade", str(grade))
    in_grade = {x["id"] for x in lessons if grade in x["grades"]}
    assert in_grade and shown_cards(browser) == in_grade
    assert browser.find_element("id", "count").text == f"全{len(lessons)}件中 {len(in_grade)}件を表示"

    choose(browser, "f-concept", "repetition")
    both = {x["id"] for x in lessons if grade in x["grades"] and "repetition" in x["concepts"]}
    assert shown_cards(browser) == both

    choose(browser, "f-concept", "branching")
    none = {x["id"] for x in lessons if grade in x["grades"] and "branching" in x["concepts"]}
    assert shown_cards(browser) == none
    assert browser.find_element("id", "none").is_displayed() == (not none)

    browser.find_element("id", "f-clear").click()
    everything = {x["id"] for x in lessons}
    assert settled(browser, everything) == everything

    # Words: any part of a title, typed in full-width capitals or katakana alike.
    # A grid lesson's title word: an activity's name ('Graph paper programming') is searchable too.
    target = next(x for x in lessons if x["language"] == "en" and "\nworld: grid\n" in x["path"].read_text(encoding="utf-8"))
    word = target["title"].split()[1].strip(":,").upper()
    search = browser.find_element("id", "f-search")
    search.send_keys("".join(chr(ord(c) + 0xFEE0) if "A" <= c <= "Z" else c for c in word))
    assert shown_cards(browser) == {x["id"] for x in lessons if word.lower() in x["title"].lower()}
    search.clear()
    search.send_keys("ロボット")  # written ろぼっと nowhere; katakana folds to hiragana both sides
    with_robot = {x["id"] for x in lessons if "ロボット" in x["title"] or "ろぼっと" in x["title"]}
    assert with_robot <= shown_cards(browser)
    search.clear()
    search.send_keys("zzzz-nothing")
    assert shown_cards(browser) == set() and browser.find_element("id", "none").is_displayed()


def test_open_a_lesson_with_the_keyboard_and_its_previews_and_pdfs(browser, bundled_site, shots):
    from selenium.webdriver.common.keys import Keys

    site, _ = bundled_site
    viewport(browser, *SIZES["projector"])
    open_page(browser, site / "index.html")
    first = browser.switch_to.active_element
    first.send_keys(Keys.TAB)
    assert browser.switch_to.active_element.get_attribute("class") == "skip"
    lesson = next(x for x in bundled_lessons() if x["language"] == "ja" and x["puzzles"] >= 3)
    link = browser.find_element("css selector", f"#card-{lesson['id']} h3 a")
    link.send_keys(Keys.ENTER)
    assert browser.current_url.endswith(f"lessons/{lesson['id']}.html")
    browser.execute_script("document.querySelectorAll('img[loading=lazy]').forEach(i => i.loading = 'eager')")
    browser.execute_script(
        "return Promise.all([...document.images].map(i => i.complete ? 0 : new Promise(r => { i.onload = i.onerror = r; })))"
    )
    images = browser.execute_script("return [...document.images].map(i => [i.getAttribute('src'), i.naturalWidth, i.alt])")
    assert len(images) >= 4 + lesson["puzzles"]
    for src, natural, alt in images:
        assert natural > 0, f"{src} did not load"
        assert alt
    pdfs = browser.execute_script("return [...document.querySelectorAll('a')].map(a => a.href).filter(h => /\\.pdf(#|$)/.test(h))")
    assert pdfs
    for href in pdfs:
        parsed = urlparse(href)
        assert parsed.scheme == "file"
        assert Path(unquote(parsed.path)).is_file(), href
    # nothing was fetched from anywhere but the folder
    resources = browser.execute_script("return performance.getEntriesByType('resource').map(r => r.name)")
    assert all(r.startswith("file://") for r in resources), resources
    headings = browser.execute_script("return [...document.querySelectorAll('h1, h2')].map(h => h.tagName)")
    assert headings[0] == "H1" and headings.count("H1") == 1


@pytest.mark.parametrize("size", list(SIZES))
def test_screenshots_and_no_sideways_scrolling(browser, bundled_site, shots, size):
    site, _ = bundled_site
    width, height = SIZES[size]
    lesson = next(x for x in bundled_lessons() if x["language"] == "ja")
    for name, page in (("index", site / "index.html"), ("lesson", site / "lessons" / f"{lesson['id']}.html"), ("curriculum", site / "curriculum.html")):
        viewport(browser, width, height)
        open_page(browser, page)
        inner = browser.execute_script("return [window.innerWidth, window.innerHeight]")
        assert inner == [width, height]
        overflow = browser.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} at {width}px scrolls sideways by {overflow}px"
        # nothing scrolls inside its own box either (tables, the flow)
        boxed = browser.execute_script("return [...document.querySelectorAll('.table-wrap')].filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.className)")
        assert boxed == [], f"{name} at {width}px: {boxed} scroll sideways"
        file = shots / f"{name}-{width}x{height}.png"
        assert browser.save_screenshot(str(file))
        assert file.stat().st_size > 10_000
