"""django-tenants' PostgreSQL backend, keeping the content-type cache per schema (issue #15)."""
