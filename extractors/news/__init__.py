"""News articles: the article text without web boilerplate, title, author, outlet and published date.

`read_text_article(text)` reads a text article (`article.py`), `read_html_article(data, visible_text)` a saved
news page (trafilatura, `web.py`); both hand on a `CleanedArticle` whose `text` becomes `documents.text` for news
and whose `article` becomes the `articles` row. Danish dates and datelines are read in `dates.py`; the
vocabularies (boilerplate lines, byline forms, date words) are data in `extractors/data/news_*.csv`.
"""

from referat.extractors.news.article import CleanedArticle, read_text_article
from referat.extractors.news.web import outlet_of, page_markup, read_html_article

__all__ = [
    "CleanedArticle",
    "outlet_of",
    "page_markup",
    "read_html_article",
    "read_text_article",
]
