"""Every write of the core. Views, tasks and commands all come through here."""

from .audit import audit_record, is_sensitive, record_read
from .privacy import ErasureReason, resident_data_export, resident_erase
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
    residents_bulk_archive,
    residents_bulk_tag,
    settlement_age_groups_update,
    tag_add,
    tag_remove,
)
from .transfer import (
    ImportPreview,
    ImportRejected,
    residents_export,
    residents_export_record,
    residents_import_apply,
    residents_import_preview,
    residents_import_purge_stale,
)

__all__ = [
    "DuplicateResident",
    "ErasureReason",
    "ImportRejected",
    "ImportPreview",
    "audit_record",
    "household_create",
    "household_update",
    "is_sensitive",
    "neighbourhood_add",
    "neighbourhood_remove",
    "record_read",
    "resident_archive",
    "resident_create",
    "resident_data_export",
    "resident_erase",
    "resident_restore",
    "resident_update",
    "residents_bulk_archive",
    "residents_bulk_tag",
    "residents_export",
    "residents_export_record",
    "residents_import_apply",
    "residents_import_preview",
    "residents_import_purge_stale",
    "settlement_age_groups_update",
    "tag_add",
    "tag_remove",
]
