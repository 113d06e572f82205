"""Writes for the anonymous questionnaires. The coordinator's writes take the acting user;
an answer has none: it stores no user, no address, only the date.

"One answer per person" cannot be enforced without identifying people, and the questionnaires
are anonymous. The browser cookie (questionnaire_views) stops honest repeats; against a script
the answers are rate-limited per link and client address. The limit counts in Django's cache
under a keyed hash of link and address (``salted_hmac`` with the secret key), which expires
with the window: neither the address nor the hash is ever stored with an answer or in the
database. Answers that came from a link and address that had already answered are counted on
the questionnaire (one number, not a mark on each answer), and the results say how many.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
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


class AnswerLimitReached(ValidationError):
    """Too many answers to one questionnaire link from one address within the window."""


def _address_key(questionnaire: Questionnaire, address: str | None) -> str:
    """A cache key that identifies link and address only to someone holding the secret key.

    An address that cannot be trusted (``None``) shares one bucket per link: a misconfigured
    proxy then limits everyone rather than no one."""
    digest = salted_hmac(
        "sargs.programme.questionnaire-address",
        f"{questionnaire.token}|{address or 'unknown'}",
        algorithm="sha256",
    ).hexdigest()
    return f"questionnaire-answers:{digest}"


def _window_seconds() -> int:
    return int(settings.QUESTIONNAIRE_ADDRESS_WINDOW_HOURS * 3600)


def _count_address(questionnaire: Questionnaire, key: str) -> None:
    """Count this answer under its link and address; a repeat is added to the questionnaire."""
    cache.add(key, 0, timeout=_window_seconds())
    try:
        seen = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=_window_seconds())
        seen = 1
    if seen > 1:
        Questionnaire.objects.filter(pk=questionnaire.pk).update(
            repeated_address_answers=F("repeated_address_answers") + 1
        )


@transaction.atomic
def questionnaire_answer(
    *, questionnaire: Questionnaire, answers: Mapping[int, Any], address: str | None = None
) -> QuestionnaireResponse:
    """Store one anonymous submission: no user, no address, only the date.

    ``address`` (the client's, from the trusted-proxy rule) only counts towards the limit of
    ``QUESTIONNAIRE_ANSWERS_PER_ADDRESS`` answers per link within the window."""
    if questionnaire.status != QuestionnaireStatus.OPEN:
        raise ValidationError(_("This questionnaire is not open for answers."))
    key = _address_key(questionnaire, address)
    if cache.get(key, 0) >= settings.QUESTIONNAIRE_ANSWERS_PER_ADDRESS:
        raise AnswerLimitReached(
            _(
                "Too many answers to this questionnaire have come from your network. "
                "Please try again later."
            ),
            code="rate_limited",
        )
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
    _count_address(questionnaire, key)
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


def questionnaire_response_delete_for_retention(
    *, responses: Iterable[QuestionnaireResponse]
) -> int:
    """Removes anonymous answers whose retention period is over (sargs/retention)."""
    pks = [response.pk for response in responses]
    deleted, _rows = QuestionnaireResponse.objects.filter(pk__in=pks).delete()
    return deleted
