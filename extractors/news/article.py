"""A news article as a reader sees it: title, byline and dateline, body, without the web page around it.

Text articles (a page saved as text, a scraper's export) and the text trafilatura takes out of an HTML page
(`extractors.news.web`) go through the same cleaning, line by line:

1. web boilerplate is dropped with the vocabulary in `data/news_boilerplate.csv`: "Spring til indhold",
   cookie banners and consent placeholders, browser warnings, share bars, read-aloud buttons, paywall prompts,
   "Artiklen fortsætter efter annoncen", leaked icon names and PHP warnings, "Læs også" with the headline
   links under it; comments, keywords and news rails after the body end the article; runs of three or more
   one-to-three-word lines (menus) go too; a page that prints the next article under the first (each opening
   with its picture's credit, "Foto: ..." above the headline) ends where the next one opens;
2. the headline is the first line that reads as one (short, not a sentence ending in a full stop, or a short
   line of at most `STOPPED_TITLE_WORDS` words with a stray full stop above a longer lead), after an opening of
   section labels ("Erhverv"), the site's name, picture credits and a dateline; section labels and the site's
   name above it, a label just under it ("Kommuner byråd") and repeats of it are furniture and go;
3. a byline ("Af Ulrich Wolf", forms in `data/news_bylines.csv`) and a dateline ("Publiceret 27. september
   2021", see `extractors.news.dates`) before the third paragraph give the author and the published date;
   else a signature as the article's last line (initials "RMP", "/ritzau/", "Skrevet af ...") and a labelled
   dateline among its last lines ("Publiceret 5. maj 2021"). Dates and names further down are the story's or a
   rail's, not the article's;
4. what is left is the body.

`CleanedArticle.text` is what `documents.text` holds for news (title, byline and dateline lines, body, one
paragraph per block), so entity and figure offsets point into what a reader sees; `Article.body` is the body.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from referat.extractors.news.dates import Dateline, parse_dateline, split_prefix
from referat.extractors.news.vocabulary import (
    BylinePlace,
    boilerplate_action,
    byline_patterns,
    folded_name,
    matches_line,
    outlet_names,
)
from referat.extractors.weighted_patterns import WeightedPattern
from referat.models.records import Article

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
# Labels, credits, the site's name and a dateline above the headline: at most this many lines.
OPENING_LINES = 4
# A section label: one or two words that do not make a sentence.
LABEL_MAX_WORDS = 2
# A headline printed with a full stop ("Fem skoler indstillet til lukning."): this short, above a longer lead.
STOPPED_TITLE_WORDS = 7
# Bylines and datelines stand before the article's third paragraph (a line of this many words or more).
PARAGRAPH_WORDS = 12
HEADER_PARAGRAPHS = 3
# A signature or a labelled dateline at the end stands among the article's last lines.
TAIL_LINES = 2

_NAME_WORD = r"(?:[A-ZÆØÅ][a-zæøåäöüéèáàíóú'’-]+|[A-ZÆØÅ]\.)"
_CAPS_WORD = r"[A-ZÆØÅ][A-ZÆØÅÄÖÜÉ'’-]+"
_NAME = (
    rf"(?:{_NAME_WORD}(?:[ \t]+(?:{_NAME_WORD}|von|van|de|af|la|le)){{0,2}}[ \t]+{_NAME_WORD}"
    rf"|{_CAPS_WORD}(?:[ \t]+{_CAPS_WORD}){{1,3}})"
)
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
    "Af Mette Sørensen · 27. september 2021", "Udgivet 5. maj 2021 af Hans Holm"), or None for a line that is
    not one."""
    line = " ".join(line.split())
    if len(line) > 120:
        return None
    for row in _rows("any"):
        match = matches_line(row, line)
        if match is None:
            continue
        names = _NAMES.match(match["author"])
        if names is None:
            continue
        stated = parse_dateline(match["date"]) if "date" in row.pattern.groupindex else None
        if "date" in row.pattern.groupindex and stated is None:
            continue
        rest = _EMAIL.sub(" ", match["author"][names.end() :])
        rest = _AFTER_NAMES.sub("", rest, count=1).strip()
        dateline = parse_dateline(rest) if rest else None
        if rest and dateline is None and (len(rest.split()) > 4 or any(c.isdigit() for c in rest)):
            continue
        author = names["names"].strip()
        if author.isupper():
            author = author.title()
        return Byline(author, stated or dateline)
    return None


def _rows(place: BylinePlace) -> list[WeightedPattern]:
    return [row for row in byline_patterns() if row.key == place]


def parse_signature(line: str) -> Byline | None:
    """A byline as an article's last line: a byline form ("Skrevet af Mette Sørensen"), or a signature that is
    one only there: initials ("RMP", "/RMP") or an agency ("/ritzau/", "(ritzau)"), as printed."""
    byline = parse_byline(line)
    if byline is not None:
        return byline
    line = " ".join(line.split())
    for row in _rows("end"):
        match = matches_line(row, line)
        if match is not None:
            return Byline(match["signature"])
    return None


def is_credit(line: str) -> bool:
    """A picture's credit ("Foto: Henning Bagger/Ritzau Scanpix", "Grafik: ..."): not a byline, not a headline."""
    line = " ".join(line.split())
    return any(matches_line(row, line) for row in _rows("credit"))


def looks_like_title(line: str) -> bool:
    """A headline: a few words that do not end a sentence with a full stop, colon or comma."""
    words = line.split()
    return (
        2 <= len(words) <= TITLE_MAX_WORDS
        and len(line) <= TITLE_MAX_CHARS
        and not line.rstrip("”\"'’»").endswith((".", ",", ";", ":"))
        and not line.startswith(("-", "–", "—", "•", "“", '"', "»"))
        and any(character.isalpha() for character in line)
    )


def _is_link(line: str) -> bool:
    return len(line.split()) <= LINK_MAX_WORDS and not _SENTENCE_END.search(line)


def _opens_article(lines: Sequence[str], index: int) -> bool:
    """A headline with its byline under it: where a rail above the article ends ("Mest læste" with its links,
    then the article's headline and "Af Name"). A rail's own entry may read as a byline ("Af Hans Holm: Borgmester
    går af"): that is a link, not a headline."""
    following = [line for line in lines[index : index + 3] if line.strip()][:2]
    return len(following) == 2 and parse_byline(following[0]) is None and parse_byline(following[1]) is not None


def _is_menu_entry(line: str) -> bool:
    return (
        len(line.split()) <= MENU_MAX_WORDS
        and not _SENTENCE_END.search(line)
        and not any(character.isdigit() for character in line)
        and parse_byline(line) is None
    )


def remove_boilerplate(lines: Sequence[str]) -> list[str]:
    """The lines of an article without web boilerplate (see the module docstring)."""
    kept: list[str | None] = []  # None: a dropped line, which still counts in a menu's run
    body_chars = 0
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        action = boilerplate_action(line)
        if action == "line":
            if _is_menu_entry(line):
                kept.append(None)
            continue
        if action == "rest":  # above the body it is a menu's entry: only the line goes
            if body_chars >= BODY_BEFORE_END:
                break
            continue
        if action == "list":
            listed = 0
            while (
                index < len(lines)
                and listed < LINK_LIST_MAX
                and _is_link(lines[index])
                and not (body_chars < BODY_BEFORE_END and _opens_article(lines, index))
            ):
                index += 1
                listed += 1
            continue
        kept.append(line)
        if not _is_menu_entry(line):
            body_chars += len(line)
    return _first_article(_without_menus(kept))


def _first_article(lines: list[str]) -> list[str]:
    """The first article of a page that prints several one after another, each opening with its picture's credit
    above its headline (TV 2 regions' pages): the article ends where a credit and a headline open the next."""
    if not any(is_credit(line) for line in lines[:OPENING_LINES]):
        return lines
    body_chars = 0
    for position, line in enumerate(lines):
        if (
            position >= OPENING_LINES
            and body_chars >= BODY_BEFORE_END
            and is_credit(line)
            and position + 2 < len(lines)
            and looks_like_title(lines[position + 1])
            and len(lines[position + 2]) > len(lines[position + 1])
        ):
            return lines[:position]
        body_chars += len(line)
    return lines


def _without_menus(lines: list[str | None]) -> list[str]:
    """Runs of `MENU_RUN` or more menu entries go, but for a headline of a few words right under the menu:
    the run's last line when it has two or more words and a byline or dateline follows it."""
    kept: list[str] = []
    run: list[str | None] = []
    for line in [*lines, ""]:
        if line is None or (line and _is_menu_entry(line)):
            run.append(line)
            continue
        if len(run) < MENU_RUN:
            kept += [entry for entry in run if entry is not None]
        elif (last := run[-1]) is not None and len(last.split()) > 1 and line and _header_line(line):
            kept.append(last)
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
    say; `header` are byline or dateline lines printed on the page outside the lines given; `outlet` is the
    site's name (or host), a line that is only that is not the headline.
    """
    lines = remove_boilerplate(lines)
    if title is not None:
        title = " ".join(title.split()) or None
    opening: list[str] = []
    headline = _headline_position(lines, title, outlet)
    if headline is not None:
        printed = lines[headline]
        title = title or _headline_text(printed)
        # Labels and the site's name above the headline are furniture; a credit or a dateline there is printed.
        opening = [line for line in lines[:headline] if is_credit(line) or parse_dateline(line) is not None]
        lines = _after_headline(lines[headline + 1 :], printed, title)
    header = [line for line in header if line not in lines[:HEADER_LINES]]
    top = [*header, *opening]
    header_lines, found_author, found_published = _printed_header(top, lines)
    end_author, end_published = _signed_at_end(
        lines,
        len(top),
        header_lines,
        want_author=found_author is None and author is None,
        want_date=found_published is None and published is None,
    )
    found_author, found_published = found_author or end_author, found_published or end_published
    shown_header = list(header)
    if not header and author and found_author is None:
        shown_header.append(f"Af {author}")
    if not header and published and found_published is None:
        shown_header.append(f"Publiceret {published}")
    body = [line for position, line in enumerate(lines, start=len(top)) if position not in header_lines]
    text = "\n\n".join(opening + ([title] if title else []) + shown_header + list(lines))
    # A printed byline names the author as the page shows it; metadata often holds a CMS user or the outlet.
    return CleanedArticle(
        text,
        Article(
            title=title,
            published=published or found_published,
            author=found_author or author,
            outlet=outlet,
            body="\n\n".join(body),
        ),
    )


def _printed_header(top: list[str], lines: Sequence[str]) -> tuple[set[int], str | None, str | None]:
    """The byline and dateline lines near the article's top (positions in `top` + `lines`), and the first author
    and date they print."""
    found_author: str | None = None
    found_published: str | None = None
    header_lines: set[int] = set()
    for position, line in _header_candidates(top, lines):
        byline = parse_byline(line)
        dateline = byline.dateline if byline else parse_dateline(line)
        if byline is None and dateline is None:
            continue
        header_lines.add(position)
        found_author = found_author or (byline.author if byline else None)
        found_published = found_published or (dateline.published if dateline else None)
    return header_lines, found_author, found_published


def _signed_at_end(
    lines: Sequence[str], first: int, header_lines: set[int], *, want_author: bool, want_date: bool
) -> tuple[str | None, str | None]:
    """An author's signature on the last line and a labelled date among the last lines ("Publiceret ..."), where
    wanted; the lines they stand on are added to `header_lines` (positions counted from `first`)."""
    tail = [
        position
        for position in range(first + len(lines) - 1, first - 1, -1)
        if position not in header_lines and not is_credit(lines[position - first])
    ][:TAIL_LINES]
    found_author: str | None = None
    found_published: str | None = None
    if want_author and tail:
        signature = parse_signature(lines[tail[0] - first])
        if signature is not None:
            found_author = signature.author
            header_lines.add(tail[0])
    if want_date:
        for position in tail:
            dateline = parse_dateline(lines[position - first])
            if dateline is not None and dateline.labelled and dateline.published:
                found_published = dateline.published
                header_lines.add(position)
                break
    return found_author, found_published


def _headline_position(lines: Sequence[str], title: str | None, outlet: str | None) -> int | None:
    """Where the headline stands: the metadata's title, else the first line that reads as a headline, after
    an opening of section labels, the site's name, picture credits and a dateline; None when the article opens
    with anything else (a lead, a caption: the text does not print its headline)."""
    for position, line in enumerate(lines[: OPENING_LINES + 1]):
        if title is not None and line.casefold() == title.casefold():
            return position
        if title is None and position + 1 < len(lines) and _reads_as_headline(line, lines[position + 1], outlet):
            return position
        if not (is_credit(line) or parse_dateline(line) is not None or _is_label(line) or _is_site_name(line, outlet)):
            return None
    return None


def _reads_as_headline(line: str, following: str, outlet: str | None) -> bool:
    if (
        _header_line(line)
        or is_credit(line)
        or _is_site_name(line, outlet)
        or (_is_label(line) and looks_like_title(following))
    ):
        return False
    return looks_like_title(line) or _stopped_title(line, following)


def _stopped_title(line: str, following: str) -> bool:
    """A short headline printed with a full stop, above a longer lead ("Fem skoler indstillet til lukning.")."""
    words = line.split()
    return (
        2 <= len(words) <= STOPPED_TITLE_WORDS
        and line.endswith(".")
        and not line.endswith("..")
        and ". " not in line
        and looks_like_title(line[:-1])
        and len(following) > 2 * len(line)
    )


def _headline_text(line: str) -> str:
    return line[:-1] if line.endswith(".") and not line.endswith("..") else line


def _after_headline(lines: Sequence[str], printed: str, title: str) -> list[str]:
    """The lines under the headline without repeats of it and without a label just under it ("Kommuner
    byråd": the article's sections or tags)."""
    same = {printed.casefold(), title.casefold()}
    rest = list(lines)
    while rest and rest[0].casefold() in same:
        rest = rest[1:]
    if len(rest) > 1 and _is_label(rest[0]):
        rest = rest[1:]
    return rest


def _header_candidates(top: Sequence[str], lines: Sequence[str]) -> list[tuple[int, str]]:
    """Lines that may be a byline or a dateline: those printed above the headline, and the first
    `HEADER_LINES` under it before the `HEADER_PARAGRAPHS`th paragraph (past it, dates and names are the
    story's or a rail's)."""
    candidates = list(enumerate(top))
    paragraphs = 0
    for position, line in enumerate(lines[:HEADER_LINES], start=len(top)):
        if len(line.split()) >= PARAGRAPH_WORDS:
            paragraphs += 1
            if paragraphs >= HEADER_PARAGRAPHS:
                break
        candidates.append((position, line))
    return candidates


def _is_label(line: str) -> bool:
    """A section label or tags ("Lokalt", "Erhverv", "Kommuner byråd"): one or two words, no sentence."""
    return (
        len(line.split()) <= LABEL_MAX_WORDS
        and not _SENTENCE_END.search(line)
        and not _header_line(line)
        and not is_credit(line)
    )


def _is_site_name(line: str, outlet: str | None) -> bool:
    """A news site's name printed as a line ("TV 2 Kosmopol", `data/news_outlets.csv`), or the page's own outlet
    ("TV SYD" on tvsyd.dk)."""
    folded = folded_name(line)
    if not folded or len(line) > 60:
        return False
    if folded in outlet_names():
        return True
    if not outlet:
        return False
    site = outlet.casefold().removeprefix("www.")
    if "." in site and " " not in site:  # a host: its name before the top-level domain
        site = site.rsplit(".", 1)[0]
    return folded == folded_name(site)


def _header_line(line: str) -> bool:
    return parse_byline(line) is not None or parse_dateline(line) is not None


def read_text_article(text: str, *, outlet: str | None = None) -> CleanedArticle:
    """A text article: an optional scraper prefix (" date 2017-09"), then the article's lines."""
    prefixed, text = split_prefix(text)
    cleaned = assemble(split_lines(text), outlet=outlet)
    if cleaned.article.published is None and prefixed:
        return CleanedArticle(
            cleaned.text, Article(cleaned.article.title, prefixed, cleaned.article.author, outlet, cleaned.article.body)
        )
    return cleaned
