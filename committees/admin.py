from django.contrib import admin

from .models import Committee


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "settlement"]
    list_filter = ["settlement", "kind"]
    filter_horizontal = ["chairs"]
