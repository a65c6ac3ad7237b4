"""Administrators configure how the registers' rules vary by council. The registers
themselves are not in the admin: they are reached only through pages that apply the
protocol's rules (002 'need to know')."""
from django.contrib import admin

from registers.models import RegisterRules


@admin.register(RegisterRules)
class RegisterRulesAdmin(admin.ModelAdmin):
    list_display = ["profile", "group_requests_enabled", "group_requests_to_monitoring_officer",
                    "offer_same_to_all_groups"]
