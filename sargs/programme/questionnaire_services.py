"""Writes for the anonymous questionnaires. The coordinator's writes take the acting user;
an answer has none: it stores no user, no address, only the date."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sargs.organisations.models import User

from . import selectors
from .models import (
    SCALE_VALUES,
    Answer,
    Involvement,
    InvolvementKind,
    Programme,
    ProgrammeVersion,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireResponse,
    QuestionnaireStatus,
)
from .services import _editable, _require_coordinator

# --- Questionnaires --------------------------------------------------------------------------


@transaction.atomic
def questionnaire_create(
    *, actor: User, programme: Programme, title: str, audience: str, introduction: str = ""
) -> Questionnaire:
    _require_coordinator(actor, programme.municipality_id)
    questionnaire = Questionnaire(
        programme=programme,
        title=title.strip(),
        audience=audience,
        introduction=introduction.strip(),
        token=secrets.token_urlsafe(24),
    )
    questionnaire.full_clean()
    questionnaire.save()
    return questionnaire


@transaction.atomic
def question_add(
    *, actor: User, questionnaire: Questionnaire, kind: str, text: str, options: Iterable[str] = ()
) -> Question:
    _require_coordinator(actor, questionnaire.programme.municipality_id)
    if questionnaire.status != QuestionnaireStatus.DRAFT:
        raise ValidationError(_("Questions can be added only before the questionnaire opens."))
    cleaned = [o.strip() for o in options if o.strip()]
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        if len(cleaned) < 2:
            raise ValidationError({"options": _("Give at least two options, one per line.")})
    else:
        cleaned = []
    question = Question(
        questionnaire=questionnaire,
        order=questionnaire.questions.count() + 1,
        kind=kind,
        text=text.strip(),
        options=cleaned,
    )
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def questionnaire_set_status(
    *, actor: User, questionnaire: Questionnaire, status: str
) -> Questionnaire:
    """Open a draft for answers (by its link) or close an open one."""
    _require_coordinator(actor, questionnaire.programme.municipality_id)
    allowed = {
        QuestionnaireStatus.DRAFT: QuestionnaireStatus.OPEN,
        QuestionnaireStatus.OPEN: QuestionnaireStatus.CLOSED,
    }
    if allowed.get(QuestionnaireStatus(questionnaire.status)) != status:
        raise ValidationError(_("The questionnaire cannot move to this state."))
    if status == QuestionnaireStatus.OPEN and not questionnaire.questions.exists():
        raise ValidationError(_("Add questions before opening the questionnaire."))
    questionnaire.status = status
    questionnaire.save()
    return questionnaire


@transaction.atomic
def questionnaire_answer(
    *, questionnaire: Questionnaire, answers: Mapping[int, Any]
) -> QuestionnaireResponse:
    """Store one anonymous submission: no user, no address, only the date."""
    if questionnaire.status != QuestionnaireStatus.OPEN:
        raise ValidationError(_("This questionnaire is not open for answers."))
    questions = {q.pk: q for q in questionnaire.questions.all()}
    rows = []
    for pk, value in answers.items():
        question = questions.get(pk)
        if question is None:
            raise ValidationError(_("Unknown question."))
        rows.append(_answer(question, value))
    if not any(a.choices or a.text for a in rows):
        raise ValidationError(_("Answer at least one question."))
    response = QuestionnaireResponse.objects.create(
        questionnaire=questionnaire, submitted_on=timezone.localdate()
    )
    for answer in rows:
        answer.response = response
    Answer.objects.bulk_create(rows)
    return response


def _answer(question: Question, value: Any) -> Answer:
    if question.kind == QuestionKind.TEXT:
        return Answer(question=question, text=str(value or "").strip()[:2000])
    values = (
        value if isinstance(value, list | tuple) else ([value] if value not in (None, "") else [])
    )
    try:
        chosen = sorted({int(v) for v in values})
    except (TypeError, ValueError):
        raise ValidationError(_("An answer is not one of the options.")) from None
    valid = SCALE_VALUES if question.kind == QuestionKind.SCALE else range(len(question.options))
    if any(v not in valid for v in chosen) or (
        question.kind != QuestionKind.MULTIPLE and len(chosen) > 1
    ):
        raise ValidationError(_("An answer is not one of the options."))
    return Answer(question=question, choices=chosen)


@transaction.atomic
def questionnaire_summarise(
    *, actor: User, questionnaire: Questionnaire, version: ProgrammeVersion
) -> Involvement:
    """Summarise a questionnaire's results (suppressed, without free texts) into the
    strategic part as an involvement record."""
    _editable(actor, version)
    if version.programme_id != questionnaire.programme_id:
        raise PermissionDenied
    lines = [_("Respondents: %(count)s.") % {"count": selectors.response_count(questionnaire)}]
    for result in selectors.questionnaire_results(questionnaire=questionnaire, with_texts=False):
        if result.options:
            parts = "; ".join(f"{label}: {count}" for label, count in result.options)
            lines.append(f"{result.question.text} – {parts}")
        else:
            lines.append(
                _("%(question)s – free-text answers: %(count)s")
                % {"question": result.question.text, "count": result.answered}
            )
    involvement = version.involvements.filter(questionnaire=questionnaire).first()
    if involvement is None:
        involvement = Involvement(
            version=version, kind=InvolvementKind.QUESTIONNAIRE, questionnaire=questionnaire
        )
    involvement.participants = f"{questionnaire.title} ({questionnaire.get_audience_display()})"
    involvement.held_on = timezone.localdate()
    involvement.summary = "\n".join(lines)
    involvement.full_clean()
    involvement.save()
    return involvement
