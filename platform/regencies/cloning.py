"""Copying the base schema into a new regency's schema with plain DDL. Schema: public -> tenant.

django-tenants' generic `clone_schema` function reads `information_schema` across the whole
database, so each clone gets slower as regencies accumulate (2 s for the first, 6 s by the
fiftieth, measured here). A regency schema holds only tables, their indexes and constraints, and
identity sequences; this copies exactly those, looking only at the base schema's own catalogue
rows, so its cost does not depend on how many regencies exist. Index and constraint names are
kept, because later migrations refer to them by name. Anything else found in the base schema
(a view, a trigger, a function) stops the clone with an error, rather than producing an
incomplete copy.
"""

from __future__ import annotations

from satupintu.db import connection

_UNSUPPORTED = """
SELECT 'relation ' || c.relname || ' of kind ' || c.relkind::text FROM pg_class c
 WHERE c.relnamespace = %(base)s::regnamespace AND c.relkind NOT IN ('r', 'i', 'S')
UNION ALL
SELECT 'function ' || p.proname FROM pg_proc p WHERE p.pronamespace = %(base)s::regnamespace
UNION ALL
SELECT 'trigger ' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
 WHERE c.relnamespace = %(base)s::regnamespace AND NOT t.tgisinternal
UNION ALL
SELECT 'sequence ' || s.relname || ' not owned by an identity column' FROM pg_class s
 WHERE s.relnamespace = %(base)s::regnamespace AND s.relkind = 'S'
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = s.oid AND d.deptype = 'i')
"""


class CloneError(RuntimeError):
    pass


def _rows(cursor, query: str, params: dict) -> list[tuple]:
    cursor.execute(query, params)
    return cursor.fetchall()


def quote_identifier(name: str) -> str:
    """A schema, table or constraint name as an SQL identifier (embedded quotes doubled)."""
    return '"' + name.replace('"', '""') + '"'


_q = quote_identifier  # short, for the statements below


def schema_copy(*, base: str, new: str) -> None:
    """Create schema `new` as a copy of `base` (structure and rows). Run inside a transaction."""
    params = {"base": base}
    b, n = _q(base), _q(new)
    with connection.cursor() as cursor:
        unsupported = [row[0] for row in _rows(cursor, _UNSUPPORTED, params)]
        if unsupported:
            raise CloneError(f"cannot clone schema {base}: it holds " + "; ".join(unsupported))
        tables = [
            row[0]
            for row in _rows(
                cursor,
                """
            SELECT relname FROM pg_class
             WHERE relnamespace = %(base)s::regnamespace AND relkind = 'r' ORDER BY relname""",
                params,
            )
        ]
        cursor.execute(f"CREATE SCHEMA {n}")
        for table in tables:
            cursor.execute(
                f"CREATE TABLE {n}.{_q(table)} (LIKE {b}.{_q(table)} INCLUDING DEFAULTS "
                "INCLUDING IDENTITY INCLUDING GENERATED INCLUDING CONSTRAINTS INCLUDING STORAGE "
                "INCLUDING COMMENTS)"
            )
        _copy_rows(cursor, base=base, new=new)
        # Definitions printed with the base schema on the search path come out unqualified, and are
        # then replayed with the new schema first on the path.
        cursor.execute(f"SET LOCAL search_path TO {b}")
        constraints = _rows(
            cursor,
            """
            SELECT c.relname, con.conname, pg_get_constraintdef(con.oid)
              FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
             WHERE con.connamespace = %(base)s::regnamespace AND con.contype IN ('p', 'u', 'x', 'f')
             ORDER BY CASE con.contype WHEN 'f' THEN 1 ELSE 0 END, c.relname, con.conname""",
            params,
        )
        indexes = [
            row[0]
            for row in _rows(
                cursor,
                """
            SELECT pg_get_indexdef(i.indexrelid)
              FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE c.relnamespace = %(base)s::regnamespace
               AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid)
             ORDER BY c.relname""",
                params,
            )
        ]
        cursor.execute(f"SET LOCAL search_path TO {n}, public")
        for table, name, definition in constraints:
            cursor.execute(f"ALTER TABLE {_q(table)} ADD CONSTRAINT {_q(name)} {definition}")
        cursor.execute("SELECT quote_ident(%s), quote_ident(%s)", [base, new])
        printed_base, printed_new = cursor.fetchone()
        for definition in indexes:
            # pg_get_indexdef always names the table with its schema.
            cursor.execute(
                definition.replace(f" ON {printed_base}.", f" ON {printed_new}.", 1).replace(
                    f" ON ONLY {printed_base}.", f" ON ONLY {printed_new}.", 1
                )
            )
        _copy_sequence_positions(cursor, base=base, new=new)


def _copy_rows(cursor, *, base: str, new: str) -> None:
    columns = _rows(
        cursor,
        """
        SELECT c.relname, array_agg(a.attname ORDER BY a.attnum)
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
         WHERE c.relnamespace = %(base)s::regnamespace AND c.relkind = 'r'
           AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
         GROUP BY c.relname""",
        {"base": base},
    )
    for table, names in columns:
        cols = ", ".join(_q(name) for name in names)
        cursor.execute(
            f"INSERT INTO {_q(new)}.{_q(table)} ({cols}) OVERRIDING SYSTEM VALUE "  # noqa: S608
            f"SELECT {cols} FROM {_q(base)}.{_q(table)}"  # names from the catalogue, quoted
        )


def _copy_sequence_positions(cursor, *, base: str, new: str) -> None:
    """Each identity sequence continues where the base schema's did."""
    sequences = _rows(
        cursor,
        """
        SELECT pg_get_serial_sequence(format('%%I.%%I', %(base)s, c.relname), a.attname),
               pg_get_serial_sequence(format('%%I.%%I', %(new)s, c.relname), a.attname)
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
         WHERE c.relnamespace = %(base)s::regnamespace AND c.relkind = 'r'
           AND a.attidentity <> ''""",
        {"base": base, "new": new},
    )
    for base_sequence, new_sequence in sequences:
        cursor.execute(f"SELECT last_value, is_called FROM {base_sequence}")  # noqa: S608 - catalogue names
        last_value, is_called = cursor.fetchone()
        cursor.execute("SELECT setval(%s, %s, %s)", [new_sequence, last_value, is_called])
