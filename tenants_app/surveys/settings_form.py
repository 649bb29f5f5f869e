"""The admin form of the SKM settings (Pengaturan > Pengaturan SKM): Wagtail's settings view
saves it; every change (the weight 1/9, 0,111 or 0,11 above all) goes to the regency's activity
trail in the same transaction, with the value before and after. Schema: tenant.
"""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminModelForm


class SurveySettingsForm(WagtailAdminModelForm):
    def save(self, commit: bool = True):
        changed = [name for name in self.changed_data if name in self.fields]
        before = {name: self.initial.get(name) for name in changed}
        instance = super().save(commit=commit)
        if commit and changed:
            from surveys.actions import survey_settings_audit  # actions import the models

            survey_settings_audit(
                actor=self.for_user,
                settings=instance,
                before=before,
                after={name: getattr(instance, name) for name in changed},
            )
        return instance
