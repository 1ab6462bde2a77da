"""Repair government names earlier importers made up (see jiyao.archive.repair)."""

from django.db import migrations


def repair(apps, schema_editor):
    from jiyao.archive.repair import repair_government_names

    repair_government_names(apps)


class Migration(migrations.Migration):
    dependencies = [("archive", "0004_sources_and_review")]

    operations = [migrations.RunPython(repair, migrations.RunPython.noop)]
