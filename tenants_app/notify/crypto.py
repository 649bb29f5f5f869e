"""Provider secrets encrypted at rest with Fernet (AES-128-CBC + HMAC-SHA256, `cryptography`).

The key is NOTIFY_ENCRYPTION_KEY when set (a Fernet key is used as is; any other text is stretched
with HKDF-SHA256), otherwise derived from SECRET_KEY with HKDF under a fixed, app-specific label,
so a secret encrypted here is useless without the deployment's key. Rotating SECRET_KEY without
setting NOTIFY_ENCRYPTION_KEY to the old derived key makes stored tokens unreadable: admins then
enter them again (decryption failures read as "no token", never as a 500). See docs/adr/0029.

Schema: tenant.
"""

from __future__ import annotations

import base64
import binascii

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

from notify.conf import notify_setting

_INFO = b"satupintu.notify.credentials.v1"


def _derive(material: str) -> bytes:
    key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_INFO).derive(
        material.encode()
    )
    return base64.urlsafe_b64encode(key)


def _fernet() -> Fernet:
    configured = notify_setting("NOTIFY_ENCRYPTION_KEY")
    if configured:
        try:
            if len(base64.urlsafe_b64decode(configured.encode())) == 32:
                return Fernet(configured.encode())
        except (binascii.Error, ValueError):
            pass
        return Fernet(_derive(configured))
    return Fernet(_derive(settings.SECRET_KEY))


def secret_encrypt(plain: str) -> str:
    return _fernet().encrypt(plain.encode()).decode() if plain else ""


def secret_decrypt(token: str) -> str:
    """The plain secret, or "" when nothing is stored or the key changed."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""


def secret_hint(plain: str) -> str:
    """What the admin is shown: the last 4 characters only."""
    return plain[-4:] if len(plain) >= 8 else ""
