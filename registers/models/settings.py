"""How the registers' rules vary by council: kept beside the protocol profile, in this app,
so that `protocol` needs no field it does not use itself."""
from __future__ import annotations

from django.db import models

from protocol.models import ProtocolProfile


class RegisterRules(models.Model):
    """The registers' part of one council's protocol."""

    profile = models.OneToOneField(ProtocolProfile, on_delete=models.CASCADE,
                                   related_name="register_rules")
    group_requests_enabled = models.BooleanField(
        default=True, help_text="Political groups may ask for reports, briefings and "
        "attendance (a parish or town council may have no groups)")
    group_requests_to_monitoring_officer = models.BooleanField(
        default=False, help_text="Requests go to the Monitoring Officer as well as the Chief "
        "Executive (004 'Party Groups and Officers')")
    offer_same_to_all_groups = models.BooleanField(
        default=False, help_text="Every other group is offered the same briefing, rather "
        "than told and given a copy on request (003 §31.10)")
    groups_basis = models.TextField(blank=True)
    information_basis = models.TextField(blank=True)
    ward_notices_basis = models.TextField(blank=True)

    class Meta:
        verbose_name = "register rules"
        verbose_name_plural = "register rules"

    def __str__(self) -> str:
        return f"Register rules for {self.profile.name}"
