"""Looking a person up by personal code, always inside one municipality's registry, and
always recorded.

A registry answers only about the records its own municipality keeps: whether a code is known
to another municipality never changes an answer (docs/adr/0005, issue 14). Every lookup writes
an audit entry: who looked, for which municipality, from which path, and whether a record was
found. The code itself is stored masked (birth date part only) with a keyed digest, so the
data protection officer can check whether a given code was looked up without the trail (or any
log) holding it in clear.
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.contrib.contenttypes.models import ContentType

from sargs.audit.models import AuditEntry
from sargs.organisations.models import User

from . import personal_codes
from .models import Child, LegalRepresentative


def code_digest(code: str) -> str:
    """A keyed digest of a compact personal code (the same code gives the same digest)."""
    key = f"sargs-personal-code-lookup:{settings.SECRET_KEY}".encode()
    return hmac.new(key, code.encode(), hashlib.sha256).hexdigest()


def personal_code_lookup(
    *,
    model: type[Child] | type[LegalRepresentative],
    actor: User | None,
    code: str,
    municipality_id: int,
    via: str,
) -> Child | LegalRepresentative | None:
    """The record ``municipality_id`` keeps with ``code`` (compact), or None; recorded."""
    found = model.objects.filter(municipality_id=municipality_id, personal_code=code).first()
    AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=str(found.pk) if found is not None else "",
        object_id=found.pk if found is not None else None,
        object_repr=personal_codes.mask(code)[:200],
        action=AuditEntry.Action.ACCESS,
        actor=actor,
        actor_email=getattr(actor, "email", None),
        municipality_id=municipality_id,
        additional_data={
            "view": via,
            "lookup": "personal code",
            "found": found is not None,
            "code": personal_codes.mask(code),
            "code_digest": code_digest(code),
        },
    )
    return found
