"""Danish language helpers shared by every analyser: minutes, news, entities and the article links.

- `dates`: Danish dates and times as printed ("23. januar 2025", "23.01.25", "kl. 16.30") to ISO.
- `names`: people's names, titles (roles) and parties as printed in participant lists and decisions.
- `places`: municipalities and towns (gazetteers kept as data), and the municipality a text belongs to.
- `normalise`: `collapse` and `unify_spacing`, the text normalisers, one per purpose.
- `layout`: `TextLayout`, a text's sentences, clauses and paragraphs for lookups by position.
"""
