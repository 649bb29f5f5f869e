"""`platform/` is a source root, never the `platform` package: the standard library's module wins
under every entry point (pytest, manage.py, the Celery worker)."""

import platform
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from celery import Celery

from tests.processes import ROOT, TEST_REDIS_URL, celery_worker, django_env, redis_available

STDLIB = Path(sysconfig.get_paths()["stdlib"]).resolve()


def _is_stdlib(path: str) -> bool:
    return Path(path).resolve().parent == STDLIB


def test_under_pytest():
    assert _is_stdlib(platform.__file__)
    assert platform.system() == "Linux"
    assert not (ROOT / "platform" / "__init__.py").exists()


def test_under_manage_py():
    out = (
        subprocess.run(
            [
                sys.executable,
                "manage.py",
                "shell",
                "-c",
                "import platform, uuid, satupintu; "
                "print(platform.__file__); print(platform.system())",
            ],
            cwd=ROOT,
            env=django_env(),
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        .stdout.strip()
        .splitlines()
    )

    assert _is_stdlib(out[-2])
    assert out[-1] == "Linux"


@pytest.mark.skipif(not redis_available(), reason=f"Redis is not reachable at {TEST_REDIS_URL}")
def test_under_the_celery_worker(tmp_path):
    client = Celery(broker=TEST_REDIS_URL, backend=TEST_REDIS_URL)
    with celery_worker(log_path=tmp_path / "worker.log"):
        result = client.send_task("satupintu.platform_probe").get(timeout=90)

    assert _is_stdlib(result["file"])
    assert result["system"] == "Linux"
