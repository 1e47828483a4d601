"""Who may do what, as ``rules`` predicates.

Memberships are rows (user, role, settlement or council). A user's memberships are read
once per request (by the middleware) and cached on the user object, so every predicate
after the first costs no query. Object permissions take the object itself, or the
settlement for settlement-wide actions such as "see the registry".
"""

from typing import Any

import rules

from .models import Council, Membership, Role, Settlement

SETTLEMENT_ROLES = frozenset(role for role in Role.values if role != Role.COUNCIL_STAFF)
_CACHE = "_coordinator_memberships"


def memberships_of(user: Any) -> list[Membership]:
    """All memberships of ``user`` with their settlement and council, read once and cached."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user)
            .select_related("settlement__council", "council")
            .order_by("settlement__name", "council__name", "role")
        )
        setattr(user, _CACHE, cached)
    return cached


def settlement_id_of(obj: Any) -> int | None:
    if isinstance(obj, Settlement):
        return obj.pk
    return getattr(obj, "settlement_id", None)


def roles_in(user: Any, settlement_id: int | None) -> frozenset[str]:
    if settlement_id is None:
        return frozenset()
    return frozenset(m.role for m in memberships_of(user) if m.settlement_id == settlement_id)


def settlements_of(user: Any) -> list[Settlement]:
    """The settlements where ``user`` holds a role, each once, by name."""
    seen: dict[int, Settlement] = {}
    for membership in memberships_of(user):
        if membership.settlement is not None:
            seen.setdefault(membership.settlement.pk, membership.settlement)
    return list(seen.values())


def councils_staffed_by(user: Any) -> list[Council]:
    seen: dict[int, Council] = {}
    for membership in memberships_of(user):
        if membership.role == Role.COUNCIL_STAFF and membership.council is not None:
            seen.setdefault(membership.council.pk, membership.council)
    return list(seen.values())


def has_role(*roles: str) -> rules.Predicate:
    wanted = frozenset(roles)

    @rules.predicate(name="has_role_" + "_or_".join(sorted(wanted)))
    def predicate(user: Any, obj: Any = None) -> bool:
        return bool(wanted & roles_in(user, settlement_id_of(obj)))

    return predicate


@rules.predicate
def is_council_staff_of(user: Any, council: Any = None) -> bool:
    staffed = {c.pk for c in councils_staffed_by(user)}
    if council is None:
        return bool(staffed)
    return isinstance(council, Council) and council.pk in staffed


is_coordinator = has_role(Role.COORDINATOR)
is_settlement_member = has_role(*SETTLEMENT_ROLES)
# The registry holds personal data: the coordinator keeps it; the social worker and the
# secretary read it for their work. Chairs, board and council staff do not.
can_read_registry = has_role(Role.COORDINATOR, Role.SOCIAL_WORKER, Role.SECRETARY)

rules.add_perm("coordinator.view_settlement", is_settlement_member)
rules.add_perm("coordinator.view_registry", can_read_registry)
rules.add_perm("coordinator.change_registry", is_coordinator)
rules.add_perm("coordinator.manage_settlement", is_coordinator)
rules.add_perm("coordinator.view_council", is_council_staff_of)
# Personal-data rights and the audit trail are the coordinator's: they answer for the data.
rules.add_perm("coordinator.view_audit", is_coordinator)
rules.add_perm("coordinator.export_personal_data", is_coordinator)
rules.add_perm("coordinator.erase_personal_data", is_coordinator)
