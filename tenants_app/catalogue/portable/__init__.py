"""The portable catalogue: one versioned JSON document holding a regency's whole catalogue
(docs/catalogue.md, tenants_app/catalogue/portable/catalogue.schema.json). Schema: tenant."""

from catalogue.portable.exporter import catalogue_export
from catalogue.portable.importer import ALL_PARTS, ImportReport, catalogue_import
from catalogue.portable.validation import CatalogueInvalid, validate_document

__all__ = [
    "ALL_PARTS",
    "CatalogueInvalid",
    "ImportReport",
    "catalogue_export",
    "catalogue_import",
    "validate_document",
]
