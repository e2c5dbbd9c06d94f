from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from accounts.models import User

PERMISSION_FIELDS = ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]
# What organisers may change about a person: how they are named and shown, and whether they may sign in.
# Not the address, role or password (each a way to take an account over), nor anyone's rights.
ORGANISER_EDITABLE = {"full_name", "language", "time_zone", "is_active"}


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "is_staff", "is_active", "date_joined", "last_login"]
    list_filter = ["role", "is_staff", "is_active", "language"]
    search_fields = ["email", "full_name"]
    readonly_fields = ["date_joined", "last_login"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "role", "language", "time_zone"]}),
        (_("Permissions"), {"fields": PERMISSION_FIELDS}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "role", "password1", "password2"]})]

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser or obj is None:
            return super().get_fieldsets(request, obj)
        return [
            (None, {"fields": ["email"]}),
            (_("Person"), {"fields": ["full_name", "role", "language", "time_zone"]}),
            (_("Sign-in"), {"fields": ["is_active", "is_staff"]}),
            (_("Dates"), {"fields": ["last_login", "date_joined"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return self.readonly_fields
        fields = {field for _name, options in self.get_fieldsets(request, obj) for field in options["fields"]}
        return sorted(fields - ORGANISER_EDITABLE)

    def has_change_permission(self, request, obj=None) -> bool:
        # Only superusers change staff accounts: an organiser could otherwise reset a colleague's address.
        if obj is not None and (obj.is_staff or obj.is_superuser) and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)
