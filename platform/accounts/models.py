"""User accounts. Schema: both: the public schema holds operators and onboarding applicants; each
regency's schema holds that regency's own staff and citizens, so an account of one regency does not
exist at another.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.deletion import SchemaAwareCollector


class EmailUserManager(UserManager):
    use_in_migrations = True

    def _create_user_object(self, username, email, password, **extra_fields):
        # Our users have no username: the e-mail address is the login.
        email = self.normalize_email(email or username)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        user = self._create_user_object(None, email, password, **extra_fields)
        user.save(using=self._db)
        return user

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None  # type: ignore[assignment]
    email = models.EmailField(_("alamat email"), unique=True)
    full_name = models.CharField(_("nama lengkap"), max_length=150, blank=True)

    USERNAME_FIELD = "email"  # type: ignore[misc]
    REQUIRED_FIELDS: list[str] = []  # type: ignore[misc]

    objects = EmailUserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or super().get_full_name() or self.email

    def delete(self, using=None, keep_parents=False):
        collector = SchemaAwareCollector.for_instance(self, using=using)
        collector.collect([self], keep_parents=keep_parents)
        return collector.delete()
