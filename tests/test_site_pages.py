"""The served site of the sample database as a reader meets it: every page reachable from the home page, every
canned query with its example, the tables and a row page read without a machine's paths, form feeds, `None` or
numbers printed with ".0"; the home page, the meeting page, table pages, the attendance chart and the CSV for Excel
say what they should, in Danish."""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import urllib.parse
from pathlib import Path

import pytest
from datasette.app import Datasette

from referat.pipeline.attendance_chart import MEETINGS_SQL, MEMBERS_SQL, MUNICIPALITIES_SQL
from referat.pipeline.overview import OVERVIEW_SQL
from referat.pipeline.serve import CannedQuery, ServeError, datasette_metadata, load_queries, write_server_files
from tests.conftest import ROOT
from tests.test_datasette import datasette_for, get
from tests.test_query_plans import archive, scanned_big_tables

__all__ = ["archive"]  # the synthetic archive with national statistics, a fixture of test_query_plans

HREF = re.compile(r'href="(/[^"#]*)"')


def visible_text(page: str) -> str:
    """What a reader sees of a page: no scripts, styles, tags or attributes."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"<[^>]+>", " ", page).replace("&nbsp;", " ")


def unreadable(page: str, sample_db: Path) -> list[str]:
    """What a page must not show: a folder of the machine, a form feed, None as a value, a number with ".0"."""
    text = visible_text(page).replace("Apache-2.0", "Apache")  # a licence's name, not a number
    found = [f"path {path}" for path in (str(sample_db.parent), str(ROOT), "/tmp/") if path in page]
    found += ["form feed"] * ("\f" in page or "&#12;" in page)
    found += [f"None in {text[max(m.start() - 40, 0) : m.end() + 40]!r}" for m in re.finditer(r"\bNone\b", text)]
    found += [f"'.0' in {text[max(m.start() - 40, 0) : m.end() + 40]!r}" for m in re.finditer(r"\d\.0\b", text)]
    return found


@pytest.fixture(scope="module")
def site(sample_db: Path) -> Datasette:
    return datasette_for(sample_db)


def sample_pages(site: Datasette, sample_db: Path) -> list[str]:
    """The home page, the pages it links to, every canned query with its example, every table and view and a row
    page of each table that has rows, and every meeting's page."""
    home = get(site, "/").text
    pages = [
        "/",
        *sorted(
            {
                url.replace("&amp;", "&")
                for url in HREF.findall(home)
                if not url.endswith(".db") and not url.startswith("/-/static/")
            }
        ),
    ]
    _, queries = load_queries()
    pages += [f"/minutes/{query.name}?{urllib.parse.urlencode(query.example)}" for query in queries]
    hidden = {
        name
        for name, options in datasette_metadata()["databases"]["minutes"]["tables"].items()
        if options.get("hidden")
    }  # internal tables (link statistics, the search state), linked from nowhere
    with sqlite3.connect(sample_db) as db:
        tables = [
            row[0]
            for row in db.execute(
                "select name from sqlite_master where type in ('table', 'view') "
                "and name not like '%fts%' and name not like 'sqlite%'"
            )
            if row[0] not in hidden
        ]
        pages += [f"/minutes/{table}" for table in tables]
        pages += [
            f"/minutes/{table}/{urllib.parse.quote(str(row[0]))}"
            for table in ("meetings", "agenda_items", "documents", "decisions", "persons", "articles")
            for row in db.execute(
                f"select id from [{table}] limit 1"
                if table != "articles"
                else "select document_id from articles limit 1"
            )
        ]
        pages += [f"/minutes/meeting?meeting_id={row[0]}" for row in db.execute("select id from meetings")]
    return pages


def test_no_page_shows_a_path_of_the_machine_a_form_feed_none_or_a_float(site: Datasette, sample_db: Path) -> None:
    pages = sample_pages(site, sample_db)
    assert len(pages) > 40
    problems: dict[str, list[str]] = {}
    for path in pages:
        response = get(site, path)
        if response.status_code == 302:  # a table page asks for its canonical rows
            path = response.headers["location"]
            response = get(site, path)
        assert response.status_code == 200, path
        if found := unreadable(response.text, sample_db):
            problems[path] = found
    assert problems == {}, "\n".join(f"{path}: {found}" for path, found in problems.items())


def test_the_home_page_searches_and_says_what_the_database_holds(site: Datasette) -> None:
    home = get(site, "/").text
    form = re.search(r'<form class="search-box" action="([^"]+)"[^>]*>.*?</form>', home, flags=re.S)
    assert form and form[1] == "/minutes/search_decisions"
    assert 'name="tekst"' in form[0]
    text = " ".join(visible_text(home).split())
    # the sample: two meetings (one recorded twice) of two Ballerup committees, seven documents, three articles
    assert "2 møder i 2 udvalg fra 1 kommune, fra 4. december 2012 til 13. maj 2025" in text
    assert "7 dokumenter og 3 nyhedsartikler" in text
    assert "Senest opdateret" in text
    found = get(site, "/minutes/search_decisions?tekst=cykel")
    assert found.status_code == 200 and "Cykelkampagne" in found.text


def test_an_empty_database_gets_a_sentence_not_an_error(tmp_path: Path) -> None:
    empty = tmp_path / "minutes.db"
    sqlite3.connect(empty).close()
    home = get(datasette_for(empty), "/")
    assert home.status_code == 200
    assert "Databasen er tom" in home.text


def test_the_meeting_page_reads_as_danish_minutes(site: Datasette, sample_db: Path) -> None:
    with sqlite3.connect(sample_db) as db:
        meeting = db.execute("select id from meetings where date = '2025-05-13' and duplicate_of is null").fetchone()
    page = get(site, f"/minutes/meeting?meeting_id={meeting[0]}").text
    text = " ".join(visible_text(page).split())
    assert "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget" in text
    assert "Ballerup Kommune · 13. maj 2025" in text.replace("&middot;", "·")
    # item 2: the recommendation beside the decision, whose outcome reads in Danish
    item = page[page.index("Cykelkampagne") : page.index("Ny aftale om beskæftigelsesreform")]
    assert "<h3>Indstilling</h3>" in item and "indstiller, at" in item
    assert '<span class="outcome">Taget til efterretning</span>' in item
    assert "Taget til efterretning med den bemærkning" in item
    assert re.search(r"Kilde: .*\.(pdf|txt).*, side \d", visible_text(item))
    assert "noted" not in text and "(no title)" not in text and "(uden titel)" not in text
    # an article about an item is a link
    assert re.search(r'I nyhederne:</strong>\s*<ul><li><a href="[^"]+">', page)


def test_a_missing_title_reads_uden_titel(tmp_path: Path, sample_db: Path) -> None:
    copy = tmp_path / "minutes.db"
    with sqlite3.connect(sample_db) as source, sqlite3.connect(copy) as target:
        source.backup(target)
        target.execute("update agenda_items set title = null where position = 1")
        meeting = target.execute("select id from meetings where date = '2012-12-04'").fetchone()[0]
    page = get(datasette_for(copy), f"/minutes/meeting?meeting_id={meeting}").text
    assert "(uden titel)" in page and "None" not in visible_text(page)


def test_a_base_url_turns_cited_paths_into_links(tmp_path: Path, sample_db: Path) -> None:
    site = datasette_for(sample_db, base_url="https://kommune.dk/referater/")
    with sqlite3.connect(sample_db) as db:
        meeting, source = db.execute(
            "select m.id, d.path from meetings m join documents d on d.id = m.document_id "
            "where m.duplicate_of is null and d.source_url is null and m.date = '2012-12-04'"
        ).fetchone()
    page = get(site, f"/minutes/meeting?meeting_id={meeting}").text
    assert f'<a href="https://kommune.dk/referater/{urllib.parse.quote(source)}' in page
    listed = get(site, "/minutes/moeder").text
    assert f'href="https://kommune.dk/referater/{urllib.parse.quote(source)}' in listed
    with pytest.raises(ServeError, match=re.escape("https://kommune.dk/referater/")):
        write_server_files(sample_db, "kommune.dk/referater")


def test_table_pages_count_each_meeting_once_unless_duplicates_are_asked_for(site: Datasette, sample_db: Path) -> None:
    with sqlite3.connect(sample_db) as db:
        versions, once = db.execute(
            "select count(*), count(*) filter (where duplicate_of is null) from meetings"
        ).fetchone()
    assert versions > once  # the sample records the meeting of 13 May 2025 twice
    first = get(site, "/minutes/meetings")
    assert first.status_code == 302 and first.headers["location"] == "/minutes/meetings?duplicate_of__isnull=1"
    canonical = get(site, first.headers["location"]).text
    assert f"Møder: {once} rækker" in canonical
    assert 'href="/minutes/meetings?_dubletter=vis"' in canonical and "Vis også dubletter" in canonical
    every = get(site, "/minutes/meetings?_dubletter=vis").text
    assert f"Møder: {versions} rækker" in every
    json_rows = get(site, "/minutes/meetings.json?_shape=array").json()
    assert len(json_rows) == versions  # the API answers what it is asked
    decisions = get(site, "/minutes/decisions")
    assert decisions.status_code == 302 and "_where=not+exists" in decisions.headers["location"]


def test_tables_and_rows_are_named_and_sorted_by_what_people_read(site: Datasette, sample_db: Path) -> None:
    page = get(site, "/minutes/meetings?duplicate_of__isnull=1").text
    dates = re.findall(r'class="col-date type-str">([^<]+)<', page)
    assert dates == ["13. maj 2025", "4. december 2012"]  # newest first, as dates
    items = get(site, "/minutes/agenda_items?duplicate_of__isnull=1").text
    assert re.search(
        r'class="col-meeting_id type-str"><a href="/minutes/meetings/\w+">Sundheds- og '
        r"Forebyggelsesudvalget</a>",
        items,
    )
    with sqlite3.connect(sample_db) as db:
        meeting_id, committee = db.execute("select id, committee from meetings limit 1").fetchone()
    row = get(site, f"/minutes/meetings/{meeting_id}").text
    assert f"<title>Møder: {committee}</title>" in row


def test_the_meetings_table_is_not_hidden_by_a_query(site: Datasette) -> None:
    page = get(site, "/minutes/meetings?duplicate_of__isnull=1").text
    assert 'class="rows-and-columns"' in page and "Et møde i et udvalg eller et råd" in page


def test_numbers_read_the_danish_way_in_every_table(site: Datasette) -> None:
    money = get(site, "/minutes/figures?kind=money&_sort_desc=value").text
    values = re.findall(r'class="col-value type-float">([^<]+)<', money)
    assert values and all(re.fullmatch(r"\d{1,3}(\.\d{3})*(,\d+)?", value) for value in values), values
    stats = get(site, "/minutes/attendance_by_member").text
    assert re.search(r">\d{1,3}(,\d)?\u00a0%<", stats)


def test_the_attendance_chart_draws_each_committee_with_its_members(site: Datasette) -> None:
    page = get(site, "/minutes/-/fremmoede")
    assert page.status_code == 200
    html = page.text
    assert html.count('<svg class="attendance-chart"') == 2  # two committees in the sample, a chart each
    assert "<h2>" in html and "Sundheds- og Forebyggelsesudvalget" in html
    assert "Sandra Marsenic" in html and "Musa Kekec" in html  # members absent on 13 May 2025
    assert re.search(r"13\. maj 2025: 6 af 8 til stede \(75\u00a0%\)", html)
    assert not re.search(r"<script[^>]+src=", html.split("<body")[1].split("</footer>")[0])
    assert get(site, "/minutes/-/fremmoede?kommune=Ingensteds").status_code == 200


def test_csv_for_danish_excel(site: Datasette) -> None:
    response = get(site, "/minutes/attendance_stats.excel?_size=max")
    assert response.status_code == 200
    body = response.content
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    header, data = rows[0], rows[1:]
    assert "attendance_pct" in header and data
    pct = [row[header.index("attendance_pct")] for row in data]
    assert "100" in pct and "75" not in pct and all("." not in value for value in pct)
    assert 'filename="attendance_stats.csv"' in response.headers["content-disposition"]
    table = get(site, "/minutes/persons").text
    assert 'href="/minutes/persons.excel?_size=max"' in table and "CSV til dansk Excel" in table


# The figures of the home page and the chart's queries, as SQLite plans them at national size. Counting the
# documents reads the narrowest index of documents whole: one entry per document, not per item.
SITE_QUERIES = {
    **{f"overview {name}": sql for name, sql in OVERVIEW_SQL.items()},
    "chart municipalities": MUNICIPALITIES_SQL,
    "chart meetings": MEETINGS_SQL,
    "chart members": MEMBERS_SQL,
}
ALLOWED_SITE_SCANS = {("overview documents", "documents")}


@pytest.mark.parametrize("name", SITE_QUERIES)
def test_the_home_page_and_the_chart_read_through_indexes(archive: sqlite3.Connection, name: str) -> None:
    query = CannedQuery(name, "everyone", name, name, SITE_QUERIES[name])
    scanned = scanned_big_tables(archive, query, {"municipality": "Ballerup"})
    assert scanned <= {table for (allowed, table) in ALLOWED_SITE_SCANS if allowed == name}
