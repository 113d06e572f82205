"""The generator's building blocks: scales, the shared context and steps.

A step is a name, the steps it needs, the models it fills and a ``run(ctx)`` that returns
the rows it wrote. Each step draws from its own random stream, seeded from the run's seed
and the step's name, so adding a step later leaves every other step's data unchanged.
"""

from __future__ import annotations

import datetime
import functools
import random
import zoneinfo
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.conf import settings
from django.db import models

from .writer import Progress, Writer

# Everything is dated relative to this day, never to "today", so a seed gives the same data.
BASE_DATE = datetime.date(2026, 1, 1)

# National reference figures (domain.md §3).
NATIONAL_CHILDREN = 344_000
NATIONAL_CARE = {"foster_family": 1_323, "guardianship": 3_445, "institution": 518}
NATIONAL_FOSTER_FAMILIES = 712
NATIONAL_SUSPENDED_PER_YEAR = 1_162
NATIONAL_RESTORED_PER_YEAR = 379
NATIONAL_AUDIT_ENTRIES = 1_500_000


@dataclass(frozen=True)
class Scale:
    """How much to generate: which municipalities, and how many children in all."""

    name: str
    children: int
    municipalities: tuple[str, ...] = ()  # ATVK codes; empty means every current one

    @property
    def factor(self) -> float:
        """This scale against Latvia: multiplies every national figure."""
        return self.children / NATIONAL_CHILDREN

    def national(self, figure: float) -> int:
        """A national figure at this scale, at least 1 when the figure is not 0."""
        return max(1 if figure else 0, round(figure * self.factor))


SCALES = {
    "national": Scale("national", NATIONAL_CHILDREN),
    "municipality": Scale("municipality", 8_500, ("0054000",)),  # Valmieras novads
    "tenfold": Scale("tenfold", NATIONAL_CHILDREN * 10),
    # For tests only (hidden from --help): two neighbouring municipalities.
    "tiny": Scale("tiny", 2_000, ("0054000", "0049000")),
}


@dataclass
class Context:
    """What a run shares between its steps."""

    scale: Scale
    seed: int
    writer: Writer
    out: TextIO | None = None
    state: dict[str, Any] = field(default_factory=dict)

    def rng(self, name: str) -> random.Random:
        """The random stream of one step (or part of one), fixed by the seed."""
        return random.Random(f"{self.seed}:{name}")  # noqa: S311 - synthetic data, not secrets

    def progress(self, label: str, total: int) -> Progress:
        return Progress(self.out, label, total)

    def write(
        self, model: type[models.Model], columns: list[str], rows: list[tuple[Any, ...]]
    ) -> int:
        return self.writer.write(model, columns, rows)

    def next_id(self, model: type[models.Model]) -> int:
        return self.writer.next_id(model)


@dataclass(frozen=True)
class Step:
    name: str
    run: Callable[[Context], int]
    models: tuple[type[models.Model], ...]
    depends_on: tuple[str, ...] = ()


@functools.cache
def _zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    """A time during working hours on ``day``, in the project's time zone."""
    seconds = 8 * 3600 + rng.randrange(9 * 3600)
    return datetime.datetime(
        day.year,
        day.month,
        day.day,
        seconds // 3600,
        seconds // 60 % 60,
        seconds % 60,
        tzinfo=_zone(),
    )


def day_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    """A day from ``start`` to ``end`` inclusive."""
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))
