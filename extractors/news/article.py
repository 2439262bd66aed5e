"""A news article as a reader sees it: title, byline and dateline, body, without the web page around it.

Text articles (a page saved as text, a scraper's export) and the text trafilatura takes out of an HTML page
(`extractors.news.web`) go through the same cleaning, line by line:

1. web boilerplate is dropped with the vocabulary in `data/news_boilerplate.csv`: "Spring til indhold",
   cookie banners, browser warnings, share bars, "Læs også" with the headline links under it; comments and
   share bars after the body end the article; runs of three or more one-to-three-word lines (menus) go too;
2. the title is the first line when it looks like a headline (short, not a sentence ending in a full stop);
3. a byline ("Af Ulrich Wolf", forms in `data/news_bylines.csv`) and a dateline ("Publiceret 27. september
   2021", see `extractors.news.dates`) among the first lines give the author and the published date;
4. what is left is the body.

`CleanedArticle.text` is what `documents.text` holds for news (title, byline and dateline lines, body, one
paragraph per block), so entity and figure offsets point into what a reader sees; `Article.body` is the body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extractors.news.dates import Dateline, parse_dateline, split_prefix
from extractors.news.vocabulary import boilerplate_action, byline_patterns, matches_line
from models.records import Article

# Bylines and datelines stand among the first lines of an article.
HEADER_LINES = 8
# A headline: at most this many words and characters, and not a sentence ending in a full stop.
TITLE_MAX_WORDS = 20
TITLE_MAX_CHARS = 200
# Lines under "Læs også" are headline links while they are short and do not end a sentence.
LINK_MAX_WORDS = 16
LINK_LIST_MAX = 10
# A menu is a run of at least this many very short lines.
MENU_RUN = 3
MENU_MAX_WORDS = 3
# "Kommentarer" or a share bar ends the article only after this much body text (at the top it is a menu).
BODY_BEFORE_END = 200

_NAME_WORD = r"(?:[A-ZÆØÅ][a-zæøåäöüéèáàíóú'’-]+|[A-ZÆØÅ]\.)"
_CAPS_WORD = r"[A-ZÆØÅ][A-ZÆØÅÄÖÜÉ'’-]+"
_NAME = rf"(?:{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|von|van|de|af|la|le)){{0,2}}[ \t]+{_NAME_WORD}" \
        rf"|{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{1,3}})"
_NAMES = re.compile(rf"(?P<names>{_NAME}(?:[ \t]*(?:,|og|&|and)[ \t]*{_NAME})*)")
_AFTER_NAMES = re.compile(r"^[\s,·|•–—-]*")
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_SENTENCE_END = re.compile(r"[.!?…:]['\"”’»)]*$")


@dataclass(frozen=True)
class Byline:
    """Who wrote the article, as printed ("Ulrich Wolf"), and the dateline printed on the same line, if any."""

    author: str
    dateline: Dateline | None = None


@dataclass(frozen=True)
class CleanedArticle:
    """An article as a reader sees it: `text` (title, byline and dateline, body) and its metadata."""

    text: str
    article: Article


def parse_byline(line: str) -> Byline | None:
    """The author of a byline ("Af Ulrich Wolf", "Tekst: Mette Sørensen, journalist", "AF ULRICH WOLF",
    "Af Mette Sørensen · 27. september 2021"), or None for a line that is not one."""
    line = " ".join(line.split())
    if len(line) > 120:
        return None
    for row in byline_patterns():
        match = matches_line(row, line)
        if match is None:
            continue
        names = _NAMES.match(match["author"])
        if names is None:
            continue
        rest = _EMAIL.sub(" ", match["author"][names.end():])
        rest = _AFTER_NAMES.sub("", rest, count=1).strip()
        dateline = parse_dateline(rest) if rest else None
        if rest and dateline is None and (len(rest.split()) > 4 or any(c.isdigit() for c in rest)):
            continue
        author = names["names"].strip()
        if author.isupper():
            author = author.title()
        return Byline(author, dateline)
    return None


def looks_like_title(line: str) -> bool:
    """A headline: a few words that do not end a sentence with a full stop, colon or comma."""
    words = line.split()
    return (
        2 <= len(words) <= TITLE_MAX_WORDS and len(line) <= TITLE_MAX_CHARS
        and not line.rstrip("”\"'’»").endswith((".", ",", ";", ":"))
        and not line.startswith(("-", "–", "—", "•", "“", "\"", "»"))
        and any(character.isalpha() for character in line)
    )


def _is_link(line: str) -> bool:
    return len(line.split()) <= LINK_MAX_WORDS and not _SENTENCE_END.search(line)


def _is_menu_entry(line: str) -> bool:
    return (len(line.split()) <= MENU_MAX_WORDS and not _SENTENCE_END.search(line)
            and not any(character.isdigit() for character in line) and parse_byline(line) is None)


def remove_boilerplate(lines: Sequence[str]) -> list[str]:
    """The lines of an article without web boilerplate (see the module docstring)."""
    kept: list[str] = []
    body_chars = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        action = boilerplate_action(line)
        if action == "line":
            continue
        if action == "rest":
            if body_chars >= BODY_BEFORE_END:
                break
            continue
        if action == "list":
            listed = 0
            while index < len(lines) and listed < LINK_LIST_MAX and _is_link(lines[index]):
                index += 1
                listed += 1
            continue
        kept.append(line)
        if not _is_menu_entry(line):
            body_chars += len(line)
    return _without_menus(kept)


def _without_menus(lines: list[str]) -> list[str]:
    kept: list[str] = []
    run: list[str] = []
    for line in [*lines, ""]:
        if line and _is_menu_entry(line):
            run.append(line)
            continue
        if len(run) < MENU_RUN:
            kept += run
        run = []
        if line:
            kept.append(line)
    return kept


def split_lines(text: str) -> list[str]:
    """Non-blank lines with runs of white space collapsed: a paragraph per line, as pages saved as text have."""
    return [" ".join(line.split()) for line in text.replace("\f", "\n").split("\n") if line.strip()]


def assemble(
    lines: Sequence[str],
    *,
    title: str | None = None,
    author: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    header: Sequence[str] = (),
) -> CleanedArticle:
    """An article from its lines: boilerplate dropped, title, byline and dateline found, the rest is the body.

    `title`, `author` and `published` come from page metadata when there is some and win over what the lines
    say; `header` are byline or dateline lines printed on the page outside the lines given.
    """
    lines = remove_boilerplate(lines)
    if title is not None:
        title = " ".join(title.split()) or None
    kicker: list[str] = []
    if len(lines) > 2 and _is_kicker(lines[0]) and looks_like_title(lines[1]) and (
            title is None or lines[1].casefold() == title.casefold()):
        kicker, lines = lines[:1], lines[1:]
    if title is not None and lines and lines[0].casefold() == title.casefold():
        lines = lines[1:]
    elif title is None and len(lines) > 1 and looks_like_title(lines[0]) and not _header_line(lines[0]):
        title, lines = lines[0], lines[1:]
    header = [line for line in header if line not in lines[:HEADER_LINES]]
    found_author: str | None = None
    found_published: str | None = None
    header_lines: set[int] = set()
    for position, line in enumerate([*header, *lines[:HEADER_LINES]]):
        byline = parse_byline(line)
        dateline = byline.dateline if byline else parse_dateline(line)
        if byline is None and dateline is None:
            continue
        header_lines.add(position)
        found_author = found_author or (byline.author if byline else None)
        found_published = found_published or (dateline.published if dateline else None)
    shown_header = list(header)
    if not header and author and found_author is None:
        shown_header.append(f"Af {author}")
    if not header and published and found_published is None:
        shown_header.append(f"Publiceret {published}")
    body = [line for position, line in enumerate(lines, start=len(header)) if position not in header_lines]
    text = "\n\n".join(kicker + ([title] if title else []) + shown_header + list(lines))
    # A printed byline names the author as the page shows it; metadata often holds a CMS user or the outlet.
    return CleanedArticle(text, Article(
        title=title, published=published or found_published, author=found_author or author, outlet=outlet,
        body="\n\n".join(body),
    ))


def _is_kicker(line: str) -> bool:
    """A section label above the headline ("Lokalt", "Erhverv"): one or two words, no sentence."""
    return len(line.split()) <= 2 and not _SENTENCE_END.search(line) and not _header_line(line)


def _header_line(line: str) -> bool:
    return parse_byline(line) is not None or parse_dateline(line) is not None


def read_text_article(text: str, *, outlet: str | None = None) -> CleanedArticle:
    """A text article: an optional scraper prefix (" date 2017-09"), then the article's lines."""
    prefixed, text = split_prefix(text)
    cleaned = assemble(split_lines(text), outlet=outlet)
    if cleaned.article.published is None and prefixed:
        return CleanedArticle(cleaned.text, Article(
            cleaned.article.title, prefixed, cleaned.article.author, outlet, cleaned.article.body))
    return cleaned
