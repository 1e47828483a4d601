"""The admin is for the people who run the installation (superusers): councils,
settlements and accounts. Coordinators work in the product's own pages."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from .models import (
    AuditEvent,
    Council,
    Household,
    Membership,
    Neighbourhood,
    OutboxMessage,
    Resident,
    Settlement,
    Tag,
    User,
)
from .services.outbox import outbox_requeue


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["settlement", "council"]


@admin.register(User)
class CoordinatorUserAdmin(UserAdmin):
    inlines = [MembershipInline]


@admin.register(Council)
class CouncilAdmin(admin.ModelAdmin):
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Settlement)
class SettlementAdmin(admin.ModelAdmin):
    list_display = ["name", "council", "language", "time_zone"]
    list_filter = ["council", "language"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "settlement", "council"]
    list_filter = ["role", "settlement", "council"]
    search_fields = ["user__username", "user__email"]
    autocomplete_fields = ["user", "settlement", "council"]


@admin.register(Neighbourhood, Tag)
class NameAdmin(admin.ModelAdmin):
    list_display = ["name", "settlement"]
    list_filter = ["settlement"]


@admin.register(Household)
class HouseholdAdmin(admin.ModelAdmin):
    list_display = ["name", "settlement", "neighbourhood"]
    list_filter = ["settlement"]
    search_fields = ["name"]


@admin.register(Resident)
class ResidentAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "settlement", "household", "archived_at"]
    list_filter = ["settlement"]
    search_fields = ["first_name", "last_name", "email"]
    raw_id_fields = ["household", "neighbourhood"]
    filter_horizontal = ["tags"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Background jobs: what is waiting, running, done, and parked for a person to decide."""

    list_display = ["created_at", "job", "state", "attempts", "settlement_id", "finished_at"]
    list_filter = ["state", "job"]
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    actions = ["requeue"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    @admin.action(description=_("Give the selected parked jobs another round of attempts"))
    def requeue(self, request: HttpRequest, queryset: QuerySet[OutboxMessage]) -> None:
        count = sum(outbox_requeue(message=message) for message in queryset)
        self.message_user(request, _("Jobs to be tried again: %(count)d.") % {"count": count})


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read only: the audit trail is never added to, changed or deleted by hand. (The
    history tables of simple-history are not in the admin at all.)"""

    list_display = ["created_at", "action", "object_type", "object_id", "settlement", "actor"]
    list_filter = ["action", "settlement"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
