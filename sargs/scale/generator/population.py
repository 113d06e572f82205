"""How the children are spread over the municipalities.

Weights are approximate numbers of children (in hundreds) per municipality around 2024,
rounded from public population figures: good enough to give Rīga a third of the country and
Valkas novads a few hundred children, which is all the generator needs.
"""

from __future__ import annotations

from dataclasses import dataclass

from sargs.organisations.models import Municipality

from .base import BASE_DATE, Scale

# fmt: off
CHILD_WEIGHTS = {
    "0001000": 1030, "0002000": 125, "0003000": 100, "0004000": 95, "0005000": 115,
    "0006000": 42, "0007000": 58, "0020000": 55, "0021000": 23, "0022000": 38, "0023000": 39,
    "0024000": 30, "0025000": 73, "0026000": 72, "0027000": 58, "0028000": 48, "0029000": 32,
    "0030000": 55, "0031000": 70, "0032000": 33, "0033000": 54, "0034000": 80, "0035000": 53,
    "0036000": 18, "0037000": 34, "0038001": 60, "0039000": 105, "0040000": 105,
    "0041000": 37, "0042000": 28, "0043000": 42, "0044000": 70, "0045000": 46, "0046000": 50,
    "0047000": 13, "0048000": 64, "0049000": 33, "0051000": 66, "0052000": 76, "0053000": 14,
    "0054000": 96, "0056000": 20,
}
# fmt: on
DEFAULT_WEIGHT = 30
CITY_GENITIVE = {
    "Rīga": "Rīgas",
    "Daugavpils": "Daugavpils",
    "Jelgava": "Jelgavas",
    "Jūrmala": "Jūrmalas",
    "Liepāja": "Liepājas",
    "Rēzekne": "Rēzeknes",
    "Ventspils": "Ventspils",
}


@dataclass(frozen=True)
class Place:
    """A municipality taking part in the run, with its share of the children."""

    id: int
    atvk: str
    name: str
    children: int
    is_city: bool

    @property
    def genitive(self) -> str:
        """ "Cēsu novada", "Rīgas": the form institution names start with."""
        if self.is_city:
            return CITY_GENITIVE.get(self.name, self.name)
        return self.name.removesuffix(" novads") + " novada"

    @property
    def stem(self) -> str:
        """ "Cēsu", "Rīgas": the form school names start with."""
        if self.is_city:
            return CITY_GENITIVE.get(self.name, self.name)
        return self.name.removesuffix(" novads")


def places(scale: Scale) -> list[Place]:
    """The municipalities of this scale (current on the base date), children shared out."""
    query = Municipality.objects.valid_on(BASE_DATE).order_by("atvk")
    if scale.municipalities:
        query = query.filter(atvk__in=scale.municipalities)
    rows = list(query.values_list("id", "atvk", "name", "kind"))
    weights = [CHILD_WEIGHTS.get(atvk, DEFAULT_WEIGHT) for _, atvk, _, _ in rows]
    total = sum(weights)
    counts = [scale.children * w // total for w in weights]
    counts[0] += scale.children - sum(counts)  # the remainder goes to the first (Rīga)
    return [
        Place(id=pk, atvk=atvk, name=name, children=count, is_city=kind == "state_city")
        for (pk, atvk, name, kind), count in zip(rows, counts, strict=True)
    ]
