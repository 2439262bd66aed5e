"""Text normalisers, one per purpose.

The two here are shared by every analyser:

- `collapse`: runs of white space as one space. How titles, names and reported values are stored (and the gold
  files' convention), whatever line breaks or spacing the document printed them with.
- `unify_spacing`: a text as the layout reader (`extractors.language.layout.TextLayout`) reads it, offsets kept
  except where a soft hyphen or zero-width character is dropped.

The other normalisers each serve one stage and live beside it: `extractors.base.clean_extracted` (what every
text extractor hands on: Unix line ends, no control characters), `extractors.prefilter.fold` (lower case one
character for one, the text the literal prefilter reads), `extractors.minutes.lines.furniture_shape` (a line with
digits and spacing folded, to recognise a running header across pages) and
`extractors.news.vocabulary.folded_name` (letters and digits only, to recognise a news site's name).
"""

from __future__ import annotations

_TRANSLATION = str.maketrans(
    {
        "\r": "\n",
        "\f": "\n",
        "\v": "\n",
        "\t": " ",
        "\u00a0": " ",
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u200b": None,
        "\u00ad": None,
        "\ufeff": None,
    }
)


def collapse(text: str) -> str:
    """Runs of white space (line breaks included) as one space: how titles, names and values are stored."""
    return " ".join(text.split())


def unify_spacing(text: str) -> str:
    """Unix line ends, page breaks as line breaks, odd spaces as spaces, no soft hyphens or zero-width
    characters: the text `TextLayout` reads."""
    return text.replace("\r\n", "\n").translate(_TRANSLATION)
