"""Figures: numbers with a meaning (money in DKK, percentages, counts of things, measures) in Danish text.

`find_figures(text)` yields a `models.records.Figure` for every occurrence, with offsets into `text`; see
`extractors.figures.find` for what counts as a figure and what does not. The vocabulary (units, scale words,
number words, context words) is data in `extractors/data/figure_*.csv`, loaded by
`extractors.figures.vocabulary`.
"""

from referat.extractors.figures.find import find_figures
from referat.extractors.figures.vocabulary import FigureVocabulary, FigureVocabularyError, load_figure_vocabulary

__all__ = ["FigureVocabulary", "FigureVocabularyError", "find_figures", "load_figure_vocabulary"]
