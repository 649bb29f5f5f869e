#!/usr/bin/env python
"""Django's command-line utility for SatuPintu.

`platform/` (our project config and public-schema apps) is put on the import path by the editable
install (`pip install -e .`, done by `make`); it is a source root, never a package named `platform`.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "satupintu.settings.local")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError("Django is not installed: run `make run` or `make test` first.") from exc
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
