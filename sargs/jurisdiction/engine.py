"""BTAL article 67: which municipality is responsible for a child, as pure rules.

``decide(scenario, snapshot, lang)`` answers from plain facts and a dated municipality snapshot;
it never touches the database, so the pages, the API and the ``jurisdiction`` command share it.

Basis convention: ``basis`` lists the parts of article 67 whose rule produced the answer, in
order: 67(4) when out-of-family care decides; otherwise 67(2) and/or 67(3) for the residences
used (67(2) also when the parent the child lives with is chosen); 67(1) only when no parents
are given and the child's own declared residence is used. Part 1 underlies every answer and is
not repeated otherwise. 67(5), 67(6) and 67(7) are added exactly when ``help_where_child_is``,
``temporary_help`` and ``cost_settlement`` are set. An undetermined answer lists no
responsibility part.

Readings of the law where its wording leaves room (see docs/adr/0004-jurisdiction-engine.md):

- Each parent's residence is the declared one (67(2)) or, only if none is declared, the actual
  one (67(3)). Residences are compared by territory after mapping ended codes to successors.
- The child's own declared residence never decides while parents are given: 67(2) makes the
  parents' residence the child's, and we read "or the child" in 67(3) as not letting a missing
  child declaration override the parents' declared residence.
- A parent whose residence is wholly unknown does not make the residences "different"; the
  known parent's residence counts (with a note) unless the child lives only with the unknown one.
- Parents' residences in different territories and the child living with both or neither: the
  law does not settle it, so the answer is undetermined.
- No parents given: the child's own declared residence (67(1)); without one, undetermined. Where
  the child merely is never makes a municipality responsible.
- Care that starts after ``as_of`` is not yet in effect: 67(4) is not applied (with a note).
- An ATVK code used before it existed is rejected by the parser (mapping backwards would be a
  guess: 0038001 covers both 0038000 and 0055000); an ended code maps forward with a note.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .facts import (
    Assignment,
    CareFacts,
    ChildFacts,
    CostSettlement,
    Decision,
    ParentFacts,
    Role,
    Scenario,
    cite,
)
from .snapshot import MunicipalityRecord, MunicipalityRef, MunicipalitySnapshot, ResolutionError
from .texts import (
    LANGUAGES,
    Lang,
    Who,
    capitalize,
    format_date,
    join_and,
    law,
    render,
    residence,
    who,
)

__all__ = [
    "Assignment",
    "CareFacts",
    "ChildFacts",
    "CostSettlement",
    "Decision",
    "Lang",
    "MunicipalityRecord",
    "MunicipalityRef",
    "MunicipalitySnapshot",
    "ParentFacts",
    "ResolutionError",
    "Role",
    "Scenario",
    "decide",
]


@dataclass(frozen=True)
class _Finding:
    """Outcome of the responsibility rules (parts 1 to 4), before parts 5 to 7 are added."""

    responsible: MunicipalityRef | None
    parts: tuple[int, ...]
    reason: str


@dataclass(frozen=True)
class _Residence:
    """A parent's residence as used by parts 2 and 3: the given code and the code valid on as_of."""

    role: Role
    given: str
    atvk: str
    declared: bool


class _Context:
    """Per-decision state: the date, the language and the notes collected along the way."""

    def __init__(self, snapshot: MunicipalitySnapshot, day: datetime.date, lang: Lang) -> None:
        self.snapshot = snapshot
        self.day = day
        self.lang = lang
        self.notes: list[str] = []

    def code(self, atvk: str) -> str:
        """The code valid on the day, for comparing territories (no note)."""
        return self.snapshot.check(atvk, self.day)

    def ref(self, atvk: str) -> MunicipalityRef:
        """The municipality to name in the answer, noting a successor mapping once."""
        resolved = self.snapshot.resolve(atvk, self.day, self.lang)
        if resolved.note:
            self.note_text(resolved.note)
        return resolved.ref

    def label(self, atvk: str) -> str:
        """ "Rīga (0001000)"."""
        ref = self.ref(atvk)
        return f"{ref.name} ({ref.atvk})"

    def text(self, key: str, **params: str) -> str:
        """A template in the decision's language."""
        return render(self.lang, key, **params)

    def note(self, key: str, **params: str) -> None:
        """Add a note from a template."""
        self.note_text(self.text(key, **params))

    def note_text(self, text: str) -> None:
        """Add a note unless it is already there."""
        if text not in self.notes:
            self.notes.append(text)


def decide(scenario: Scenario, snapshot: MunicipalitySnapshot, lang: Lang = "lv") -> Decision:
    """Apply BTAL article 67 to one child's situation as of ``scenario.as_of``."""
    if lang not in LANGUAGES:
        raise ValueError(f"unsupported language {lang!r}")
    ctx = _Context(snapshot, scenario.as_of, lang)
    finding = _responsibility(ctx, scenario)
    help_here = _help_where_child_is(ctx, scenario.child)
    temporary = _temporary_help(ctx, scenario.child)
    costs = _cost_settlement(ctx, scenario.child, finding)
    extra = [part for part, given in ((5, help_here), (6, temporary), (7, costs)) if given]
    return Decision(
        as_of=scenario.as_of,
        status="determined" if finding.responsible else "undetermined",
        responsible=finding.responsible,
        basis=tuple(cite(part) for part in (*finding.parts, *extra)),
        reason=finding.reason,
        help_where_child_is=help_here,
        temporary_help=temporary,
        cost_settlement=costs,
        notes=tuple(ctx.notes),
    )


def _responsibility(ctx: _Context, scenario: Scenario) -> _Finding:
    care = scenario.child.out_of_family_care
    if care is not None:
        if care.since <= ctx.day:
            return _by_care(ctx, care)
        ctx.note("note_care_later", since=format_date(care.since), day=format_date(ctx.day))
    if not scenario.parents:
        return _by_child_own(ctx, scenario.child)
    return _by_parents(ctx, scenario)


def _by_care(ctx: _Context, care: CareFacts) -> _Finding:
    ref = ctx.ref(care.decided_by)
    reason = ctx.text(
        "care",
        name=ref.name,
        atvk=ref.atvk,
        since=format_date(care.since),
        law=law(ctx.lang, [4]),
    )
    return _Finding(ref, (4,), reason)


def _by_child_own(ctx: _Context, child: ChildFacts) -> _Finding:
    # The law speaks only of the parents' residence. With no parents given (unknown, deceased,
    # not yet in care) the child's own declared residence is the only lawful residence left
    # under part 1; without it we say undetermined rather than use where the child happens to be.
    if child.declared_residence is None:
        return _Finding(None, (), ctx.text("undetermined_nothing"))
    ref = ctx.ref(child.declared_residence)
    reason = ctx.text("child_own", name=ref.name, atvk=ref.atvk, law=law(ctx.lang, [1]))
    return _Finding(ref, (1,), reason)


def _residence_of(
    ctx: _Context, role: Role, declared: str | None, actual: str | None
) -> _Residence | None:
    # Part 2 first: the declared residence; part 3 only when none is declared.
    if declared is not None:
        return _Residence(role, declared, ctx.code(declared), declared=True)
    if actual is not None:
        return _Residence(role, actual, ctx.code(actual), declared=False)
    return None


def _by_parents(ctx: _Context, scenario: Scenario) -> _Finding:
    known: list[_Residence] = []
    unknown: list[Role] = []
    for parent in scenario.parents:
        found = _residence_of(ctx, parent.role, parent.declared_residence, parent.actual_residence)
        if found is None:
            unknown.append(parent.role)
        else:
            known.append(found)
    if not known:
        return _Finding(None, (), ctx.text("undetermined_no_residence"))
    if len({r.atvk for r in known}) > 1:
        return _by_lives_with(ctx, known, scenario.child)
    if unknown:
        lives_with = set(scenario.child.lives_with)
        if lives_with and lives_with <= set(unknown):
            # The child lives only with the parent we cannot place: the known parent's
            # residence may well be elsewhere, so answering with it would be a guess.
            person = unknown[0]
            return _Finding(
                None,
                (),
                ctx.text(
                    "undetermined_unknown_parent",
                    obj=who(ctx.lang, "obj", person),
                    of=who(ctx.lang, "of", person),
                    to=who(ctx.lang, "to", person),
                ),
            )
        ctx.note(
            "note_unknown_parent",
            Of=capitalize(who(ctx.lang, "of", unknown[0])),
            known=who(ctx.lang, "of", known[0].role),
        )
    return _parents_agree(ctx, known, scenario.child)


def _parents_agree(ctx: _Context, used: list[_Residence], child: ChildFacts) -> _Finding:
    ref = ctx.ref(used[0].given)
    parts = tuple(sorted({2 if r.declared else 3 for r in used}))
    if len(used) == 2 and used[0].declared == used[1].declared:
        phrases = [residence(ctx.lang, "parents", used[0].declared)]
    else:
        phrases = [residence(ctx.lang, r.role, r.declared) for r in used]
    reason = ctx.text(
        "agree",
        name=ref.name,
        atvk=ref.atvk,
        residences=join_and(ctx.lang, phrases),
        be="are" if len(phrases) > 1 else "is",
        law=law(ctx.lang, parts),
    )
    _note_child_own(ctx, child, ref, used, parts)
    return _Finding(ref, parts, _with_actual_used(ctx, reason, used))


def _by_lives_with(ctx: _Context, known: list[_Residence], child: ChildFacts) -> _Finding:
    # Part 2, second sentence: residences in different territories → the parent the child
    # lives with. Living with both or with neither is not settled by the law.
    chosen = [r for r in known if r.role in child.lives_with]
    if len(chosen) != 1:
        key = "undetermined_both" if chosen else "undetermined_neither"
        first, second = (ctx.label(r.given) for r in known)
        return _Finding(None, (), ctx.text(key, first=first, second=second))
    parent = chosen[0]
    ref = ctx.ref(parent.given)
    parts = (2,) if parent.declared else (2, 3)
    reason = ctx.text(
        "lives_with",
        name=ref.name,
        atvk=ref.atvk,
        obj=who(ctx.lang, "obj", parent.role),
        residence=residence(ctx.lang, parent.role, parent.declared),
        law=law(ctx.lang, parts),
    )
    _note_child_own(ctx, child, ref, chosen, parts)
    return _Finding(ref, parts, _with_actual_used(ctx, reason, chosen))


def _with_actual_used(ctx: _Context, reason: str, used: list[_Residence]) -> str:
    """Append why an actual residence counted (part 3), if one did."""
    undeclared = [r.role for r in used if not r.declared]
    if not undeclared:
        return reason
    person: Who = "parents" if len(undeclared) == 2 else undeclared[0]
    to = who(ctx.lang, "to", person)
    return reason + " " + ctx.text("actual_used", to=to, To=capitalize(to))


def _note_child_own(
    ctx: _Context,
    child: ChildFacts,
    responsible: MunicipalityRef,
    used: list[_Residence],
    parts: tuple[int, ...],
) -> None:
    # The child's own declaration never changes the answer (see module docstring), but a
    # reader comparing with the register should see that it was considered and set aside.
    own = child.declared_residence
    if own is None:
        if any(r.declared for r in used):
            ctx.note("note_child_undeclared", law=law(ctx.lang, [2]))
    elif ctx.code(own) != responsible.atvk:
        other = ctx.ref(own)
        ctx.note("note_child_elsewhere", name=other.name, atvk=other.atvk, law=law(ctx.lang, parts))


def _help_where_child_is(ctx: _Context, child: ChildFacts) -> Assignment | None:
    if not child.in_danger:
        return None
    if child.actual_location is None:
        ctx.note("note_danger_unknown_place")
        return None
    ref = ctx.ref(child.actual_location)
    return Assignment(ref.atvk, ref.name, cite(5))


def _temporary_help(ctx: _Context, child: ChildFacts) -> Assignment | None:
    if child.temporary_residence is None:
        return None
    ref = ctx.ref(child.temporary_residence)
    return Assignment(ref.atvk, ref.name, cite(6))


def _cost_settlement(ctx: _Context, child: ChildFacts, finding: _Finding) -> CostSettlement | None:
    # Part 7 covers only the cases of parts 4 and 5, and only when another municipality than
    # the responsible one actually provides the services.
    if not (4 in finding.parts or child.in_danger) or child.actual_location is None:
        return None
    if finding.responsible is None:
        ctx.note("note_costs_open")
        return None
    provider = ctx.ref(child.actual_location).atvk
    if provider == finding.responsible.atvk:
        return None
    return CostSettlement(payer=finding.responsible.atvk, provider=provider)
