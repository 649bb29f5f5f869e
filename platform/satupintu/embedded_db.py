"""The embedded PostgreSQL of the local demo and the test suite (the `pgserver` wheel).

Used only when `DATABASE_URL` is unset. The server's data lives under `.data/pg`; each process that
uses it registers itself with pgserver, and the last one to exit stops the server it started.
The application connects as `satupintu`, a role that is *not* a superuser, exactly as in production:
clone-based regency creation must work without superuser rights. Schema: none (bootstrap).
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import warnings
from pathlib import Path

APP_ROLE = "satupintu"
APP_DATABASE = "satupintu"

logger = logging.getLogger(__name__)


def embedded_database(data_dir: Path) -> dict:
    """Start (or join) the embedded server and return a Django DATABASES entry for it."""
    warnings.filterwarnings("ignore", module="platformdirs")
    os.environ.setdefault("XDG_RUNTIME_DIR", str(data_dir / "run"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(parents=True, exist_ok=True, mode=0o700)
    import pgserver  # imported late: it is only needed without DATABASE_URL

    pgdata = data_dir / "pg"
    pgdata.mkdir(parents=True, exist_ok=True)
    _forget_dead_users(pgdata)
    server = pgserver.get_server(pgdata, cleanup_mode="stop")
    # Runs before pgserver's own exit handler (atexit is last-in, first-out), so that a process
    # killed earlier without cleaning up does not keep the server alive after the last real user.
    atexit.register(_forget_dead_users, pgdata)
    socket_dir = str(server.get_postmaster_info().socket_dir)
    _ensure_app_role(socket_dir)
    return {
        "ENGINE": "satupintu.postgresql_backend",
        "NAME": APP_DATABASE,
        "USER": APP_ROLE,
        "PASSWORD": "",
        "HOST": socket_dir,
        "PORT": "",
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        "TEST": {"NAME": f"test_{APP_DATABASE}"},
    }


def _forget_dead_users(pgdata: Path) -> None:
    """Drop ids of processes that died without deregistering from pgserver's list of users."""
    from pgserver.postgres_server import PostgresServer

    handles = pgdata / ".handle_pids.json"
    with PostgresServer._lock:
        if not handles.exists():
            return
        try:
            pids = json.loads(handles.read_text())
        except ValueError:
            pids = []
        alive = [pid for pid in pids if _is_alive(pid)]
        if alive != pids:
            handles.write_text(json.dumps(alive))


def _is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _ensure_app_role(socket_dir: str) -> None:
    """Create the non-superuser application role and its database once."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(host=socket_dir, user="postgres", dbname="postgres", autocommit=True) as c:
        if not c.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [APP_ROLE]).fetchone():
            c.execute(
                sql.SQL("CREATE ROLE {} LOGIN NOSUPERUSER CREATEDB NOCREATEROLE").format(
                    sql.Identifier(APP_ROLE)
                )
            )
        if not c.execute("SELECT 1 FROM pg_database WHERE datname = %s", [APP_DATABASE]).fetchone():
            c.execute(
                sql.SQL("CREATE DATABASE {} OWNER {}").format(
                    sql.Identifier(APP_DATABASE), sql.Identifier(APP_ROLE)
                )
            )
