from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.urls import path
from django.utils.translation import gettext_lazy as _

from agenda_items.models import AgendaItem, Case
from attachments.models import Attachment
from imports import admin_views

from .models import Committee, Meeting, Municipality, MunicipalityClerk, Person, is_clerk

# Per-municipality rights ------------------------------------------------------------------------
# A clerk of Aabenraa (MunicipalityClerk) sees and changes Aabenraa's meetings, committees, items,
# cases, people and Bilag, and not Aarhus's; superusers see everything. Each model's way to its
# municipality:
MUNICIPALITY_OF = {
    Municipality: "pk",
    Committee: "municipality",
    Person: "municipality",
    Case: "municipality",
    Meeting: "committee__municipality",
    AgendaItem: "meeting__committee__municipality",
    Attachment: "agenda_item__meeting__committee__municipality",
}


def for_municipalities(queryset, user):
    """`queryset` cut down to the objects of the municipalities `user` may change."""
    if user.is_superuser:
        return queryset
    path = MUNICIPALITY_OF[queryset.model]
    return queryset.filter(**{f"{path}__in": Municipality.objects.editable_by(user)})


def limit_choices(formfield, user):
    """A foreign key or many-to-many form field offering only the user's municipalities' objects."""
    queryset = getattr(formfield, "queryset", None)
    if queryset is not None and queryset.model in MUNICIPALITY_OF:
        formfield.queryset = for_municipalities(queryset, user)
    return formfield


class OwnMunicipalitiesOnly:
    """For a ModelAdmin or an inline: list, and offer as choices, only the user's municipalities' objects."""

    def get_queryset(self, request):
        return for_municipalities(super().get_queryset(request), request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        return limit_choices(super().formfield_for_foreignkey(db_field, request, **kwargs), request.user)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        return limit_choices(super().formfield_for_manytomany(db_field, request, **kwargs), request.user)


class MunicipalityRightsAdmin(OwnMunicipalitiesOnly, admin.ModelAdmin):
    """A ModelAdmin whose objects a clerk may view, change and delete only in their municipalities."""

    def is_own(self, request, obj):
        if obj is None or request.user.is_superuser:
            return True
        return self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None):
        return super().has_view_permission(request, obj) and self.is_own(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self.is_own(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.is_own(request, obj)


class MunicipalityClerkInline(admin.TabularInline):
    model = MunicipalityClerk
    extra = 1
    verbose_name = _("kommune, brugeren er sekretær for")
    verbose_name_plural = _("kommuner, brugeren er sekretær for")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class ClerkUserAdmin(UserAdmin):
    """Django's user admin, with the municipalities a clerk may work on (superusers only edit users)."""

    inlines = [*UserAdmin.inlines, MunicipalityClerkInline]


# The archive --------------------------------------------------------------------------------------


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Committee)
class CommitteeAdmin(MunicipalityRightsAdmin):
    list_display = ["name", "municipality"]
    list_filter = ["municipality"]
    list_select_related = ["municipality"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Person)
class PersonAdmin(MunicipalityRightsAdmin):
    list_display = ["name", "party", "municipality"]
    list_filter = ["municipality", "party"]
    list_select_related = ["municipality"]
    search_fields = ["name"]


class AgendaItemInline(OwnMunicipalitiesOnly, admin.StackedInline):
    model = AgendaItem
    extra = 0
    fields = [
        ("number", "order", "closed"),
        "title",
        "case",
        "presentation",
        "recommendation",
        "decision",
        "decided_by",
        ("responsible", "duration_minutes"),
        "absences",
        "sections",
    ]
    raw_id_fields = ["case"]
    autocomplete_fields = ["absences"]
    show_change_link = True


class DateMissingFilter(admin.SimpleListFilter):
    title = _("dato")
    parameter_name = "date_missing"

    def lookups(self, request, model_admin):
        return [("yes", _("Dato mangler")), ("no", _("Dato kendt"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(date__isnull=True)
        if self.value() == "no":
            return queryset.filter(date__isnull=False)
        return queryset


@admin.register(Meeting)
class MeetingAdmin(MunicipalityRightsAdmin):
    list_display = ["committee", "date", "kind", "municipality", "updated"]
    list_filter = [
        "committee__municipality",
        "committee",
        "kind",
        ("date", admin.DateFieldListFilter),
        DateMissingFilter,
    ]
    list_select_related = ["committee__municipality"]
    search_fields = ["committee__name", "items__title", "items__case__number", "source_name"]
    date_hierarchy = "date"
    autocomplete_fields = ["participants"]
    raw_id_fields = ["committee"]
    readonly_fields = ["source_hash", "fingerprint", "warnings", "created", "updated"]
    inlines = [AgendaItemInline]

    @admin.display(description=_("kommune"), ordering="committee__municipality__name")
    def municipality(self, obj):
        return obj.committee.municipality

    def get_urls(self):
        bilag = self.admin_site.admin_view(
            lambda request, pk, attachment: admin_views.bilag_upload_view(self, request, pk, attachment)
        )
        return [
            path("<int:pk>/bilag/<int:attachment>/", bilag, name="meetings_meeting_bilag"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_import": is_clerk(request.user)}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The meeting's Bilag, each with a form for its PDF (admin/meetings/meeting/change_form.html).
        bilag = Attachment.objects.filter(agenda_item__meeting_id=object_id).select_related("agenda_item")
        extra_context = {
            **(extra_context or {}),
            "bilag": bilag.order_by("agenda_item__order", "order"),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_formset(self, request, form, formset, change):
        if formset.model is AgendaItem:
            for item_form in formset.forms:
                if item_form.has_changed() and item_form not in formset.deleted_forms:
                    item_form.instance.note_clerk_edits(item_form.changed_data)
        super().save_formset(request, form, formset, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    """A log: superusers may read it; nobody may add, change or delete entries."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LogEntry)
class LogEntryAdmin(ReadOnlyAdmin):
    """Every change made through the admin, imports included: who, when, what."""

    list_display = ["action_time", "user", "content_type", "object_repr", "action_flag", "message"]
    list_filter = ["action_flag", "content_type", "action_time"]
    list_select_related = ["user", "content_type"]
    search_fields = ["object_repr", "change_message", "user__username"]
    date_hierarchy = "action_time"

    @admin.display(description=_("ændring"))
    def message(self, obj):
        return obj.get_change_message()
