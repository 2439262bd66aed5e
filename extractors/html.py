"""Web pages to readable text: scripts, styles, navigation, cookie banners and forms dropped, blocks on lines.

This is the general reader for minutes published as web pages. News pages get a dedicated article extractor
(boilerplate removal) in the news stage; both hand on an `ExtractedText` with a single page.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

from extractors.base import ExtractedText, normalise_text
from extractors.errors import NoReadableTextError

_DROP_TAGS = (
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "button", "select", "textarea", "head", "object", "embed", "canvas", "dialog", "menu",
)
_BLOCK_TAGS = frozenset((
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
    "dt", "dd", "table", "tr", "blockquote", "pre", "address", "figure", "figcaption", "hr", "br", "caption",
    "details", "summary", "fieldset", "legend", "tbody", "thead", "tfoot",
))
_CELL_TAGS = frozenset(("td", "th"))
_BOILERPLATE = re.compile(
    r"cookie|consent|breadcrumb|skip-?link|site-?nav|navbar|menu|social-?share|banner", re.I,
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


def parse_html(data: bytes) -> lxml.html.HtmlElement:
    source = decode_html(data)
    # lxml refuses str input that carries an XML encoding declaration.
    source = re.sub(r"^\s*<\?xml[^>]*>", "", source)
    try:
        return lxml.html.document_fromstring(source)
    except (etree.ParserError, ValueError) as error:
        raise NoReadableTextError(f"no readable text: the HTML could not be parsed ({error})") from error


def page_title(root: lxml.html.HtmlElement) -> str | None:
    for path in ("//title", "//h1"):
        for element in root.xpath(path):
            title = " ".join(element.text_content().split())
            if title:
                return title[:300]
    return None


def readable_text(root: lxml.html.HtmlElement) -> str:
    """Visible text with block elements on their own lines and table cells separated by tabs."""
    body = root.find("body")
    container = body if body is not None else root
    for element in list(container.iter(*_DROP_TAGS)):
        _drop(element)
    for element in list(container.iter()):
        if not isinstance(element.tag, str):
            continue
        marker = f"{element.get('class', '')} {element.get('id', '')} {element.get('role', '')}"
        if element.get("role") == "navigation" or element.get("aria-hidden") == "true" or (
            element.tag not in ("body", "main", "article") and _BOILERPLATE.search(marker)
        ):
            _drop(element)
    parts: list[str] = []
    _walk(container, parts)
    text = "".join(parts)
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def _drop(element: lxml.html.HtmlElement) -> None:
    parent = element.getparent()
    if parent is not None:
        element.drop_tree()


def _walk(element: lxml.html.HtmlElement, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    block = tag in _BLOCK_TAGS
    if block:
        parts.append("\n")
    if tag == "li":
        parts.append("- ")
    if tag in _CELL_TAGS:
        parts.append("\t")
    if isinstance(element.tag, str) and element.text:
        parts.append(element.text)
    for child in element:
        _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")


def extract_html(data: bytes) -> ExtractedText:
    root = parse_html(data)
    title = page_title(root)
    text = normalise_text(readable_text(root))
    if not text.strip():
        raise NoReadableTextError(
            "no readable text: the page shows nothing without running its scripts; save the page after it "
            "has loaded (or its PDF) and ingest that"
        )
    return ExtractedText("html", (text,), title=title)
