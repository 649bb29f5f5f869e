from django.apps import AppConfig


class OnboardingConfig(AppConfig):
    name = "onboarding"
    verbose_name = "Pendaftaran daerah dan templat"

    def ready(self) -> None:
        # In ready(): onboarding.billing imports models, which must be loaded first.
        from billing.applications import applications_provide
        from onboarding import provisioning
        from onboarding.billing import application_checkout_completed, application_has_subscription
        from onboarding.dashboard import onboarding_figures
        from regencies.dashboard import onboarding_figures_provide
        from regencies.provisioning_door import ProvisioningJobs, provisioning_jobs_provide

        applications_provide(
            checkout_completed=application_checkout_completed,
            has_subscription=application_has_subscription,
        )
        onboarding_figures_provide(onboarding_figures)
        provisioning_jobs_provide(
            ProvisioningJobs(
                # Looked up on each call, so a test may replace them on onboarding.provisioning.
                retry=lambda **kwargs: provisioning.provisioning_retry(**kwargs),
                reset=lambda **kwargs: provisioning.provisioning_reset(**kwargs),
                enqueue=lambda **kwargs: provisioning.provisioning_enqueue(**kwargs),
                run=lambda **kwargs: provisioning.provisioning_run(**kwargs),
                fail=lambda **kwargs: provisioning.provisioning_fail(**kwargs),
                applications_release=lambda **kwargs: provisioning.applications_release(**kwargs),
                create_from_template=lambda **kwargs: provisioning.regency_create_from_template(
                    **kwargs
                ),
            )
        )
