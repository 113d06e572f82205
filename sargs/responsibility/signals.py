"""Signals for the apps above this one (docs/adr/0006, 0013).

``handover_accepted(handover, actor)`` is sent inside the acceptance's transaction, after the
child's record has moved: the cases app moves the child's open case with it. A receiver that
fails rolls the acceptance back, so the registry and the cases never disagree.
"""

from django.dispatch import Signal

handover_accepted = Signal()
