"""What conflicts and their mediation add to the registry: the demo.

No personal data of residents is registered: a conflict is described without names and
links no resident (its ``created_by`` is the coordinator's account, not a resident)."""

from coordinator import registry


def register() -> None:
    from .demo_conflicts import seed

    registry.register_demo(seed)
