"""« Qui manque ? » in sentences (present.headlines), on hand-computed cases and on the
real territory."""

from types import SimpleNamespace

import pandas as pd
import pytest

from cartoparti import i18n
from cartoparti.present import headlines as hl


@pytest.mark.parametrize(("index", "said"), [
    (1 / 3, "3"), (0.5, "2"), (0.6, "1,7"), (2 / 3, "1,5"), (0.25, "4"), (0.41, "2,4"), (0.39, "3"), (0.12, "8"),
])
def test_times_fewer_is_said_as_a_person_says_it(index, said):
    assert hl.times_fewer(index) == said


def _report(publics_rows, zone_rows, *, declared=120, contributors=150):
    publics = pd.DataFrame(
        publics_rows, columns=["dimension", "group", "population_share", "contributor_share", "index", "status"],
    ).set_index(["dimension", "group"])
    zones = pd.DataFrame(zone_rows, columns=["zone_name", "contributors", "ratio", "status"])
    zones["blank"] = zones["contributors"] == 0
    return SimpleNamespace(
        publics=SimpleNamespace(table=publics, declared={"age_band": declared}, contributors=contributors),
        zones=SimpleNamespace(table=zones),
        totals_by_basis={"place": {"contributors": contributors}},
    )


AGES = [
    ("age_band", "0-14", 0.18, 0.0, 0.0, "under"),     # children: not news
    ("age_band", "15-29", 0.18, 0.06, 1 / 3, "under"),
    ("age_band", "60-74", 0.15, 0.45, 3.0, "over"),
    ("age_band", "30-44", 0.19, 0.15, 0.79, "expected"),
    ("csp", "CS6", 0.20, 0.0, 0.0, "under"),
    ("csp", "CS5", 0.25, 0.15, 0.6, "under"),
]
ZONES = [
    ("Lens", 40, 1.1, "expected"), ("Liévin", 5, 0.25, "under"), ("Avion", 9, 0.5, "under"),
    ("Éleu-dit-Leauwette", 0, 0.0, "under"), ("Acheville", 0, 0.0, "expected"),
]


def _plain(lines):
    return [line.replace("\u00a0", " ").replace("\u202f", " ") for line in lines]


def test_sentences_lead_with_the_most_missing_publics_then_communes():
    lines = hl.headlines(_report(AGES, ZONES))
    assert "20\u00a0%" in lines[0]  # French numbers: a no-break space before « % »
    assert _plain(lines) == [
        "Aucun contributeur de la catégorie « Ouvrier ou ouvrière », qui fait 20 % des habitants.",
        ("Les 15 à 29 ans sont 3 fois moins nombreux parmi les contributeurs que dans la population "
         "(6 % des contributeurs, 18 % des habitants)."),
        ("La catégorie « Employé(e) » est 1,7 fois moins présente parmi les contributeurs que dans la "
         "population (15 % des contributeurs, 25 % des habitants)."),
        "2 communes sur 5 n'ont encore aucune contribution : Acheville, Éleu-dit-Leauwette.",
        ("2 communes sont nettement moins entendues que leur population le laisserait attendre : "
         "Liévin, Avion. À Liévin, 4 fois moins de contributeurs qu'attendu."),
    ]


def test_one_blank_commune_many_names_fragile_counts_and_nothing_missing():
    zones = [("Lens", 40, 1.0, "expected"), ("Vimy", 0, 0.0, "under")] + [
        (f"Commune {i}", 1, 0.3, "under") for i in range(7)]
    lines = _plain(hl.headlines(_report([], zones, declared=12)))
    assert lines[0] == "1 commune sur 9 n'a encore aucune contribution : Vimy."
    assert lines[1].startswith("7 communes sont nettement moins entendues que leur population le laisserait "
                               "attendre : Commune 0, Commune 1, Commune 2, Commune 3, Commune 4 et 2 autres.")
    assert lines[-1] == ("Seuls 12 contributeurs ont indiqué leur âge : ces écarts restent fragiles, "
                         "à confirmer sur le terrain.")
    fair = [("age_band", "15-29", 0.18, 0.17, 0.94, "expected")]
    calm = _plain(hl.headlines(_report(fair, [("Lens", 40, 1.0, "expected")])))
    assert calm == [("Avec ces filtres, aucun public et aucune commune ne manque nettement : les écarts "
                     "observés peuvent venir du hasard.")]
    nobody = _plain(hl.headlines(_report([], [("Lens", 0, 0.0, "under")], declared=0, contributors=0)))
    assert nobody == ["Personne n'a encore contribué avec ces filtres : tout le monde manque."]


def test_in_english():
    with i18n.using("en"):
        lines = hl.headlines(_report(AGES[1:2], ZONES[:2]))
    assert lines == [
        ("People aged 15 to 29 are 3 times fewer among contributors than in the population "
         "(6% of contributors, 18% of inhabitants)."),
        ("One commune is clearly heard less than its population would lead one to expect: Liévin, "
         "with 4 times fewer contributors than expected."),
    ]


def test_on_the_real_territory_the_page_leads_with_sentences(store):
    from cartoparti.analysis import representation as rep
    from cartoparti.commands.contribute import submit
    from cartoparti.settings import Settings

    for i in range(40):  # forty retired people of Lens, nobody else
        submit(store, settings=Settings(), kind="need", title=f"Banc {i}", text="", theme="nature",
               location=store.zone_point("62498"), age_band="60-74", csp="CS7")
    lines = _plain(hl.headlines(rep.representation_report(store)))
    text = " ".join(lines)
    assert "Aucun contributeur parmi les 15 à 29 ans" in text
    assert "35 communes sur 36 n'ont encore aucune contribution" in text
    assert not any("fragiles" in line for line in lines)  # forty gave their age


def test_narrow_gaps_are_left_to_the_tables_and_one_other_is_singular():
    narrow = [("age_band", "30-44", 0.2, 0.18, 0.9, "under")]  # significant, but 1,1 times
    zones = [(f"Commune {i}", 2, 0.5, "under") for i in range(6)] + [("Lens", 9, 0.85, "under")]
    lines = _plain(hl.headlines(_report(narrow, zones, declared=1)))
    assert not any("30 à 44 ans" in line for line in lines)
    assert lines[0].startswith("6 communes sont nettement moins entendues que leur population le laisserait "
                               "attendre : Commune 0, Commune 1, Commune 2, Commune 3, Commune 4 et 1 autre.")
    assert "Lens" not in lines[0]
    assert lines[-1] == "Un seul contributeur a indiqué son âge : les écarts par âge ne peuvent pas encore être lus."
