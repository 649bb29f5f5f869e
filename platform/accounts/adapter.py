"""allauth adapter: links in e-mails point at the host the user is on. Schema: both."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return True
