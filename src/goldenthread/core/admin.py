"""The Django admin, for superusers only; the audit log there is read-only.

The admin asks for a two-step code as well as the password (django-otp's OTPAdminSite):
a password alone opens nothing here either.
"""

from django.contrib import admin
from django_otp.admin import OTPAdminSite

from .models import AuditEvent

admin.site.__class__ = OTPAdminSite


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "object_type", "object_label"]
    list_filter = ["action", "object_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
