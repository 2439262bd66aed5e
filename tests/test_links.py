"""Links from news articles to meetings: the seed article about Ballerup's head of business development finds the
meeting where she presented the new business policy; a Ballerup article on another subject, published a week
after that meeting and quoting one of its members, stays unlinked; the Rudersdal article and the 2017 article
do not link to Ballerup's 2025 meeting; an unchanged re-run gives the same rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from referat.models.records import make_id
from referat.pipeline.ingest import ingest
from referat.pipeline.links import LinkSettings, date_span, find_links, in_window, link_articles
from tests.conftest import DATA, RAW

NEWS = DATA / "news"
UNRELATED = "ballerup_cykelsti_maaloev_2025-05-20.txt"
MEETING_REPORT = "ballerup_erhvervspolitik_temadroeftelse_2025-05-16.txt"


@pytest.fixture(scope="module")
def news_db(tmp_path_factory: pytest.TempPathFactory) -> sqlite_utils.Database:
    """The sample documents and the test articles ingested together."""
    path = tmp_path_factory.mktemp("links") / "minutes.db"
    ingest([RAW, NEWS], path, workers=1)
    return sqlite_utils.Database(path)


def article_id(db: sqlite_utils.Database, file_name: str) -> str:
    rows = list(db.query("select document_id from document_paths where path like ?", [f"%{file_name}"]))
    assert len(rows) == 1, file_name
    return str(rows[0]["document_id"])


def links_of(db: sqlite_utils.Database, file_name: str) -> list[dict[str, Any]]:
    return list(
        db.query(
            "select l.*, m.municipality, m.committee, m.date, m.duplicate_of, i.number, i.title as item_title "
            "from links l join meetings m on m.id = l.meeting_id left join agenda_items i on i.id = l.item_id "
            "where l.article_id = ? order by l.score desc",
            [article_id(db, file_name)],
        )
    )


def test_seed_000_links_to_the_business_policy_item_of_seed_004s_meeting(news_db: sqlite_utils.Database) -> None:
    links = links_of(news_db, "000_d8d1ab7d01895041.txt")
    assert len(links) == 1
    link = links[0]
    assert (link["municipality"], link["committee"], link["date"]) == (
        "Ballerup",
        "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget",
        "2025-05-13",
    )
    assert link["duplicate_of"] is None  # the canonical version of the meeting (text export and PDF are one)
    assert (link["number"], link["item_title"]) == ("6", "Temadrøftelse: Ny Erhvervs- og Vækstpolitik")
    assert link["reason"].startswith("mentions Claudia Westh Lonning;")
    assert "erhvervsudviklingschef" in link["reason"]
    assert link["score"] >= LinkSettings().threshold


def test_a_report_of_the_meeting_links_by_committee_date_and_words(news_db: sqlite_utils.Database) -> None:
    links = links_of(news_db, MEETING_REPORT)
    assert len(links) == 1
    reason = links[0]["reason"]
    assert (links[0]["date"], links[0]["number"]) == ("2025-05-13", "6")
    assert "names the committee Erhvervs-, Beskæftigelses- og Uddannelsesudvalget" in reason
    assert "names the meeting date 13. maj" in reason
    assert "published 3 days after the meeting" in reason


def test_an_unrelated_ballerup_article_stays_unlinked(news_db: sqlite_utils.Database) -> None:
    assert links_of(news_db, UNRELATED) == []


def test_the_threshold_is_what_keeps_the_unrelated_article_out(news_db: sqlite_utils.Database) -> None:
    """It has evidence (a committee member quoted, the same town, published a week after the meeting), so the test
    above fails if the score or the threshold stop doing their work."""
    unrelated = article_id(news_db, UNRELATED)
    candidates = [link for link in find_links(news_db, LinkSettings(threshold=0)) if link.article_id == unrelated]
    assert len(candidates) == 1
    assert "mentions Allan Kristensen" in candidates[0].reason
    assert "published 7 days after the meeting" in candidates[0].reason
    assert 0 < candidates[0].score < LinkSettings().threshold / 1.4


def test_the_rudersdal_article_links_to_no_ballerup_meeting(news_db: sqlite_utils.Database) -> None:
    assert links_of(news_db, "002_e8801178bb441584.txt") == []
    rudersdal = article_id(news_db, "002_e8801178bb441584.txt")
    # Even without a threshold there is no named evidence: it shares only words such as "erhvervspanel".
    assert [link for link in find_links(news_db, LinkSettings(threshold=0)) if link.article_id == rudersdal] == []


def test_an_article_from_2017_does_not_link_to_the_2025_meeting(news_db: sqlite_utils.Database) -> None:
    assert links_of(news_db, "001_8351087a956318af.txt") == []
    old = article_id(news_db, "001_8351087a956318af.txt")
    # found only by the committee's name, the 2025 meeting is beyond the article's candidate window: not scored
    assert not [link for link in find_links(news_db, LinkSettings(threshold=0)) if link.article_id == old]
    # scored all the same, it would be far too weak
    wide = LinkSettings(threshold=0, window_after_days=10_000)
    candidates = [link for link in find_links(news_db, wide) if link.article_id == old]
    assert len(candidates) == 1 and candidates[0].score < LinkSettings().threshold
    assert "names the committee erhvervs- og Beskæftigelsesudvalget" in candidates[0].reason
    assert "published 7 years before the meeting" in candidates[0].reason


def test_the_policy_and_the_page_from_another_municipality_link_nowhere(news_db: sqlite_utils.Database) -> None:
    linked = {
        row["path"].rsplit("/", 1)[-1]
        for row in news_db.query("select p.path from links l join document_paths p on p.document_id = l.article_id")
    }
    assert linked == {"000_d8d1ab7d01895041.txt", MEETING_REPORT}


def test_links_are_recomputed_with_the_same_rows(news_db: sqlite_utils.Database) -> None:
    before = list(news_db.query("select * from links order by id"))
    assert link_articles(news_db) == len(before)
    assert list(news_db.query("select * from links order by id")) == before
    for row in before:
        assert row["id"] == make_id(row["article_id"], "link", row["meeting_id"])


def test_links_point_only_at_canonical_meetings_and_items(news_db: sqlite_utils.Database) -> None:
    rows = list(
        news_db.query(
            "select m.duplicate_of as meeting_dup, i.duplicate_of as item_dup from links l "
            "join meetings m on m.id = l.meeting_id left join agenda_items i on i.id = l.item_id"
        )
    )
    assert rows and all(row["meeting_dup"] is None and row["item_dup"] is None for row in rows)


@pytest.mark.parametrize(
    ("iso", "first", "last"),
    [
        ("2025-05-13", "2025-05-13", "2025-05-13"),
        ("2017-09", "2017-09-01", "2017-09-30"),
        ("2024-12", "2024-12-01", "2024-12-31"),
        ("2017", "2017-01-01", "2017-12-31"),
    ],
)
def test_date_spans(iso: str, first: str, last: str) -> None:
    span = date_span(iso)
    assert span is not None
    assert (span[0].isoformat(), span[1].isoformat()) == (first, last)


def test_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="threshold"):
        LinkSettings(threshold=-1)
    with pytest.raises(ValueError, match="item_share"):
        LinkSettings(item_share=0)


def test_the_sample_database_links_seed_000(sample_db: Path) -> None:
    db = sqlite_utils.Database(sample_db)
    rows = list(
        db.query(
            "select l.reason from links l join document_paths p on p.document_id = l.article_id "
            "where p.path like '%000_d8d1ab7d01895041.txt'"
        )
    )
    assert len(rows) == 1 and "Claudia Westh Lonning" in rows[0]["reason"]


def test_an_ingest_that_changes_nothing_does_not_link_again(
    raw_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Linking scores pairs of articles and meetings: a no-op ingest scores none, a re-read article is scored
    again and keeps its links."""
    from referat.pipeline import link_evidence, links

    db_path = tmp_path / "minutes.db"
    ingest([raw_copy], db_path, workers=1)
    db = sqlite_utils.Database(db_path)
    before = list(db.query("select article_id, meeting_id, item_id, score, reason from links order by id"))
    scored: list[str] = []
    real = links.score_meeting

    def counting(article: Any, *args: Any) -> Any:
        scored.append(article.id)
        return real(article, *args)

    monkeypatch.setattr(links, "score_meeting", counting)
    monkeypatch.setattr(link_evidence, "score_meeting", counting)
    ingest([raw_copy], db_path, workers=1)
    assert before and scored == []
    db.execute("update documents set parser_version = 'old' where id = ?", [before[0]["article_id"]])
    db.conn.commit()
    ingest([raw_copy], db_path, workers=1)
    assert before[0]["article_id"] in scored
    assert list(db.query("select article_id, meeting_id, item_id, score, reason from links order by id")) == before


def test_a_saved_page_links_by_its_own_date_and_place_not_its_rails(tmp_path: Path) -> None:
    """The meeting report saved as a whole web page: a skip link and a "Mest læste" rail with another
    municipality's story and its date above it, a "Læs også" rail below. The link reads the article's own
    publication date and municipality, as on the clean copy (the rail's date and headline are not the article's)."""
    report = (NEWS / MEETING_REPORT).read_text(encoding="utf-8")
    page = (
        "Spring til indhold\n\nMest læste lige nu\n\nRudersdal Kommune lukker svømmehal\n\n2. januar 2024\n\n"
        f"{report}\n\nLæs også\n\nHørsholm Kommune får ny kommunaldirektør\n"
    )
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "erhvervspolitik_gemt_side.txt").write_text(page, encoding="utf-8")
    (folder / "004_07fbbc99cae8a549.txt").write_bytes((RAW / "004_07fbbc99cae8a549.txt").read_bytes())
    ingest([folder], tmp_path / "minutes.db", workers=1)
    db = sqlite_utils.Database(tmp_path / "minutes.db")
    assert [(row["title"], row["published"]) for row in db.query("select title, published from articles")] == [
        ("Politikerne vil have iværksætterne med, når Ballerup skriver ny erhvervspolitik", "2025-05-16")
    ]
    links = links_of(db, "erhvervspolitik_gemt_side.txt")
    assert [(link["date"], link["number"]) for link in links] == [("2025-05-13", "6")]
    assert "published 3 days after the meeting" in links[0]["reason"]
    assert "names only other municipalities" not in links[0]["reason"]


@pytest.mark.parametrize(
    ("published", "held", "candidate"),
    [
        ("2025-05-16", "2025-05-13", True),  # three days after the meeting
        ("2025-05-16", "2023-05-17", True),  # within two years after it
        ("2025-05-16", "2023-05-15", False),  # more than two years after it
        ("2025-05-16", "2025-07-15", True),  # announcing a meeting two months ahead
        ("2025-05-16", "2025-07-16", False),  # further ahead
        ("2019-09", "2017-09-15", True),  # a month as printed: its first day is within two years
        ("2017", "2025-05-13", False),
        (None, "2025-05-13", True),  # undated: any meeting
        ("2025-05-16", None, True),
    ],
)
def test_the_candidate_window_around_an_articles_publication(
    published: str | None, held: str | None, candidate: bool
) -> None:
    assert in_window(published, held, LinkSettings()) is candidate
