# The chair's post as the minutes write it (县长, 县委副书记、县长 …), beside the chair.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("archive", "0005_repair_government_names"),
    ]

    operations = [
        migrations.AddField(
            model_name="meeting",
            name="chair_post",
            field=models.TextField(blank=True, null=True, verbose_name="主持人职务"),
        ),
        migrations.AddField(
            model_name="historicalmeeting",
            name="chair_post",
            field=models.TextField(blank=True, null=True, verbose_name="主持人职务"),
        ),
    ]
