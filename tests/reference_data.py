"""What the migrations load, loaded again after a transactional test emptied the database.

Browser tests empty the database with ``available_apps``, which inhibits post_migrate, so the
municipalities, national service types and the indicator catalogue are gone for whichever
transactional test runs next in the same worker (the order among them is random). Each
transactional test that needs them asks for them through this one function.
"""

from __future__ import annotations


def restore_reference_data() -> None:
    from sargs.assessment.models import Indicator
    from sargs.assessment.sync import sync_catalogue
    from sargs.organisations.models import Municipality
    from sargs.organisations.reference import load_municipalities
    from sargs.services.models import ServiceType
    from sargs.services.reference import load_service_types

    if not Municipality.objects.exists():
        load_municipalities(Municipality)
    if not ServiceType.objects.exists():
        load_service_types(ServiceType)
    if not Indicator.objects.exists():
        sync_catalogue()
