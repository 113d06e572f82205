"""Keep the stored indicator definitions in step with the catalogue.

Runs after every migrate. An indicator new to the catalogue gets version 1; one whose
catalogue entry changed gets a new version, and the values reported under the old version
keep pointing at it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from .catalogue import INDICATORS


@transaction.atomic
def sync_catalogue(**_kwargs: Any) -> int:
    """Returns the number of definition versions created."""
    from .models import Indicator, IndicatorDefinition

    created = 0
    for order, spec in enumerate(INDICATORS, start=1):
        indicator, _ = Indicator.objects.update_or_create(
            code=spec.code, defaults={"group": spec.group, "order": order}
        )
        latest = indicator.definitions.order_by("-version").first()
        spec_json = spec.spec_json()
        if latest is not None and latest.spec == spec_json:
            continue
        IndicatorDefinition.objects.create(
            indicator=indicator,
            version=(latest.version + 1) if latest else 1,
            name_lv=spec.name.lv,
            name_en=spec.name.en,
            definition_lv=spec.definition.lv,
            definition_en=spec.definition.en,
            period_kind=spec.period,
            reporter_type=spec_json["reporter"],
            computable=spec.computable,
            spec=spec_json,
        )
        created += 1
    return created
