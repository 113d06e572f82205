"""How long each kind of record is kept: one setting per kind, with its legal basis.

The periods are settings (config/settings.py, "Retention"), so that a municipality's archive
rules can set them; the defaults and their reasons are in docs/adr/ and listed here for the
command's output.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Rule:
    kind: str
    label: str
    setting: str
    unit: str
    basis: str

    @property
    def value(self) -> int:
        return int(getattr(settings, self.setting))


RULES = (
    Rule(
        "closed_cases",
        "closed cases",
        "RETENTION_CLOSED_CASE_UNTIL_AGE",
        "until every child of the case reaches this age",
        "BTAL 67.2(6): the national minors' support system (NPAIS) keeps a child's data until "
        "the person is 24; Sargs follows it by analogy. Open court matter: kept.",
    ),
    Rule(
        "concerns_without_case",
        "concerns closed without a case",
        "RETENTION_CONCERN_WITHOUT_CASE_YEARS",
        "years after closing",
        "Not settled by the law texts at hand (BTAL, Civil Law); set with the municipality's "
        "archive. Open court matter for the child: kept.",
    ),
    Rule(
        "audit_entries",
        "audit entries",
        "RETENTION_AUDIT_YEARS",
        "years",
        "Not settled by the law texts at hand; long enough to answer a data subject's "
        "question about who read their record (GDPR art. 15). Entries about a child with an "
        "open court matter: kept.",
    ),
    Rule(
        "questionnaire_answers",
        "questionnaire answers",
        "RETENTION_QUESTIONNAIRE_ANSWER_YEARS",
        "years after answering, once the questionnaire is closed",
        "Not settled by the law texts at hand; anonymous answers serve one programme period.",
    ),
    Rule(
        "generated_documents",
        "generated documents",
        "RETENTION_GENERATED_DOCUMENT_DAYS",
        "days after building",
        "Aggregate reports rebuilt on request from frozen figures: a cache, no legal period.",
    ),
    Rule(
        "form_tokens",
        "used form tokens",
        "RETENTION_FORM_TOKEN_DAYS",
        "days after use",
        "No legal period: a used token only answers a second submission of the same form "
        "(Back and submit again), and keeps the user and the page it led to.",
    ),
)
