from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = "Pendaftaran daerah dan templat"

    def ready(self) -> None:
        # In ready(): onboarding.billing imports models, which must be loaded first.
        from billing.applications import applications_provide
        from onboarding.billing import application_checkout_completed, application_has_subscription
        from onboarding.dashboard import onboarding_figures
        from regencies.dashboard import onboarding_figures_provide

        applications_provide(
            checkout_completed=application_checkout_completed,
            has_subscription=application_has_subscription,
        )
        onboarding_figures_provide(onboarding_figures)
