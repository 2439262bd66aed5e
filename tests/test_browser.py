"""The served database in a real browser (headless Chromium), as a journalist, a watchdog and a member of staff
would use it: the home page, a search, a meeting page, the attendance chart and the last ingest.

Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them); skipped with the reason when they are
missing. Screenshots go to tests/output/screenshots/ (the README's tour shows copies in docs/screenshots/).
"""

from __future__ import annotations

import os
import shutil
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
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1280,1000",
        "--lang=da-DK",
    ):
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


def choose(field: Any, label: str) -> None:
    """Choose an option of a <select> by the text a user sees."""
    from selenium.webdriver.support.select import Select

    Select(field).select_by_visible_text(label)


def texts(browser: Any, selector: str) -> list[str]:
    return [element.text for element in all_by_css(browser, selector)]


def test_home_page_searches_and_says_what_the_database_holds(server: str, browser: Any) -> None:
    browser.get(server + "/")
    assert by_css(browser, "h1").text == "referat: kommunale referater og lokale nyheder"
    assert browser.title.startswith("referat")
    headings = texts(browser, ".home h2")
    assert {"Hvad databasen rummer", "For journalister", "For vagthunde", "For kommunale medarbejdere"} <= set(headings)
    overview = by_css(browser, ".home .overview").text
    assert "2 møder" in overview and "fra 4. december 2012 til 13. maj 2025" in overview
    links = set(texts(browser, ".home a"))
    assert {"Søg i beslutninger", "Fremmøde pr. medlem", "Seneste indlæsning", "Fremmøde pr. udvalg (diagram)"} <= links
    shoot(browser, "01_home")

    field = by_css(browser, "#home-search")
    field.send_keys("anlægsbevilling")
    submit(browser, field)
    assert browser.title.startswith("Søg i beslutninger")
    assert texts(browser, 'table.rows-and-columns td[data-column="titel"]') == [
        "Bygningsvedligeholdelse 2013 - anlægsbevilling"
    ]
    assert by_css(browser, 'td[data-column="kommune"]').text == "Ballerup"
    assert by_css(browser, 'td[data-column="udfald"]').text == "Godkendt"
    assert by_css(browser, 'td[data-column="journalnummer"]').text == "2012-28504"
    assert "Center for Ejendomme indstiller" in by_css(browser, 'td[data-column="indstilling"]').text
    shoot(browser, "02_search_decisions")

    browser.get(server + "/")
    by_css(browser, "#home-search").send_keys("erhvervspanelet")
    old_page = by_css(browser, "html")
    by_css(browser, '.search-box input[value="Søg i nyheder"]').click()
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.wait import WebDriverWait

    WebDriverWait(browser, 10).until(expected_conditions.staleness_of(old_page))
    assert browser.title.startswith("Søg i nyhedsartikler")
    assert texts(browser, 'table.rows-and-columns td[data-column="udgivet"]') == ["september 2017"]
    assert by_css(browser, 'td[data-column="uddrag"] mark').text == "erhvervspanelet"  # the match, highlighted


def test_journalist_chooses_an_outcome_and_danish_dates(server: str, browser: Any) -> None:
    browser.get(server + "/minutes/decisions_by_outcome")
    assert browser.title.startswith("Beslutninger efter udfald")
    choose(by_css(browser, 'select[name="udfald"]'), "Godkendt")
    by_css(browser, 'input[name="fra_dato"]').send_keys("1. december 2012")
    field = by_css(browser, 'input[name="til_dato"]')
    field.send_keys("31.12.2012")
    submit(browser, field)
    outcomes = texts(browser, 'table.rows-and-columns td[data-column="udfald"]')
    dates = set(texts(browser, 'table.rows-and-columns td[data-column="dato"]'))
    assert outcomes and set(outcomes) == {"Godkendt"}
    assert dates == {"4. december 2012"}  # the 2025 meeting's approvals are outside the dates
    assert not all_by_css(browser, ".input-notes")  # every input was understood
    shoot(browser, "03_decisions_by_outcome")

    by_css(browser, 'td[data-column="møde"] a').click()
    assert by_css(browser, ".minutes h1").text == "Sundheds- og Forebyggelsesudvalget"
    items = texts(browser, ".minutes .item h2")
    assert len(items) == 8 and items[1] == "2. Bygningsvedligeholdelse 2013 - anlægsbevilling"
    assert by_css(browser, "#item-2 .recommendation").text.startswith("Indstilling\nCenter for Ejendomme indstiller")
    assert by_css(browser, "#item-2 .decision").text == "Indstillingen godkendt"
    assert by_css(browser, "#item-2 .outcome").text == "Godkendt"
    assert by_css(browser, "#item-2 .provenance").text == (
        "Kilde: ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf, side 3"
    )
    assert "Lolan Ottesen (A), formand" in by_css(browser, ".attendance").text
    shoot(browser, "04_meeting")


def test_journalist_searches_items_with_facets(server: str, browser: Any) -> None:
    browser.get(server + "/minutes/search_items")
    field = by_css(browser, 'input[name="_search"]')
    field.send_keys("beskæftigelse")
    submit(browser, field)
    titles = {cell.text for cell in all_by_css(browser, "table.rows-and-columns td.col-title")}
    assert "Ny aftale om beskæftigelsesreform 2025" in titles
    facets = {facet.get_attribute("data-column") for facet in all_by_css(browser, ".facet-info")}
    assert {"municipality", "committee", "year", "outcome", "kle_group"} <= facets
    shoot(browser, "05_search_items")


def test_watchdog_reads_attendance_per_committee(server: str, browser: Any) -> None:
    browser.get(server + "/minutes/attendance_by_member?navn=Musa")
    row = texts(browser, "table.rows-and-columns tbody tr:first-child td")
    assert row[:2] == ["Musa Kekec", "A"] and row[-1] == "0 %"

    browser.get(server + "/")
    by_css(browser, ".home a[href*='-/fremmoede']").click()
    assert by_css(browser, "h1").text == "Fremmøde pr. udvalg: Ballerup"
    committees = texts(browser, "h2")
    assert {"Erhvervs-, Beskæftigelses- og Uddannelsesudvalget", "Sundheds- og Forebyggelsesudvalget"} <= set(
        committee.strip() for committee in committees
    )
    charts = [chart for chart in all_by_css(browser, "svg.attendance-chart") if chart.size["width"] >= 600]
    assert len(charts) == 2, "one readable chart per committee"
    browser.execute_script("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # the members
    assert "Musa Kekec" in by_css(browser, "body").text
    shoot(browser, "06_attendance_chart")


def test_watchdog_reads_who_was_absent_at_a_meeting(server: str, browser: Any) -> None:
    browser.get(server + "/minutes/moeder?aar=2025")
    by_css(browser, 'td[data-column="møde"] a').click()
    assert by_css(browser, ".minutes h1").text == "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget"
    assert "Fraværende: Sandra Marsenic (A), afbud; Musa Kekec (A), afbud" in by_css(browser, ".attendance").text
    assert by_css(browser, "#item-1 .absences").text == (
        "Deltog ikke: Musa Kekec (A): afbud; Sandra Marsenic (A): afbud"
    )
    assert "None" not in by_css(browser, ".minutes").text
    shoot(browser, "09_meeting_with_absences")


def test_staff_sees_the_last_ingest(server: str, browser: Any) -> None:
    browser.get(server + "/minutes/last_ingest")
    assert texts(browser, 'table.rows-and-columns td[data-column="handling"]') == ["ny"] * 7
    assert all(not path.startswith("/") for path in texts(browser, 'table.rows-and-columns td[data-column="sti"]'))
    shoot(browser, "07_last_ingest")


def test_robots_are_turned_away(server: str, browser: Any) -> None:
    browser.get(server + "/robots.txt")
    assert "Disallow: /" in by_css(browser, "body").text
