"""Writing a committee's members: residents serving in a role (chair, deputy, member) for
a term. A member's role is the resident's place on the committee; it is not the login
account of a chair (``Committee.chairs``), which these functions never touch."""

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction

from coordinator.models import Resident
from coordinator.services.changes import ForeignObject, fields_save

from .models import Committee, CommitteeMember

FIELDS = ("role", "term_start", "term_end")


class AlreadyMember(ValueError):
    """The resident already serves on the committee."""


class TermEndsBeforeItStarts(ValueError):
    """The term's end is before its start."""


def _check_term(term_start: dt.date | None, term_end: dt.date | None) -> None:
    if term_start is not None and term_end is not None and term_end < term_start:
        raise TermEndsBeforeItStarts


@transaction.atomic
def member_add(
    *,
    committee: Committee,
    resident: Resident,
    role: str = CommitteeMember.Role.MEMBER,
    term_start: dt.date | None = None,
    term_end: dt.date | None = None,
) -> CommitteeMember:
    """Put ``resident`` on ``committee``. Raises ``AlreadyMember`` if they serve already."""
    if resident.settlement_id != committee.settlement_id:
        raise ForeignObject("The resident belongs to another settlement.")
    _check_term(term_start, term_end)
    if CommitteeMember.objects.filter(
        settlement_id=committee.settlement_id, committee=committee, resident=resident
    ).exists():
        raise AlreadyMember
    try:
        with transaction.atomic():
            return CommitteeMember.objects.create(
                settlement_id=committee.settlement_id,
                committee=committee,
                resident=resident,
                role=role,
                term_start=term_start,
                term_end=term_end,
            )
    except IntegrityError as error:  # added at the same moment by someone else
        raise AlreadyMember from error


@transaction.atomic
def member_update(*, member: CommitteeMember, data: Mapping[str, Any]) -> bool:
    """Change the member's role and term; whether anything changed."""
    _check_term(data.get("term_start", member.term_start), data.get("term_end", member.term_end))
    return bool(fields_save(member, data, FIELDS))


@transaction.atomic
def member_remove(*, member: CommitteeMember) -> None:
    """Take the resident off the committee. The resident stays in the registry."""
    member.delete()
