"""Participant blocks as the sources print them, shared by the block tests (tests/test_attendance.py) and the
prose tests, which merge prose into these blocks and ask whether presence is recorded in full
(tests/test_attendance_prose.py)."""

SEED_004 = (
    "Anja Holtze (A), Sandra Marsenic (A) (Afbud), Allan Kristensen (C) (2. viceborgmester), Musa Kekec (A)"
    " (Afbud), Erling Andersen (A), Lars Green Bach (B), André Amingsø (D), Miasser Hawwa (Løsgænger), Jannik"
    " Karoli Plum Nielsen (direktør), Stine Margrethe Hollendsted (centerchef for Social og Arbejdsmarked)\n\n"
    "Indholdsfortegnelse\n\nMeddelelser.....\t3\n"
)
BALLERUP_KB = """Deltagere
  • Peter Als (A) - Deltog
  • Birgitte Dahl (O) - Deltog
  • Deltog ikke under punkterne 20-21
  • Maria Lundahl Assov (A) - Deltog
  • Carsten Riis (direktør) - Deltog
AFBUD/FRAVÆRENDE
  • Michael Jensen (O) - Afbud

Åben dagsorden

Beslutning
"""
BALLERUP_TMU = """Deltagere
  • Per Mortensen (A) - Deltog
  • Carsten Riis (direktør)
  • Deltog ikke
  • Steen Pedersen (centerchef for By
  • Erhverv og Miljø) - Deltog

Åben dagsorden
"""
BALLERUP_EDOC = (
    "Tilstede\nLolan Ottesen (A) - formand\nGrethe Larsen (A) - næstformand\nBirte Kramhøft (F)\n"
    "Afbud/Fraværende\nSekretær\nMie Helene Andresen\fSundheds- og Forebyggelsesudvalget\nReferat\n"
)
ROEDOVRE = """Medlemmer

Formand Erik Nielsen (A)
Michel Berg (A)
Britt Jensen (A)
Brian Møller (A)
Claus Gisselmann Olsen (UP)
Birgitte Glifberg (A), Suppleant for Brian Møller (A)

Fraværende

Britt Jensen (A), sag 129-138
Brian Møller (A), sag 129-138

Sager 129 - 138

Fold alle ud
"""
# The same FirstAgenda minutes as seed 004, rendered to PDF: the comma list wraps inside names and parentheses,
# and the table of contents is glued to its last line.
FIRSTAGENDA_PDF = """Mødedeltagere Anja Holtze (A), Sandra Marsenic (A) (Afbud), Allan Kristensen (C) (2.
viceborgmester), Musa Kekec (A) (Afbud), Erling Andersen (A), Lars Green
Bach (B), André Amingsø (D), Miasser Hawwa (Løsgænger), Jannik Karoli
Plum Nielsen (direktør), Stine Margrethe Hollendsted (centerchef for Social
og Arbejdsmarked)Indholdsfortegnelse
Meddelelser . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . . 3
"""
BALLERUP_OEU = """Inge Trads Mørk (sekretariatschef) - Deltog
Afbud/Fraværende
Sandra Marsenic (A) - Afbud
Stine Rahbek Pedersen (Ø) - Afbud
Åben dagsorden
Beskrivelse
"""

REGIONSJAELLAND = """Medlemmer af udvalget:

Heino Knudsen

Formand

(A)

Peter Jacobsen

Næstformand

(O)

Jacob Jensen

2. næstformand

(V)

Jørgen Holst

Løsgænger

Camilla Aff Bredegaard

(A)

Fraværende:

Camilla Aff Bredegaard

(A)

Indholdsfortegnelse
"""
REGIONSYDDANMARK = """Medlemmer
Carl Holst, Poul Weber, Bent Krogh Petersen, Karen Baungaard

Afbud:
Bent Krogh Petersen - Bo Morthorst Rasmussen deltager som stedfortræder.
Poul Weber - Jørgen Bastholm deltager som stedfortræder.

Bente Bendix Jensen, Thyge Nielsen og Christina Gammelgaard Jensen deltog ikke i pkt. 14-19 og den lukkede dagsorden.

Dagsorden - dagsorden som PDF-fil
"""
LYNGBY_PROTOKOL = """Medlemmer Sofia Osmani deltog Søren P. Rasmussen deltog Morten Normann Jørgensen deltog \
Jan Kaspersen var fraværende

Derudover deltog: Søren Hansen Ulla Agerskov Bjarne Holm Markussen Lene Stangerup Jacob Holm Hansen Side 1 af 66

I stedet for Jan Kaspersen deltog Morten Grøn. Curt Købsted var fraværende under punkterne 19, 20 og 21.

Side 2 af 66 Indholdsfortegnelse 1. Lokalplan 264
"""
LYNGBY_INDKALDELSE = """Indkaldelse

Hanne Agersnap

Bodil Kornbek

Mette Hoff

Ib Carlsen

Mette Hoff (A) var fraværende. I stedet deltog Rie Frank (A) Bodil Kornbek (A) var fraværende. I stedet deltog \
Silas Mudoh (A)

Jakob Engel-Schmidt var fraværende under punkt 13.

Derudover deltog: Søren Hansen Lene Magnussen Lene Stangerup (referent) Charlotte Bidsted

2

Indholdsfortegnelse
"""
