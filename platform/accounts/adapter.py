"""allauth adapter: links in e-mails point at the configured address of the site the user is on
(satupintu.site_urls), never at the request's Host header. Schema: both."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context

from satupintu.site_urls import site_for_mail, site_link


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return True

    def format_email_subject(self, subject: str) -> str:
        return f"[{site_for_mail(allauth_context.request).name}] {subject}"

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Every allauth e-mail (confirmation, password reset, unknown account, codes): links
        built from this request's host point at the site's configured domain instead, and the
        site's name and domain are the configured ones."""
        request = context.get("request") or allauth_context.request
        context = {
            "current_site": site_for_mail(request),
            **{k: site_link(request, v) if isinstance(v, str) else v for k, v in context.items()},
        }
        super().send_mail(template_prefix, email, context)
