"""Web pages to readable text: scripts, styles, navigation, cookie banners and forms dropped, blocks on lines.

This is the general reader for minutes published as web pages. News pages get a dedicated article extractor
(boilerplate removal) in the news stage; both hand on an `ExtractedText` with a single page.

Pages of any depth are read whole. libxml2 stops reading a page silently where its elements nest deeper than 256
levels (old Word pages leave their <font> tags unclosed, one more level per paragraph); with `huge_tree` it reads
2,048 levels, and a page deeper than that is read again without its inline markup (<font>, <span>, <b>, ...),
which carries no text of its own, and if still too deep, with its blocks as mere line breaks. The tree is walked
without recursion, and the characters that lxml's tree refuses (control characters, U+FFFE) are removed from the
markup before it is parsed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from referat.extractors.base import ExtractedText, clean_extracted, xml_safe
from referat.extractors.errors import NoReadableTextError, TooMuchTextError
from referat.extractors.limits import DEFAULT_LIMITS, ExtractionLimits

_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "select",
    "textarea",
    "head",
    "object",
    "embed",
    "canvas",
    "dialog",
    "menu",
)
_BLOCK_TAGS = frozenset(
    (
        "p",
        "div",
        "section",
        "article",
        "main",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tr",
        "blockquote",
        "pre",
        "address",
        "figure",
        "figcaption",
        "hr",
        "br",
        "caption",
        "details",
        "summary",
        "fieldset",
        "legend",
        "tbody",
        "thead",
        "tfoot",
    )
)
_CELL_TAGS = frozenset(("td", "th"))
# The elements the reader needs to see; any other tag is inline markup, removed when a page nests too deep.
_DOCUMENT_TAGS = frozenset((*_DROP_TAGS, "html", "body", "title", "meta"))
_STRUCTURE_TAGS = _DOCUMENT_TAGS | _BLOCK_TAGS | _CELL_TAGS
# How deep libxml2 reads with `huge_tree` (without it, 256 levels).
HUGE_TREE_DEPTH = 2048
_TAG = re.compile(r"""</?([A-Za-z][\w:.-]*)(?:[^>"']|"[^"]*"|'[^']*')*>""")
_BOILERPLATE = re.compile(
    r"cookie|consent|breadcrumb|skip-?link|site-?nav|navbar|menu|social-?share|banner",
    re.I,
)
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.I)
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")
_BLANK_LINES = re.compile(r"\n\s*\n(\s*\n)+")


def decode_html(data: bytes) -> str:
    """The page as text: the declared charset if it decodes, else UTF-8, else Windows-1252."""
    declared = _CHARSET.search(data[:8192])
    codecs = [declared.group(1).decode("ascii", "ignore")] if declared else []
    for codec in [*codecs, "utf-8-sig", "cp1252", "latin-1"]:
        try:
            return data.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    raise AssertionError("latin-1 decodes any bytes")  # pragma: no cover


@dataclass(frozen=True)
class ParsedPage:
    """A parsed page and what the reader could not take from it."""

    root: lxml.html.HtmlElement
    warnings: tuple[str, ...] = ()


def html_source(data: bytes) -> str:
    """The page as text that lxml accepts: decoded, without an XML declaration (lxml refuses one in text) and
    without the characters its tree refuses."""
    return xml_safe(re.sub(r"^\s*<\?xml[^>]*>", "", decode_html(data)))


def parse_html(data: bytes) -> ParsedPage:
    """The page's tree, read whole however deep its elements nest."""
    source = html_source(data)
    root, too_deep = _parse(source)
    if too_deep:
        root, too_deep = _parse(without_inline_markup(source))
    if too_deep:
        # Blocks nested as deep (unclosed <div>s): every block becomes a line break, which nests nothing.
        root, too_deep = _parse(_TAG.sub(_lines_only, source))
    if too_deep:
        return ParsedPage(
            root,
            (
                f"the page nests its elements more than {HUGE_TREE_DEPTH:,} levels deep: the text after that point is "
                "missing; save the page again from a browser",
            ),
        )
    return ParsedPage(root)


def deeper_than_default(source: str) -> bool:
    """Whether a parser without `huge_tree` (as trafilatura's) stops reading this page at libxml2's depth limit."""
    return _parse(source, huge_tree=False)[1]


def _parse(source: str, huge_tree: bool = True) -> tuple[lxml.html.HtmlElement, bool]:
    """The tree, and whether libxml2 stopped at its depth limit."""
    parser = lxml.html.HTMLParser(huge_tree=huge_tree)
    try:
        root = lxml.html.document_fromstring(source, parser=parser)
    except (etree.ParserError, ValueError) as error:
        raise NoReadableTextError(f"no readable text: the HTML could not be parsed ({error})") from error
    too_deep = any(entry.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT for entry in parser.error_log)
    return root, too_deep


def without_inline_markup(source: str) -> str:
    """The page without the tags of inline elements (<font>, <span>, <b>, <a>, ...); their text stays."""
    return _TAG.sub(_structure_only, source)


def _structure_only(tag: re.Match[str]) -> str:
    return tag.group(0) if tag.group(1).lower() in _STRUCTURE_TAGS else ""


def _lines_only(tag: re.Match[str]) -> str:
    name = tag.group(1).lower()
    if name in _DOCUMENT_TAGS:
        return tag.group(0)
    return "<br>" if name in _BLOCK_TAGS or name in _CELL_TAGS else ""


def page_title(root: lxml.html.HtmlElement) -> str | None:
    for path in ("//title", "//h1"):
        for element in root.xpath(path):
            title = " ".join(element.text_content().split())
            if title:
                return title[:300]
    return None


def readable_text(root: lxml.html.HtmlElement, max_chars: int | None = None) -> str:
    """Visible text with block elements on their own lines and table cells separated by tabs. More than
    `max_chars` characters raise `TooMuchTextError` before the text is cleaned up (each step copies it)."""
    body = root.find("body")
    container = body if body is not None else root
    for element in list(container.iter(*_DROP_TAGS)):
        if not _heading_button(element):
            _drop(element)
    for element in list(container.iter()):
        if not isinstance(element.tag, str):
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
        if (
            element.get("role") == "navigation"
            or element.get("aria-hidden") == "true"
            or (element.tag not in ("body", "main", "article") and _BOILERPLATE.search(marker))
        ):
            _drop(element)
    parts: list[str] = []
    _walk(container, parts)
    if max_chars is not None and sum(map(len, parts)) > max_chars:
        raise TooMuchTextError(max_chars)
    text = "".join(parts)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _heading_button(element: lxml.html.HtmlElement) -> bool:
    """A button that is a section's heading, not a control: an accordion's toggle that holds a heading element
    (a web viewer's "<button aria-controls=...><h2>Godkendelse af dagsorden</h2></button>"). Its text is kept."""
    return element.tag == "button" and next(element.iter("h1", "h2", "h3", "h4", "h5", "h6"), None) is not None


def _drop(element: lxml.html.HtmlElement) -> None:
    parent = element.getparent()
    if parent is not None:
        element.drop_tree()


def _walk(container: lxml.html.HtmlElement, parts: list[str]) -> None:
    """Each element's text, its children, its end and then its tail, in document order. lxml's own walk, not
    recursion, so that no depth is too deep; comments and processing instructions give only their tails."""
    append = parts.append
    for event, element in etree.iterwalk(container, events=("start", "end", "comment", "pi")):
        if event == "start":
            tag = element.tag
            if tag in _BLOCK_TAGS:
                append("\n")
            if tag == "li":
                append("- ")
            if tag in _CELL_TAGS:
                append("\t")
            if element.text:
                append(element.text)
            continue
        if event == "end" and element.tag in _BLOCK_TAGS:
            append("\n")
        if element.tail and element is not container:
            append(element.tail)


def extract_html(data: bytes, limits: ExtractionLimits = DEFAULT_LIMITS) -> ExtractedText:
    page = parse_html(data)
    title = page_title(page.root)
    text = clean_extracted(readable_text(page.root, limits.max_text_chars))
    if not text.strip():
        raise NoReadableTextError(
            "no readable text: the page shows nothing without running its scripts; save the page after it "
            "has loaded (or its PDF) and ingest that"
        )
    return ExtractedText("html", (text,), title=title, warnings=page.warnings, partial=bool(page.warnings))
