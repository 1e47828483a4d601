"""Every write of the core. Views, tasks and commands all come through here."""

from .residents import (
    DuplicateResident,
    household_create,
    household_update,
    neighbourhood_add,
    neighbourhood_remove,
    resident_archive,
    resident_create,
    resident_restore,
    resident_update,
    settlement_age_groups_update,
    tag_add,
    tag_remove,
)
from .transfer import (
    ImportPreview,
    ImportRejected,
    residents_export,
    residents_import_apply,
    residents_import_preview,
    residents_import_purge_stale,
)

__all__ = [
    "DuplicateResident",
    "ImportRejected",
    "ImportPreview",
    "household_create",
    "household_update",
    "neighbourhood_add",
    "neighbourhood_remove",
    "resident_archive",
    "resident_create",
    "resident_restore",
    "resident_update",
    "residents_export",
    "residents_import_apply",
    "residents_import_preview",
    "residents_import_purge_stale",
    "settlement_age_groups_update",
    "tag_add",
    "tag_remove",
]
