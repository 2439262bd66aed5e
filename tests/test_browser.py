"""The served database in a real browser (headless Chromium), as a journalist, a watchdog and a member of staff
would use it: the home page, a search, a meeting page, the attendance chart and the last ingest.

Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); skipped with the reason when they are
missing. Screenshots go to tests/output/screenshots/ (the README's tour shows copies in docs/screenshots/).
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.served import running_server

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parent / "output" / "screenshots"
BROWSERS = ("chromium", "chromium-browser", "google-chrome")
DRIVERS = ("chromedriver", "/usr/lib/chromium/chromedriver")


def find(names: tuple[str, ...]) -> str | None:
    for name in names:
        found = shutil.which(name) or (name if os.path.isabs(name) and os.access(name, os.X_OK) else None)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def server(sample_db: Path) -> Iterator[str]:
    """`referat serve` on 127.0.0.1 with the sample database; yields its base URL."""
    with running_server(str(sample_db)) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[dev]')")
    chromium, driver = find(BROWSERS), find(DRIVERS)
    if chromium is None or driver is None:
        pytest.skip("Chromium and chromedriver are needed: apt-get install chromium chromium-driver")
    os.environ.setdefault("SE_OFFLINE", "true")  # never let Selenium fetch a browser or driver of its own
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1000", "--lang=da-DK"):
        options.add_argument(argument)
    session = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=driver))
    session.implicitly_wait(5)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        yield session
    finally:
        session.quit()


def by_css(browser: Any, selector: str) -> Any:
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, selector)


def all_by_css(browser: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return list(browser.find_elements(By.CSS_SELECTOR, selector))


def submit(browser: Any, field: Any) -> None:
    """Submit a form and wait for the page it leads to (elements of the old page go stale)."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    old_page = by_css(browser, "html")
    field.submit()
    WebDriverWait(browser, 10).until(expected_conditions.staleness_of(old_page))


def shoot(browser: Any, name: str) -> None:
    """Save what the browser shows (the page, up to 1800 pixels tall) as tests/output/screenshots/<name>.png."""
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(max(int(height) + 40, 600), 1800))
    path = SCREENSHOTS / f"{name}.png"
    assert browser.save_screenshot(str(path)), path
    browser.set_window_size(1280, 1000)
    assert path.stat().st_size > 10_000


def test_home_page_shows_a_tour_for_each_group(server: str, browser: Any) -> None:
    browser.get(server + "/")
    assert by_css(browser, "h1").text == "referat: Danish municipal minutes and local news"
    headings = [heading.text for heading in all_by_css(browser, ".metadata-description h2")]
    assert headings == ["For journalists", "For watchdogs", "For municipal staff", "Meetings"]
    links = {link.text for link in all_by_css(browser, ".metadata-description a")}
    assert {"Search decisions", "Attendance by member", "Last ingest", "Chart of attendance over time"} <= links
    shoot(browser, "01_home")


def test_journalist_searches_decisions_and_opens_the_meeting(server: str, browser: Any) -> None:
    browser.get(server + "/")
    by_css(browser, '.metadata-description a[href="/minutes/search_decisions"]').click()
    field = by_css(browser, 'input[name="text"]')
    field.send_keys("bevilling")
    submit(browser, field)
    cells = [cell.text for cell in all_by_css(browser, "table.rows-and-columns td.col-title")]
    assert cells == ["Bygningsvedligeholdelse 2013 - anlægsbevilling"]
    assert by_css(browser, "td.col-outcome").text == "approved"
    assert by_css(browser, "td.col-journal_number").text == "2012-28504"
    shoot(browser, "02_search_decisions")

    by_css(browser, "td.col-meeting a").click()
    assert by_css(browser, ".minutes h1").text == "Sundheds- og Forebyggelsesudvalget"
    items = [heading.text for heading in all_by_css(browser, ".minutes .item h2")]
    assert len(items) == 8 and items[1] == "2. Bygningsvedligeholdelse 2013 - anlægsbevilling"
    decision = by_css(browser, "#item-2 .decision").text
    assert decision == "Indstillingen godkendt"
    assert "Lolan Ottesen (A), formand" in by_css(browser, ".attendance").text
    shoot(browser, "03_meeting")


def test_journalist_searches_items_with_facets(server: str, browser: Any) -> None:
    browser.get(server + "/minutes/search_items")
    field = by_css(browser, 'input[name="_search"]')
    field.send_keys("beskæftigelse")
    submit(browser, field)
    titles = {cell.text for cell in all_by_css(browser, "table.rows-and-columns td.col-title")}
    assert "Ny aftale om beskæftigelsesreform 2025" in titles
    facets = {facet.get_attribute("data-column") for facet in all_by_css(browser, ".facet-info")}
    assert {"municipality", "committee", "year", "outcome", "kle_group"} <= facets
    shoot(browser, "04_search_items")


def test_watchdog_sees_attendance_and_its_chart(server: str, browser: Any) -> None:
    browser.get(server + "/minutes/attendance_by_member?name=Musa")
    row = [cell.text for cell in all_by_css(browser, "table.rows-and-columns tbody tr:first-child td")]
    assert row[:2] == ["Musa Kekec", "A"] and row[-3:] == ["0", "1", "0.0"]
    shoot(browser, "05_attendance_by_member")

    browser.get(server + "/")
    by_css(browser, ".metadata-description a[href*='attendance_over_time#']").click()
    deadline = time.monotonic() + 20
    drawn: list[Any] = []
    while time.monotonic() < deadline and not drawn:
        drawn = [element for element in all_by_css(browser, "canvas, svg.marks")
                 if element.size["width"] > 100 and element.size["height"] > 100]
        time.sleep(0.2)
    assert drawn, "the attendance chart was not drawn"
    shoot(browser, "06_attendance_chart")


def test_watchdog_reads_who_was_absent_at_a_meeting(server: str, browser: Any) -> None:
    browser.get(server + "/minutes/meetings?year=2025")
    by_css(browser, "td.col-meeting a").click()
    assert by_css(browser, ".minutes h1").text == "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget"
    assert "Absent: Sandra Marsenic (A), afbud; Musa Kekec (A), afbud" in by_css(browser, ".attendance").text
    assert by_css(browser, "#item-1 .absences").text == (
        "Did not take part: Musa Kekec (A): afbud; Sandra Marsenic (A): afbud")
    assert by_css(browser, "#item-7 .no-decision").text == "No decision recorded."
    shoot(browser, "09_meeting_with_absences")


def test_staff_sees_the_last_ingest(server: str, browser: Any) -> None:
    browser.get(server + "/minutes/last_ingest")
    actions = [cell.text for cell in all_by_css(browser, "table.rows-and-columns td.col-action")]
    assert actions == ["new"] * 7
    shoot(browser, "07_last_ingest")
    browser.get(server + "/minutes/documents_with_warnings")
    warnings = [cell.text for cell in all_by_css(browser, "table.rows-and-columns td.col-warning")]
    assert warnings == ["1 item(s) without a decision in minutes: 7"] * 2
    shoot(browser, "08_documents_with_warnings")


def test_robots_are_turned_away(server: str, browser: Any) -> None:
    browser.get(server + "/robots.txt")
    assert "Disallow: /" in by_css(browser, "body").text
