"""An ingest into an existing database redoes duplicates, links, statistics and full-text indexes only for what it
changed, and ends where a build of everything at once ends (links may differ only in how the statistics have moved
since an untouched pair was scored)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils

from referat.pipeline import derived, link_evidence
from referat.pipeline.ingest import ingest
from referat.pipeline.links import LinkSettings, find_links, load_everything, score_all
from tests.conftest import DATA, RAW

pytestmark = pytest.mark.integration

Row = tuple[Any, ...]
NEWS = DATA / "news"
MEETING_REPORT = NEWS / "ballerup_erhvervspolitik_temadroeftelse_2025-05-16.txt"
SEED_000 = RAW / "000_d8d1ab7d01895041.txt"  # an article about the business policy of seed 004's meeting
SEED_004 = RAW / "004_07fbbc99cae8a549.txt"  # minutes of the business committee, 13 May 2025
RENDERED = RAW / "ballerup_erhvervs-beskaeftigelses-og-uddannelsesudvalget_2025-05-13_rendered.pdf"  # the same
ITEMS = DATA / "ballerup_2012-12-04_items"  # per-item PDFs of the health committee's meeting of 4 December 2012
HEALTH = RAW / "ballerup_sundheds-og-forebyggelsesudvalget_2012-12-04.pdf"

# A few articles that link nowhere, to give the statistics more texts.
OTHER_NEWS = sorted(NEWS.glob("ballerup_cykelsti*")) + sorted(NEWS.glob("ekstrabladet_rudersdal*"))


def corpus(*paths: Path) -> list[Path]:
    found: list[Path] = []
    for path in paths:
        found += sorted(path.iterdir()) if path.is_dir() else [path]
    return found


def links_of(db: sqlite_utils.Database, *, article: str | None = None, meeting: str | None = None) -> list[Row]:
    where, value = ("article_id", article) if article else ("meeting_id", meeting)
    return sorted(
        db.execute(
            f"select article_id, meeting_id, item_id, score, reason from links where {where} = ?", [value]
        ).fetchall()
    )


def recomputed(db: sqlite_utils.Database, *, article: str | None = None, meeting: str | None = None) -> list[Row]:
    """The links a full recompute over the whole database gives the article or meeting."""
    return sorted(
        (link.article_id, link.meeting_id, link.item_id, link.score, link.reason)
        for link in find_links(db)
        if (article and link.article_id == article) or (meeting and link.meeting_id == meeting)
    )


def document_of(db: sqlite_utils.Database, path: Path) -> str:
    return str(db.execute("select document_id from document_paths where path like ?", [f"%{path.name}"]).fetchone()[0])


def one_at_a_time(paths: Iterable[Path], db_path: Path) -> sqlite_utils.Database:
    for path in paths:
        ingest([path], db_path, workers=1)
    return sqlite_utils.Database(db_path)


def statistics(db: sqlite_utils.Database) -> tuple[list[Row], int]:
    """The word statistics as they stand: stem -> texts holding it, documents naming it, and the number of texts."""
    rows = db.execute(
        "select stem, texts, names from word_frequencies where texts > 0 or names > 0 order by stem"
    ).fetchall()
    return rows, db.execute("select rows from search_state where name = 'word_frequencies'").fetchone()[0]


def evidence(db: sqlite_utils.Database) -> list[Row]:
    return db.execute(
        "select key, kind, document_id, item_id, meeting_id from link_evidence order by key, kind, document_id, item_id"
    ).fetchall()


def rebuilt_from_scratch(db: sqlite_utils.Database, tmp_path: Path) -> sqlite_utils.Database:
    """A copy of the database whose links, evidence and statistics are recomputed whole."""
    copy = tmp_path / "recomputed.db"
    db.conn.execute("VACUUM INTO ?", [str(copy)])
    other = sqlite_utils.Database(copy)
    assert derived.relink(other) == db.execute("select count(*) from links").fetchone()[0]
    return other


# -- links ----------------------------------------------------------------------------------------------------------


def test_an_article_added_last_gets_the_links_a_full_recompute_gives_it(tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    ingest(corpus(RAW, *OTHER_NEWS), db_path, workers=1)
    ingest([MEETING_REPORT], db_path, workers=1)
    db = sqlite_utils.Database(db_path)
    report = document_of(db, MEETING_REPORT)
    added = links_of(db, article=report)
    # the meeting of seed 004 as its canonical version gives it: the rendered PDF, which has real pages
    assert [(meeting, score > 4.5) for _, meeting, _, score, _ in added] == [
        (db.execute("select id from meetings where document_id = ?", [document_of(db, RENDERED)]).fetchone()[0], True)
    ]
    assert added == recomputed(db, article=report)


def test_a_meeting_added_last_gets_the_links_a_full_recompute_gives_it(tmp_path: Path) -> None:
    """Seed 004's minutes arrive after the articles about them: the articles are found through the kept keys."""
    db_path = tmp_path / "minutes.db"
    ingest([SEED_000, MEETING_REPORT, *OTHER_NEWS, HEALTH], db_path, workers=1)
    db = sqlite_utils.Database(db_path)
    assert db.execute("select count(*) from links").fetchone()[0] == 0
    ingest([SEED_004], db_path, workers=1)
    meeting = db.execute("select id from meetings where document_id = ?", [document_of(db, SEED_004)]).fetchone()[0]
    added = links_of(db, meeting=meeting)
    assert {article for article, *_ in added} == {document_of(db, SEED_000), document_of(db, MEETING_REPORT)}
    assert added == recomputed(db, meeting=meeting)


def test_the_richer_version_of_a_meeting_takes_over_its_links(tmp_path: Path) -> None:
    """Seed 004's minutes as text come first and are linked; the rendered PDF of the same minutes holds as much and
    has real pages, so the text becomes its duplicate: its links go, and the PDF's meeting gets the links a full
    recompute gives it."""
    db_path = tmp_path / "minutes.db"
    ingest([SEED_004, MEETING_REPORT], db_path, workers=1)
    db = sqlite_utils.Database(db_path)
    text_meeting = db.execute("select id from meetings").fetchone()[0]
    assert links_of(db, meeting=text_meeting)
    ingest([RENDERED], db_path, workers=1)
    pdf_meeting = db.execute("select id from meetings where document_id = ?", [document_of(db, RENDERED)]).fetchone()[0]
    assert db.execute("select duplicate_of from meetings where id = ?", [text_meeting]).fetchone()[0] == pdf_meeting
    assert links_of(db, meeting=text_meeting) == []
    assert links_of(db, meeting=pdf_meeting) == recomputed(db, meeting=pdf_meeting) != []


@pytest.mark.parametrize("seed", [0, 1])
def test_one_document_at_a_time_links_the_same_pairs_as_all_at_once(tmp_path: Path, seed: int) -> None:
    """Scores of untouched pairs may differ in the last digits (the statistics moved since they were scored); the
    pairs, and which item carries each, do not."""
    import random

    paths = corpus(RAW, MEETING_REPORT, *OTHER_NEWS)
    random.Random(seed).shuffle(paths)
    together = tmp_path / "together.db"
    ingest(paths, together, workers=1)
    alone = one_at_a_time(paths, tmp_path / "alone.db")
    query = "select article_id, meeting_id, item_id from links order by 1, 2"
    expected = sqlite_utils.Database(together).execute(query).fetchall()
    assert len(expected) == 2  # seed 000 and the report, both about seed 004's meeting
    assert alone.execute(query).fetchall() == expected


# -- statistics and evidence ----------------------------------------------------------------------------------------


def test_kept_statistics_and_evidence_are_those_of_a_build_from_scratch(tmp_path: Path) -> None:
    """Documents added one at a time, a meeting made a duplicate, a file whose content changed (its old document
    removed): what is kept is what a build of the whole database keeps."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    for path in [RENDERED, MEETING_REPORT, SEED_000, *OTHER_NEWS]:
        shutil.copy(path, folder / path.name)
    db = one_at_a_time(sorted(folder.iterdir()), tmp_path / "minutes.db")
    ingest([SEED_004], tmp_path / "minutes.db", workers=1)
    changed = folder / OTHER_NEWS[0].name
    changed.write_text(changed.read_text(encoding="utf-8").replace("Måløv", "Skovlunde"), encoding="utf-8")
    ingest([folder], tmp_path / "minutes.db", workers=1)
    assert db.execute("select count(*) from pending_derived").fetchone()[0] == 0
    scratch = rebuilt_from_scratch(db, tmp_path)
    assert statistics(db) == statistics(scratch)
    assert statistics(db)[1] > 5
    assert evidence(db) == evidence(scratch)


def test_a_new_article_is_weighed_with_the_statistics_of_every_text(tmp_path: Path) -> None:
    """The vectors of the few texts an update scores get the idf they get among all texts."""
    db_path = tmp_path / "minutes.db"
    ingest(corpus(RAW, MEETING_REPORT), db_path, workers=1)
    db = sqlite_utils.Database(db_path)
    loaded = load_everything(db)
    _, everything = score_all(loaded, LinkSettings())
    kept = dict(db.execute("select stem, texts from word_frequencies").fetchall())
    texts = db.execute("select rows from search_state where name = 'word_frequencies'").fetchone()[0]
    assert texts == len(loaded.articles) + len(loaded.item_texts)
    holding = {stem: 0 for stem in everything.stems}
    for column in everything.all_columns.tolist():
        holding[everything.stems[column]] += 1
    assert {stem: kept[stem] for stem in holding} == holding


# -- duplicates -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("order", ["items first", "minutes first", "interleaved"])
def test_duplicates_found_by_date_are_those_of_the_full_scan(tmp_path: Path, order: str) -> None:
    items = corpus(ITEMS)
    paths = {
        "items first": [*items, HEALTH, SEED_004, RENDERED],
        "minutes first": [HEALTH, RENDERED, SEED_004, *items],
        "interleaved": [items[0], RENDERED, HEALTH, *items[1:4], SEED_004, *items[4:]],
    }[order]
    db = one_at_a_time(paths, tmp_path / "minutes.db")
    query = "select id, duplicate_of from {} order by id"
    incremental = {table: db.execute(query.format(table)).fetchall() for table in ("meetings", "agenda_items")}
    assert sum(1 for _, duplicate in incremental["meetings"] if duplicate) == len(items) + 1
    from referat.pipeline.duplicates import link_duplicate_meetings

    link_duplicate_meetings(db)
    assert {table: db.execute(query.format(table)).fetchall() for table in incremental} == incremental


# -- full-text indexes ----------------------------------------------------------------------------------------------


def search_all(db: sqlite_utils.Database) -> dict[str, list[int]]:
    queries = {
        "agenda_items_fts": "vækstpolitik",
        "articles_fts": "balerup",
        "decisions_fts": "godkend",
        "entities_fts": "kommune",
    }
    return {
        index: [
            row[0] for row in db.execute(f"select rowid from [{index}] where [{index}] match ? order by rowid", [words])
        ]
        for index, words in queries.items()
    }


def test_indexes_follow_added_replaced_and_removed_documents_as_a_rebuild_finds(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for path in [SEED_000, MEETING_REPORT, HEALTH]:
        shutil.copy(path, folder / path.name)
    db_path = tmp_path / "minutes.db"
    ingest([folder], db_path, workers=1)
    shutil.copy(SEED_004, folder / SEED_004.name)  # added
    report = folder / MEETING_REPORT.name  # replaced
    report.write_text(report.read_text(encoding="utf-8").replace("Ballerup", "Balerup"), encoding="utf-8")
    (folder / SEED_000.name).write_text("", encoding="utf-8")  # emptied: its old document is removed
    ingest([folder], db_path, workers=1)
    db = sqlite_utils.Database(db_path)
    found = search_all(db)
    assert all(found.values())
    for index in found:
        db.execute(f"INSERT INTO [{index}]([{index}]) VALUES ('integrity-check')")
    scratch = tmp_path / "scratch.db"
    db.conn.execute("VACUUM INTO ?", [str(scratch)])
    rebuilt = sqlite_utils.Database(scratch)
    for index in found:
        rebuilt.execute(f"INSERT INTO [{index}]([{index}]) VALUES ('rebuild')")
    assert search_all(rebuilt) == found


def test_a_database_without_triggers_gets_them_and_one_rebuild(tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    ingest([SEED_004], db_path, workers=1)
    conn = sqlite3.connect(db_path)
    for (name,) in conn.execute("select name from sqlite_master where type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER [{name}]")
    conn.commit()
    conn.close()
    ingest([MEETING_REPORT], db_path, workers=1)  # its rows are saved while there are no triggers
    db = sqlite_utils.Database(db_path)
    assert db.execute("select count(*) from articles_fts where articles_fts match 'erhvervspolitik'").fetchone()[0] == 1
    triggers = db.execute("select count(*) from sqlite_master where type = 'trigger' and name like '%_fts_%'")
    assert triggers.fetchone()[0] == 12


# -- convergence ----------------------------------------------------------------------------------------------------


def test_an_update_killed_before_it_commits_is_finished_by_the_next_ingest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = tmp_path / "minutes.db"
    ingest([SEED_004, *OTHER_NEWS], db_path, workers=1)

    def killed(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(derived, "update_links", killed)
    with pytest.raises(KeyboardInterrupt):
        ingest([MEETING_REPORT], db_path, workers=1)
    monkeypatch.undo()
    db = sqlite_utils.Database(db_path)
    report = document_of(db, MEETING_REPORT)
    assert db.execute("select document_id from pending_derived").fetchall() == [(report,)]
    assert links_of(db, article=report) == []
    ingest([MEETING_REPORT], db_path, workers=1)  # nothing new to read: the pending update is finished
    assert db.execute("select count(*) from pending_derived").fetchone()[0] == 0
    assert links_of(db, article=report) == recomputed(db, article=report) != []


def test_link_evidence_rows_of_an_article(tmp_path: Path) -> None:
    db_path = tmp_path / "minutes.db"
    ingest([MEETING_REPORT], db_path, workers=1)
    db = sqlite_utils.Database(db_path)
    article = link_evidence.read_article(db, document_of(db, MEETING_REPORT))
    assert article is not None
    kinds = {row[1] for row in link_evidence.article_rows(article)}
    assert {"article person", "article committee", "article date"} <= kinds
    assert ("beskæftigelse erhverv uddannelse", "article committee") in {
        row[:2] for row in link_evidence.article_rows(article)
    }


def test_relink_command_rescores_every_pair_as_a_fresh_build_does(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from referat.pipeline.cli import cli

    paths = [SEED_004, *OTHER_NEWS, SEED_000]
    fresh = sqlite_utils.Database(tmp_path / "fresh.db")
    ingest(paths, tmp_path / "fresh.db", workers=1)
    expected = sorted(fresh.execute("select article_id, meeting_id, item_id, score, reason from links").fetchall())
    assert expected, "the seed article is about the seed meeting: a fresh build links them"
    db = one_at_a_time(paths, tmp_path / "step.db")
    db.execute("update links set score = 0, reason = 'stale'")
    db.conn.commit()
    result = CliRunner().invoke(cli, ["relink", "--db", str(tmp_path / "step.db")])
    assert result.exit_code == 0, result.output
    assert f"{len(expected)} link(s)" in result.output
    relinked = sqlite_utils.Database(tmp_path / "step.db")
    assert (
        sorted(relinked.execute("select article_id, meeting_id, item_id, score, reason from links").fetchall())
        == expected
    )
