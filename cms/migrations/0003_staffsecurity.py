from django.contrib.auth.management import create_permissions
from django.db import migrations, models

CODENAMES = ["change_staffsecurity", "view_staffsecurity"]


def grant_to_regency_admins(apps, schema_editor):
    """Existing portals: the "Admin MPP" role may require two-step sign-in (new portals get it
    from cms.actions.roles_ensure)."""
    app_config = apps.get_app_config("cms")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(content_type__app_label="cms", codename__in=CODENAMES)
    for group in Group.objects.filter(name="Admin MPP"):
        group.permissions.add(*permissions)


class Migration(migrations.Migration):

    dependencies = [
        ('cms', '0002_agencyindexpage_faqpage_locationindexpage_and_more'),
    ]

    operations = [
        migrations.CreateModel(
            name='StaffSecurity',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('require_mfa', models.BooleanField(default=False, help_text='Bila dicentang, staf yang belum memasang aplikasi autentikator (TOTP) diminta memasangnya sebelum membuka halaman admin mana pun.', verbose_name='wajibkan verifikasi dua langkah untuk semua staf')),
            ],
            options={
                'verbose_name': 'keamanan staf',
            },
        ),
        migrations.RunPython(grant_to_regency_admins, migrations.RunPython.noop),
    ]
