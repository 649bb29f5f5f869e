"""A response no longer points at the link it came through, and a link keeps only the day it was
used (docs/adr/0026): a response must not lead back to a ticket or a complaint."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0002_queue_rollup"),
    ]

    operations = [
        migrations.RemoveField(model_name="surveyresponse", name="link"),
        migrations.AlterField(
            model_name="surveylink",
            name="used_at",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RenameField(model_name="surveylink", old_name="used_at", new_name="used_on"),
    ]
