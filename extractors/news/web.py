"""News pages saved as HTML: the article text and metadata by trafilatura, then the same cleaning as text.

trafilatura (a maintained, benchmarked boilerplate remover) finds the article's main text and reads the
page's metadata: title (og:title, <h1>), author (meta author, bylines), publication date (article:published_time,
JSON-LD, <time>; by htmldate, looking at the markup only, not guessing from dates in the text) and site name
(og:site_name). The lead paragraph, which sites often print outside the article body that trafilatura keeps, is
taken from the page description when the page shows it. Byline and dateline lines printed on the page are
kept as printed; a page with no article trafilatura can find is read from its visible text instead.

A page declares what it is in its metadata: `page_markup` lists those facts (og:type, article:published_time,
JSON-LD @type, <article> and <time> elements) one a line for the kind decision (`extractors.kinds`, which
weighs them with the text's shape).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from referat.extractors.html import deeper_than_default, html_source, without_inline_markup
from referat.extractors.news.article import CleanedArticle, assemble, parse_byline, read_text_article, split_lines
from referat.extractors.news.dates import iso_from_metadata, parse_dateline

# Metadata lives in the <head> or in JSON-LD near the top; pages are not searched further.
HEAD_BYTES = 200_000
_PUBLISHED_TIME = re.compile(rb"""["']article:published_time["']""", re.I)
_OG_TYPE = re.compile(
    rb"""<meta\b[^>]*?(?:property\s*=\s*["']og:type["'][^>]*?content\s*=\s*["']([^"']*)["']"""
    rb"""|content\s*=\s*["']([^"']*)["'][^>]*?property\s*=\s*["']og:type["'])""",
    re.I,
)
_JSON_LD_TYPE = re.compile(rb""""@type"\s*:\s*(\[[^\]]{0,300}\]|"[^"]{1,60}")""")
_TYPE_NAME = re.compile(rb'"([A-Za-z]{1,60})"')
_ARTICLE_ELEMENT = re.compile(rb"<article[\s>]", re.I)
_TIME_ELEMENT = re.compile(rb"<time\b[^>]*\bdatetime\s*=", re.I)
# <article> and <time> stand in the body, after the head and its scripts; a page is not searched beyond this.
BODY_BYTES = 1_000_000
# How far before the article's first body line a printed byline or dateline may stand.
HEADER_WINDOW = 8
# trafilatura's cost grows faster than the page (docs/performance.md). News pages are
# far smaller (a few thousand elements); above these limits trafilatura skips its second opinion (readability
# and jusText compared with its own result), and a page with more elements than any article page has is read
# from its visible text instead, so a huge or odd file cannot stall a batch. trafilatura's parser reads 256 levels
# of nesting (libxml2 without `huge_tree`) and drops the rest without a word: a deeper page is given to it without
# its inline markup (the unclosed <font> tags of old pages), and read from its visible text if still too deep.
FAST_ABOVE_BYTES = 1_000_000
MAX_TAGS = 60_000  # opening and closing tags: about 30,000 elements


def page_markup(data: bytes) -> str:
    """What a saved page's markup says it is, one fact a line: "og:type article", "meta
    article:published_time", "schema NewsArticle" (each JSON-LD @type), "element article", "element time"."""
    head, body = data[:HEAD_BYTES], data[:BODY_BYTES]
    facts: list[str] = []
    og_type = _OG_TYPE.search(head)
    if og_type is not None:
        value = og_type.group(1) or og_type.group(2) or b""
        facts.append("og:type " + value.decode("ascii", "replace").strip().lower())
    if _PUBLISHED_TIME.search(head):
        facts.append("meta article:published_time")
    for declared in _JSON_LD_TYPE.finditer(body):
        facts.extend("schema " + name.decode("ascii") for name in _TYPE_NAME.findall(declared.group(1)))
    if _ARTICLE_ELEMENT.search(body):
        facts.append("element article")
    if _TIME_ELEMENT.search(body):
        facts.append("element time")
    return "\n".join(dict.fromkeys(facts))


def outlet_of(site_name: str | None, url: str | None) -> str | None:
    """The outlet: the site's name, else the host of its address without "www."."""
    if site_name:
        return " ".join(site_name.split())
    host = urlparse(url).hostname if url else None
    return host.removeprefix("www.") if host else None


def _printed_header(visible: list[str], title: str | None, first_body_line: str | None) -> list[str]:
    """Byline and dateline lines printed between the title and the article's first body line."""
    if first_body_line is None or first_body_line not in visible:
        return []
    end = visible.index(first_body_line)
    start = max(0, end - HEADER_WINDOW)
    if title is not None and title in visible[start:end]:
        start = visible.index(title, start, end) + 1
    return [line for line in visible[start:end] if parse_byline(line) is not None or parse_dateline(line) is not None]


@dataclass(frozen=True)
class PageArticle:
    """What trafilatura found on a page: the main text and the metadata referat uses."""

    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site_name: str | None = None
    hostname: str | None = None
    description: str | None = None

    @classmethod
    def from_dict(cls, found: dict[str, Any]) -> PageArticle:
        def value(key: str) -> str | None:
            text = found.get(key)
            return " ".join(text.split()) or None if isinstance(text, str) else None

        return cls(
            text=found.get("text") or "",
            title=value("title"),
            author=value("author"),
            date=value("date"),
            site_name=value("sitename"),
            hostname=value("hostname"),
            description=value("description"),
        )


def extract_page_article(data: bytes, url: str | None = None) -> PageArticle | None:
    """trafilatura's reading of a page, or None when it finds no article text."""
    import trafilatura  # imported here: only news pages need it

    if data.count(b"<") > MAX_TAGS:
        return None
    source = html_source(data)
    if deeper_than_default(source):
        source = without_inline_markup(source)
        if deeper_than_default(source):
            return None
    found = trafilatura.bare_extraction(
        source,
        url=url,
        fast=len(data) > FAST_ABOVE_BYTES,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if found is None:
        return None
    page = PageArticle.from_dict(found if isinstance(found, dict) else found.as_dict())
    return page if page.text.strip() else None


def read_html_article(data: bytes, visible_text: str, *, url: str | None = None) -> CleanedArticle:
    """The article of a saved news page. `visible_text` is the page's readable text (`extractors.html`), used for
    what trafilatura leaves out (the lead, printed bylines) and when it finds no article at all."""
    page = extract_page_article(data, url)
    if page is None:
        return read_text_article(visible_text, outlet=outlet_of(None, url))
    visible = split_lines(visible_text)
    lines = split_lines(page.text)
    header = _printed_header(visible, page.title, lines[0] if lines else None)
    if page.description and page.description in visible and not any(page.description in line for line in lines):
        lines.insert(0, page.description)
    return assemble(
        lines,
        title=page.title,
        author=" og ".join(name.strip() for name in page.author.split(";")) if page.author else None,
        published=iso_from_metadata(page.date),
        outlet=outlet_of(page.site_name or page.hostname, url),
        header=header,
    )
