"""Latvian given names and surnames, with the male and female forms of each surname.

Common names from Latvian name-day calendars and surname frequency lists, spelled with
their diacritics, so that search (``normalise_name``) is exercised on realistic text.
"""

from __future__ import annotations

import random

# fmt: off
FEMALE_FIRST = (
    "Anna", "Marta", "Sofija", "Emīlija", "Alise", "Elizabete", "Paula", "Luīze", "Estere",
    "Amēlija", "Darja", "Viktorija", "Keita", "Laura", "Evelīna", "Madara", "Katrīna", "Līva",
    "Ieva", "Kristīne", "Ilze", "Inese", "Dace", "Līga", "Anita", "Iveta", "Sandra", "Santa",
    "Agnese", "Zane", "Linda", "Liene", "Baiba", "Ilona", "Jolanta", "Rūta", "Aija", "Gunta",
    "Elīna", "Sintija", "Marija", "Jeļena", "Olga", "Tatjana", "Natālija", "Svetlana", "Daina",
    "Vija", "Ausma", "Anete", "Beāte", "Gabriela", "Adele", "Patrīcija", "Rebeka", "Melānija",
)
MALE_FIRST = (
    "Jānis", "Roberts", "Markuss", "Gustavs", "Ralfs", "Kristaps", "Emīls", "Olivers", "Daniels",
    "Aleksandrs", "Maksims", "Artūrs", "Rodrigo", "Mārtiņš", "Edvards", "Kārlis", "Niks",
    "Andris", "Juris", "Māris", "Aivars", "Edgars", "Pēteris", "Uldis", "Valdis", "Guntis",
    "Ivars", "Raitis", "Normunds", "Aigars", "Gints", "Armands", "Didzis", "Toms", "Rihards",
    "Dāvis", "Reinis", "Kaspars", "Arturs", "Sergejs", "Dmitrijs", "Andrejs", "Vladimirs",
    "Igors", "Ēriks", "Oskars", "Valters", "Ingus", "Ģirts", "Krišjānis", "Teodors", "Matīss",
)
# (male, female, the family in the genitive plural: "Bērziņu ģimene")
SURNAMES = (
    ("Bērziņš", "Bērziņa", "Bērziņu"),
    ("Kalniņš", "Kalniņa", "Kalniņu"),
    ("Ozoliņš", "Ozoliņa", "Ozoliņu"),
    ("Jansons", "Jansone", "Jansonu"),
    ("Ozols", "Ozola", "Ozolu"),
    ("Liepiņš", "Liepiņa", "Liepiņu"),
    ("Krūmiņš", "Krūmiņa", "Krūmiņu"),
    ("Balodis", "Balode", "Balodžu"),
    ("Eglītis", "Eglīte", "Eglīšu"),
    ("Zariņš", "Zariņa", "Zariņu"),
    ("Pētersons", "Pētersone", "Pētersonu"),
    ("Vītols", "Vītola", "Vītolu"),
    ("Kļaviņš", "Kļaviņa", "Kļaviņu"),
    ("Vanags", "Vanaga", "Vanagu"),
    ("Lācis", "Lāce", "Lāču"),
    ("Siliņš", "Siliņa", "Siliņu"),
    ("Zālītis", "Zālīte", "Zālīšu"),
    ("Jurāns", "Jurāne", "Jurānu"),
    ("Kārkliņš", "Kārkliņa", "Kārkliņu"),
    ("Rozītis", "Rozīte", "Rozīšu"),
    ("Priede", "Priede", "Priedes"),
    ("Liepa", "Liepa", "Liepu"),
    ("Egle", "Egle", "Egļu"),
    ("Sproģis", "Sproģe", "Sproģu"),
    ("Freimanis", "Freimane", "Freimaņu"),
    ("Grīnbergs", "Grīnberga", "Grīnbergu"),
    ("Lapiņš", "Lapiņa", "Lapiņu"),
    ("Mežs", "Meža", "Mežu"),
    ("Strazdiņš", "Strazdiņa", "Strazdiņu"),
    ("Cīrulis", "Cīrule", "Cīruļu"),
    ("Dzenis", "Dzene", "Dzeņu"),
    ("Kalējs", "Kalēja", "Kalēju"),
    ("Skujiņš", "Skujiņa", "Skujiņu"),
    ("Pūpols", "Pūpola", "Pūpolu"),
    ("Ābele", "Ābele", "Ābeļu"),
    ("Lūsis", "Lūse", "Lūšu"),
    ("Zvirbulis", "Zvirbule", "Zvirbuļu"),
    ("Āboliņš", "Āboliņa", "Āboliņu"),
    ("Dūmiņš", "Dūmiņa", "Dūmiņu"),
    ("Gailītis", "Gailīte", "Gailīšu"),
    ("Šmits", "Šmite", "Šmitu"),
    ("Vilks", "Vilka", "Vilku"),
    ("Ivanovs", "Ivanova", "Ivanovu"),
    ("Petrovs", "Petrova", "Petrovu"),
    ("Smirnovs", "Smirnova", "Smirnovu"),
    ("Kuzņecovs", "Kuzņecova", "Kuzņecovu"),
    ("Vasiļjevs", "Vasiļjeva", "Vasiļjevu"),
    ("Popovs", "Popova", "Popovu"),
    ("Sokolovs", "Sokolova", "Sokolovu"),
    ("Novikovs", "Novikova", "Novikovu"),
    ("Morozovs", "Morozova", "Morozovu"),
    ("Volkovs", "Volkova", "Volkovu"),
    ("Mihailovs", "Mihailova", "Mihailovu"),
    ("Jakovļevs", "Jakovļeva", "Jakovļevu"),
    ("Kazakevičs", "Kazakeviča", "Kazakeviču"),
    ("Grigorjevs", "Grigorjeva", "Grigorjevu"),
    ("Romanovskis", "Romanovska", "Romanovsku"),
    ("Zeltiņš", "Zeltiņa", "Zeltiņu"),
    ("Ķēniņš", "Ķēniņa", "Ķēniņu"),
)
STREETS = (
    "Rīgas", "Brīvības", "Skolas", "Dārza", "Liepu", "Meža", "Ezera", "Parka", "Stacijas",
    "Lauku", "Pils", "Baznīcas", "Upes", "Jaunā", "Saules", "Pļavu", "Bērzu", "Zaļā", "Rūpniecības",
    "Celtnieku", "Krasta", "Avotu", "Kalna", "Dzirnavu", "Ozolu", "Smilšu", "Tirgus", "Lielā",
)
PLACE_NAMES = (
    "Ābelīte", "Saulīte", "Zīļuks", "Pasaciņa", "Taurenītis", "Mazputniņš", "Rūķītis",
    "Bitīte", "Auseklītis", "Pienenīte", "Zvaigznīte", "Cielaviņa", "Vāverīte", "Lāsīte",
)
# fmt: on


def first_name(rng: random.Random, female: bool) -> str:
    return rng.choice(FEMALE_FIRST if female else MALE_FIRST)


def surname_for(family: tuple[str, str, str], female: bool) -> str:
    return family[1] if female else family[0]


def address(rng: random.Random, place: str) -> str:
    """A plausible street address: "Skolas iela 12-4, Cēsu novads"."""
    street = rng.choice(STREETS)
    house = rng.randint(1, 120)
    if rng.random() < 0.6:
        return f"{street} iela {house}-{rng.randint(1, 80)}, {place}"
    return f"{street} iela {house}, {place}"
