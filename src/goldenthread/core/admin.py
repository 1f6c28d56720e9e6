"""The Django admin, for superusers only; the audit log there is read-only.

The admin asks for a two-step code as well as the password (django-otp's OTPAdminSite):
a password alone opens nothing here either.

The background-task queue (django-tasks' database backend) is not in the admin: each queued
task's arguments can say who booked what, or asked for which reminder, and its e-mails' words.
The worker reads the queue; nobody needs to browse it.
"""

from django.contrib import admin
from django_otp.admin import OTPAdminSite
from django_tasks_db import admin as task_queue_admin  # registers the queue, so that it can be taken out here
from django_tasks_db.models import DBTaskResult

from .models import AuditEvent

admin.site.__class__ = OTPAdminSite
if task_queue_admin and admin.site.is_registered(DBTaskResult):
    admin.site.unregister(DBTaskResult)


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
