"""The benchmark's corpus: many distinct, text-filled A4 PDFs rendered with reportlab from the seed texts.

`make bench` needs at least 1,000 pages of *distinct* documents (the pipeline stores one copy of identical
bytes, so copies of one file would measure nothing), shaped like what the pipeline reads in real use: mostly
committee minutes ("Punkt n: ...", "Sagsfremstilling", "Beslutning"), some reports. Every document draws its
paragraphs from the seed texts in its own random order and has its own number, date, committee, font and
size, so no two files share their bytes. Everything is seeded, so the same version renders the same corpus.
Rendering takes a few seconds, so `ensure_corpus` keeps the result and renders again only when the
generator version or the seed texts change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import re
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from referat.extractors.language.dates import MONTH_NAMES as MONTHS

# Bump when the rendered corpus changes (layout, text, plan): the cached corpus is then rendered again.
GENERATOR_VERSION = "1"
RAW_DIR = Path("data/raw")
BENCH_DIR = Path("data/bench")
CORPUS_DIR = BENCH_DIR / "corpus"
# Beside the corpus, not in it: the ingest reads the corpus folder and should see only the PDFs.
MANIFEST = BENCH_DIR / "manifest.json"
MIN_PAGES = 1000
CORPUS_PAGES = 1200

# Fonts with a standard (WinAnsi) encoding, which covers æøå and every character of the seed texts.
FONTS = (("Helvetica", "Helvetica-Bold"), ("Times-Roman", "Times-Bold"))
FONT_SIZES = (10.0, 10.5, 11.0)
PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 62.0
BODY_TOP = PAGE_HEIGHT - 78.0
BODY_BOTTOM = 64.0
LEADING = 1.3  # line height / font size: 44-50 lines on a page at 10-11 pt, as a word processor sets them

MUNICIPALITIES = ("Ballerup", "Rudersdal", "Herlev", "Furesø", "Egedal", "Gladsaxe", "Høje-Taastrup")
COMMITTEES = (
    "Økonomiudvalget",
    "Kommunalbestyrelsen",
    "Børne- og Skoleudvalget",
    "Klima- og Miljøudvalget",
    "Social- og Sundhedsudvalget",
    "Kultur- og Fritidsudvalget",
    "Plan- og Boligudvalget",
    "Erhvervs-, Beskæftigelses- og Uddannelsesudvalget",
)
PLACES = ("Mødecenter C, Lokale 29 på Rådhuset", "Byrådssalen", "Mødelokale 2, Rådhuset", "Kantinen, Rådhuset")
FIRST_NAMES = ("Anja", "Lars", "Mette", "Allan", "Sofie", "Erling", "Henrik", "Birgitte", "Jesper", "Karen")
LAST_NAMES = ("Holtze", "Bach", "Kristensen", "Andersen", "Jensen", "Nielsen", "Madsen", "Larsen", "Østergaard")
PARTIES = ("A", "B", "C", "D", "F", "O", "V", "Ø")
SECTIONS = ("Sammendrag", "Baggrund", "Sagsfremstilling", "Økonomiske konsekvenser og finansiering", "Indstilling")
DECISIONS = (
    "Godkendt.",
    "Taget til efterretning.",
    "Anbefales over for Økonomiudvalget.",
    "Indstillingen blev godkendt.",
    "Sagen blev drøftet.",
    "Udsat til næste møde.",
)
WEEKDAYS = ("Mandag", "Tirsdag", "Onsdag", "Torsdag", "Fredag", "Lørdag", "Søndag")


_MINUTES_START = re.compile(r"^\s*(REFERAT|DAGSORDEN)\b|^Mødedato\b", re.M)


class CorpusError(Exception):
    """The seed texts are missing or too thin to render a corpus from."""


@dataclass(frozen=True)
class Seeds:
    """The seed texts cut into what a rendered document is made of: body paragraphs and short headings.

    Reports draw only on the seeds that are not minutes: with the minutes' "Beslutning" and "Indstilling"
    headings in them they would read, and be classified, as minutes too.
    """

    paragraphs: tuple[str, ...]
    headings: tuple[str, ...]
    report_paragraphs: tuple[str, ...]
    report_headings: tuple[str, ...]
    fingerprint: str


@dataclass(frozen=True)
class DocSpec:
    """One document of the corpus: everything that makes it differ from the others."""

    number: int
    pages: int
    kind: str  # "minutes" or "report"
    font: int  # index into FONTS
    size: float

    @property
    def filename(self) -> str:
        return f"bench_{self.number:04d}_{self.kind}.pdf"


@dataclass(frozen=True)
class CorpusFile:
    name: str
    pages: int
    sha256: str


@dataclass(frozen=True)
class Corpus:
    directory: Path
    files: tuple[CorpusFile, ...]

    @property
    def pages(self) -> int:
        return sum(file.pages for file in self.files)

    @property
    def paths(self) -> list[Path]:
        return [self.directory / file.name for file in self.files]


def load_seeds(raw_dir: Path = RAW_DIR) -> Seeds:
    """Paragraphs and headings from the seed .txt files (lines of link or table-of-contents noise left out)."""
    files = sorted(raw_dir.glob("*.txt"))
    if not files:
        raise CorpusError(f"no seed texts (*.txt) in {raw_dir}: the benchmark renders its corpus from them")
    digest = hashlib.sha256()
    paragraphs: list[str] = []
    headings: list[str] = []
    report_paragraphs: list[str] = []
    report_headings: list[str] = []
    for path in files:
        data = path.read_bytes()
        digest.update(data)
        text = data.decode("utf-8")
        minutes = _MINUTES_START.search(text[:2000]) is not None
        for line in text.splitlines():
            line = " ".join(line.split())
            if not line or "<http" in line or "....." in line or line.startswith("Spring til"):
                continue
            if len(line) >= 80:
                paragraphs.append(line)
                if not minutes:
                    report_paragraphs.append(line)
            elif (
                8 <= len(line) <= 70
                and line[0].isupper()
                and not line.endswith((".", ":", ","))
                and not line.startswith("Punkt ")
            ):
                headings.append(line)
                if not minutes:
                    report_headings.append(line)
    if min(len(paragraphs), len(report_paragraphs)) < 10 or min(len(headings), len(report_headings)) < 5:
        raise CorpusError(
            f"the seed texts in {raw_dir} are too short to render a benchmark corpus from "
            "(it needs minutes and at least one text that is not minutes)"
        )
    return Seeds(
        tuple(paragraphs), tuple(headings), tuple(report_paragraphs), tuple(report_headings), digest.hexdigest()
    )


def plan_corpus(min_pages: int = CORPUS_PAGES) -> list[DocSpec]:
    """Documents of 10-20 pages, three in four of them minutes, until there are `min_pages` pages."""
    rng = random.Random(f"referat-bench-plan-{GENERATOR_VERSION}")
    specs: list[DocSpec] = []
    total = 0
    while total < min_pages:
        spec = DocSpec(
            number=len(specs) + 1,
            pages=rng.randint(10, 20),
            kind="minutes" if rng.random() < 0.75 else "report",
            font=rng.randrange(len(FONTS)),
            size=rng.choice(FONT_SIZES),
        )
        specs.append(spec)
        total += spec.pages
    return specs


@dataclass(frozen=True)
class _Line:
    text: str
    bold: bool = False
    scale: float = 1.0  # of the document's font size
    space_before: float = 0.0  # in lines


def _blocks(spec: DocSpec, seeds: Seeds, rng: random.Random, date: dt.date) -> Iterator[tuple[str, bool, float]]:
    """The document's text as (text, bold, scale) blocks, without end: the layout stops at the last page."""
    place = rng.choice(MUNICIPALITIES)
    committee = rng.choice(COMMITTEES)
    if spec.kind == "minutes":
        yield f"REFERAT {committee} d. {date:%d-%m-%Y}", True, 1.4
        yield (
            f"Mødedato {WEEKDAYS[date.weekday()]} d. {date.day}. {MONTHS[date.month - 1]} {date.year} "
            f"kl. {rng.choice((8, 9, 15, 16, 17))}:00",
            False,
            1.0,
        )
        yield f"Mødested {rng.choice(PLACES)}, {place} Kommune", False, 1.0
        people = [f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)} ({rng.choice(PARTIES)})" for _ in range(9)]
        yield "Mødedeltagere " + ", ".join(people), False, 1.0
        item = 0
        while True:
            item += 1
            yield f"Punkt {item}: {rng.choice(seeds.headings)}", True, 1.15
            yield (
                f"{rng.randint(0, 99):02d}.{rng.randint(0, 99):02d}.{rng.randint(0, 99):02d}-"
                f"{rng.choice('PGKA')}{rng.randint(10, 99)}-{rng.randint(1, 9)}-{rng.randint(10, 25)}",
                False,
                1.0,
            )
            for section in sorted(rng.sample(SECTIONS, rng.randint(2, 4)), key=SECTIONS.index):
                yield section, True, 1.0
                for _ in range(rng.randint(1, 4)):
                    yield rng.choice(seeds.paragraphs), False, 1.0
            yield "Beslutning", True, 1.0
            yield rng.choice(DECISIONS), False, 1.0
    else:
        yield f"{place} Kommune: {rng.choice(seeds.report_headings)}", True, 1.6
        yield f"Rapport nr. {spec.number} til {committee}, {date.day}. {MONTHS[date.month - 1]} {date.year}", False, 1.0
        paragraphs = list(seeds.report_paragraphs)
        while True:
            rng.shuffle(paragraphs)
            for index, paragraph in enumerate(paragraphs):
                if index % 4 == 0:
                    yield rng.choice(seeds.report_headings), True, 1.15
                yield paragraph, False, 1.0


def _wrap(text: str, font: str, size: float, width: float, widths: dict[str, float]) -> list[str]:
    """Greedy word wrap; word widths are cached because the same words come back on every page."""
    space = stringWidth(" ", font, size)
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in text.split():
        key = f"{font}\x1f{size}\x1f{word}"
        word_width = widths.get(key)
        if word_width is None:
            word_width = widths[key] = stringWidth(word, font, size)
        if current and used + space + word_width > width:
            lines.append(" ".join(current))
            current, used = [], 0.0
        used += (space if current else 0.0) + word_width
        current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines


def render_document(spec: DocSpec, seeds: Seeds, path: Path) -> CorpusFile:
    """Render one document of exactly `spec.pages` full pages to `path`."""
    rng = random.Random(f"referat-bench-doc-{GENERATOR_VERSION}-{spec.number}")
    date = dt.date(2012, 1, 2) + dt.timedelta(days=rng.randrange(14 * 365))
    regular, bold = FONTS[spec.font]
    body_width = PAGE_WIDTH - 2 * MARGIN_X
    leading = spec.size * LEADING
    # invariant: no creation date or random file id, so the same spec always renders the same bytes.
    canvas = Canvas(str(path), pagesize=A4, invariant=1, pageCompression=1)
    title = f"Dokument nr. {spec.number:04d} ({spec.kind}, {date.isoformat()})"
    canvas.setTitle(title)
    canvas.setAuthor("referat benchmark corpus")
    widths: dict[str, float] = {}
    blocks = _blocks(spec, seeds, rng, date)
    # What did not fit at the bottom of a page: its lines start the next page.
    carry: tuple[list[str], str, float, bool] | None = None
    for page in range(1, spec.pages + 1):
        canvas.setFont(regular, 8)
        canvas.drawString(MARGIN_X, PAGE_HEIGHT - 44, title)
        canvas.drawRightString(PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - 44, f"Side {page} af {spec.pages}")
        canvas.line(MARGIN_X, PAGE_HEIGHT - 50, PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - 50)
        canvas.drawCentredString(PAGE_WIDTH / 2, 36, f"{spec.number:04d}-{page:02d}")
        text = canvas.beginText()
        y = BODY_TOP
        while True:
            if carry is not None:
                (lines, font, size, is_bold), carry, gap = carry, None, 0.0
            else:
                block, is_bold, scale = next(blocks)
                font, size = (bold if is_bold else regular), spec.size * scale
                lines = _wrap(block, font, size, body_width, widths)
                gap = 0.0 if y == BODY_TOP else leading * (1.0 if is_bold else 0.45)
            line_height = size * LEADING
            room = int((y - gap - BODY_BOTTOM) // line_height)
            # A heading stays with the line after it; a paragraph may break across pages.
            if room < 1 or (is_bold and room < len(lines) + 1):
                carry = (lines, font, size, is_bold)
                break
            y -= gap
            text.setFont(font, size)
            for line in lines[:room]:
                y -= line_height
                text.setTextOrigin(MARGIN_X, y)
                text.textOut(line)
            if room < len(lines):
                carry = (lines[room:], font, size, is_bold)
                break
        canvas.drawText(text)
        canvas.showPage()
    canvas.save()
    return CorpusFile(path.name, spec.pages, hashlib.sha256(path.read_bytes()).hexdigest())


def render_corpus(specs: Sequence[DocSpec], seeds: Seeds, directory: Path) -> Corpus:
    """Render every spec into `directory`, in one process (fast enough: docs/performance.md)."""
    directory.mkdir(parents=True, exist_ok=True)
    files = tuple(render_document(spec, seeds, directory / spec.filename) for spec in specs)
    return Corpus(directory, files)


def ensure_corpus(
    directory: Path = CORPUS_DIR, manifest: Path = MANIFEST, raw_dir: Path = RAW_DIR, min_pages: int = CORPUS_PAGES
) -> tuple[Corpus, bool]:
    """The cached corpus, rendered again if missing, incomplete or made by another generator or seeds.

    Returns the corpus and whether it was rendered just now. The new corpus is rendered beside the old one
    and swapped in only when complete, so an interrupted run never leaves a half corpus that looks cached.
    """
    seeds = load_seeds(raw_dir)
    # The generator's own source is part of the key: an edit renders again even if nobody bumps the version.
    source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    key = {"generator": GENERATOR_VERSION, "source": source, "seeds": seeds.fingerprint, "min_pages": min_pages}
    cached = _read_manifest(directory, manifest, key)
    if cached is not None:
        return cached, False
    building = directory.with_name(directory.name + ".building")
    shutil.rmtree(building, ignore_errors=True)
    corpus = render_corpus(plan_corpus(min_pages), seeds, building)
    shutil.rmtree(directory, ignore_errors=True)
    building.rename(directory)
    manifest.write_text(
        json.dumps({**key, "files": [asdict(file) for file in corpus.files]}, indent=1) + "\n", encoding="utf-8"
    )
    return Corpus(directory, corpus.files), True


def _read_manifest(directory: Path, manifest: Path, key: dict[str, object]) -> Corpus | None:
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or any(data.get(name) != value for name, value in key.items()):
        return None
    files = tuple(CorpusFile(**entry) for entry in data.get("files", []))
    on_disk = {path.name for path in directory.glob("*.pdf")}
    if not files or on_disk != {file.name for file in files}:
        return None
    return Corpus(directory, files)
