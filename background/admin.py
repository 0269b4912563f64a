from django.contrib import admin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["task", "kwargs", "created", "dispatched", "dispatch_count", "delivered"]
    list_filter = ["task"]
    readonly_fields = ["task", "kwargs", "created", "dispatched", "dispatch_count", "delivered", "error"]
