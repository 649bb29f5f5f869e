from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Akun"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from accounts.models import User
        from satupintu.portal_door import staff_changed

        # The console's figures count a regency's staff (satupintu.portal_door).
        post_save.connect(staff_changed, sender=User, dispatch_uid="console-staff-changed")
        post_delete.connect(staff_changed, sender=User, dispatch_uid="console-staff-changed-del")
