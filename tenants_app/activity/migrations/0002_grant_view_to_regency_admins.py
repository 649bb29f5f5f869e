from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant_to_regency_admins(apps, schema_editor):
    """Existing portals: the "Admin MPP" role may read the trail (new portals get it from
    cms.actions.roles_ensure)."""
    app_config = apps.get_app_config("activity")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label="activity", codename="view_activityentry"
    )
    for group in Group.objects.filter(name="Admin MPP"):
        group.permissions.add(*permission)


class Migration(migrations.Migration):
    dependencies = [("activity", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(grant_to_regency_admins, migrations.RunPython.noop)]
