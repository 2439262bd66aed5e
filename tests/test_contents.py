"""Contents pages and lists of items, in the forms municipalities and copying sites print them: each from real lines
of the corpus (the municipality is named) and, where the corpus has one source, a small made-up variant."""

from __future__ import annotations

import pytest

from referat.extractors.minutes.contents import find_contents
from referat.extractors.minutes.items import strong_heading
from referat.extractors.minutes.logical import logical_lines
from referat.extractors.minutes.runon import split_run
from referat.models.records import Document


def entries(text: str) -> list[tuple[str | None, str, bool]] | None:
    document = Document(id="x", sha256="", path="x.txt", media_type="txt", size=len(text), text=text)
    contents = find_contents(logical_lines(document), strong_heading())
    return None if contents is None else [(entry.number, entry.title, entry.closed) for entry in contents.entries]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(  # Hjørring (doczz copy): a heading of its own, table column labels, the pages' column after
            "Følgende sager behandles:\nPkt. Tekst\n1 Revisionsberetning nr. 19 og resultat af rådighedstilsyn\n"
            "2 Endelig behandling af årsregnskab 2015\n3 Økonomirapport 1 - 2016, Alle udvalg\nSide\n2\n5\n8\n"
            "Hjørring Kommune\n25. maj 2016\n1.\nRevisionsberetning nr. 19 og resultat af rådighedstilsyn\nResumé\n",
            [
                ("1", "Revisionsberetning nr. 19 og resultat af rådighedstilsyn", False),
                ("2", "Endelig behandling af årsregnskab 2015", False),
                ("3", "Økonomirapport 1 - 2016, Alle udvalg", False),
            ],
            id="Hjørring: Følgende sager behandles",
        ),
        pytest.param(  # Helsingør (abcdocz copy): numbers on their own lines, titles that wrap before their leader
            "Sagsoversigt\nSide\n01.\nGodkendelse af indkaldte stedfortræder ..............3\n02.\n"
            "Godkendelse af dagsorden..........................4\n03.\n"
            "Ansøgning om ekstraordinær garantistillelse til forbedringer i Røntofte\n"
            "Andelsboligforening .................................23\n",
            [
                ("01", "Godkendelse af indkaldte stedfortræder", False),
                ("02", "Godkendelse af dagsorden", False),
                (
                    "03",
                    "Ansøgning om ekstraordinær garantistillelse til forbedringer i Røntofte Andelsboligforening",
                    False,
                ),
            ],
            id="Helsingør: Sagsoversigt",
        ),
        pytest.param(  # Region Syddanmark (web): "Dagsorden" over a numbered list
            "Forretningsudvalget - referat 05-12-2007\nDagsorden\n\n 1. 3. økonomi og aktivitetsrapportering\n"
            " 2. Budgetopfølgning 2007\n 3. Budget 2008 - Hospicer i Region Syddanmark\n\n"
            "1.      3. økonomi og aktivitetsrapportering\n\nSagsnr:\n\n07/5773\n",
            [
                ("1", "3. økonomi og aktivitetsrapportering", False),
                ("2", "Budgetopfølgning 2007", False),
                ("3", "Budget 2008 - Hospicer i Region Syddanmark", False),
            ],
            id="Region Syddanmark: Dagsorden over a list",
        ),
        pytest.param(  # "Dagsorden" as a document's title is no contents heading
            "Dagsorden\nØkonomiudvalget\nMødedato: 10. juni 2013\nMødested: Rådhuset\n1. Godkendelse af dagsorden\n"
            "Sagsnr.: 12/27845\nBeslutning\nGodkendt.\n",
            None,
            id="variant: Dagsorden as a title",
        ),
        pytest.param(  # Spøttrup (IntraNote): the heading glued to the address, states and N/M numbers on lines
            "Kirke Alle 1\n7860 SpøttrupIndholdsfortegnelse\n\nÅben sag:\n\n49 /1\n\nSpørgetid\n\nÅben sag:\n\n50 /2\n\n"
            "Ansøgning om udtræden af skolebestyrelsen\n\nLukket sag:\n\n51 /3\n\nKøb og salg.\n"
            "49/1. Spørgetid (Åben sag)\nJournalnr. 00.01 P27/\n",
            [
                ("49/1", "Spørgetid", False),
                ("50/2", "Ansøgning om udtræden af skolebestyrelsen", False),
                ("51/3", "Køb og salg.", True),
            ],
            id="Spøttrup: glued heading, states, N/M",
        ),
        pytest.param(  # Gentofte (pdf2html): two entries of the same title, one open and one closed
            "Indholdsfortegnelse\n14 Meddelelser\nfra\nformanden og spørgsmål fra medlemmerne\nLukket dagsorden\n"
            "15\nSalg af ejendom\n16 Personalesag\n17 Meddelelser\nfra\nformanden og spørgsmål fra medlemmerne\n",
            [
                ("14", "Meddelelser fra formanden og spørgsmål fra medlemmerne", False),
                ("15", "Salg af ejendom", True),
                ("16", "Personalesag", True),
                ("17", "Meddelelser fra formanden og spørgsmål fra medlemmerne", True),
            ],
            id="Gentofte: a title twice in the list",
        ),
        pytest.param(  # Lyngby-Taarbæk (docslib copy): the whole list on the page's line behind a page label
            "Side 2 af 66 Indholdsfortegnelse 1. Lokalplan 264 for et erhvervsområde på Dyrehavegårds Jorder "
            "2. Kommuneplantillæg 17/2013 for et område ved Station 3. Lokalplan 259 for en butiks- og boligbebyggelse "
            "ved Virum Station 4. Fremlæggelse af forslag til Lokalplan 266 for boliger på Buddingevej 85 5. "
            "Kommuneplantillæg 18/2013 for dyregravplads\n",
            [
                ("1", "Lokalplan 264 for et erhvervsområde på Dyrehavegårds Jorder", False),
                ("2", "Kommuneplantillæg 17/2013 for et område ved Station", False),
                ("3", "Lokalplan 259 for en butiks- og boligbebyggelse ved Virum Station", False),
                ("4", "Fremlæggelse af forslag til Lokalplan 266 for boliger på Buddingevej 85", False),
                ("5", "Kommuneplantillæg 18/2013 for dyregravplads", False),
            ],
            id="Lyngby-Taarbæk: a numbered list flattened",
        ),
    ],
)
def test_contents_forms(text: str, expected: list[tuple[str | None, str, bool]] | None) -> None:
    assert entries(text) == expected


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        pytest.param(  # Lyngby-Taarbæk 2016-12 (docslib): numbers before titles, page numbers after them
            "Pkt. Tekst Side 1 3. anslået regnskab 2016 - samlet sag 4 2 Gældsafvikling (Beslutning) 10 3 Afsluttende "
            "regnskab - Samling af Børnehuset Taarbæk i èn ejendom (Beslutning) 12 4 Anlægsregnskaber for fem "
            "stadionprojekter (Beslutning) 14",
            [
                ("1", "3. anslået regnskab 2016 - samlet sag"),
                ("2", "Gældsafvikling (Beslutning)"),
                ("3", "Afsluttende regnskab - Samling af Børnehuset Taarbæk i èn ejendom (Beslutning)"),
                ("4", "Anlægsregnskaber for fem stadionprojekter (Beslutning)"),
            ],
            id="Lyngby-Taarbæk: numbers and pages",
        ),
        pytest.param(  # Region Midtjylland (docplayer): the digits lost, titles run together
            "Pkt. Tekst Side 1 Nedsættelse af midlertidige udvalg og politikerpaneler Ledelses- og Styringsgrundlag for "
            "Region Midtjylland Ligestillingsredegørelse 2007 for Region Midtjylland Offentliggørelse af budget "
            "Beretning vedrørende revisionen af Århus Amts årsregnskab for Tillæg til efterreguleringsoversigten",
            [
                ("1", "Nedsættelse af midlertidige udvalg og politikerpaneler"),
                (None, "Ledelses- og Styringsgrundlag for Region Midtjylland"),
                (None, "Ligestillingsredegørelse 2007 for Region Midtjylland"),
                (None, "Offentliggørelse af budget"),
                (None, "Beretning vedrørende revisionen af Århus Amts årsregnskab for"),
                (None, "Tillæg til efterreguleringsoversigten"),
            ],
            id="Region Midtjylland: unnumbered",
        ),
        pytest.param(  # Esbjerg (docplayer): the list runs into "Bilagsliste" and the page label
            "1. Godkendelse af dagsorden Formulering i retningslinjer om håndtering af individuelt sygefravær "
            "Godkendelse af Vækststrategi Opfølgning på lokalrådsmøder Lukket - Informationer, forespørgsler og "
            "meddelelser Bilagsliste Underskriftsblad Side 1",
            [
                ("1", "Godkendelse af dagsorden"),
                (None, "Formulering i retningslinjer om håndtering af individuelt sygefravær"),
                (None, "Godkendelse af Vækststrategi"),
                (None, "Opfølgning på lokalrådsmøder"),
                (None, "Lukket - Informationer, forespørgsler og meddelelser"),
            ],
            id="Esbjerg: unnumbered",
        ),
        pytest.param(  # Vesthimmerland (docplayer): a group heading in capitals and a numbered entry after it
            "PUNKTER VEDR. VESTHIMMERLANDS KOMMUNE 135. Budget 2007 og overslagsårene Aalborg samarbejdet / erhverv og "
            "turisme Renovering af Farsø Skole 30 GODKENDELSER AF BESLUTNINGER I DE FIRE KOMMUNER 148. Køkkenet på Aars "
            "Rådhus 31 Afbud Mads Krarup Nielsen",
            [
                ("135", "Budget 2007 og overslagsårene"),
                (None, "Aalborg samarbejdet / erhverv og turisme"),
                (None, "Renovering af Farsø Skole"),
                ("148", "Køkkenet på Aars Rådhus"),
            ],
            id="Vesthimmerland: group headings",
        ),
    ],
)
def test_lists_flattened_onto_one_line(run: str, expected: list[tuple[str | None, str]]) -> None:
    assert [(entry.number, entry.title) for entry in split_run(run)] == expected


def test_a_closed_part_inside_a_flattened_list_closes_the_entries_after_it() -> None:
    # Haderslev (docplayer): "LUKKET MØDE" in the middle of the run
    found = split_run(
        "Forslag for kommuneplantillæg og lokalplan for nyt boligområde ved Søgårdvej i Marstrup "
        "Overførsel af mer-/mindreforbrug på driftsbevillinger LUKKET MØDE 367. Genud"
    )
    assert [(entry.number, entry.title, entry.closed) for entry in found][-1] == ("367", "Genud", True)
    assert not found[0].closed
