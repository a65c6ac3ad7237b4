"""The council's structure: wards, political groups, committees, directorates, services."""
from django.db import models


class Ward(models.Model):
    name = models.CharField(max_length=120, unique=True)
    code = models.CharField(max_length=20, blank=True, help_text="ONS ward code, if known")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class PoliticalGroup(models.Model):
    name = models.CharField(max_length=120, unique=True)
    short_name = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Committee(models.Model):
    name = models.CharField(max_length=120, unique=True)
    is_standards = models.BooleanField(
        default=False, help_text="The Standards Committee (conduct complaints, 001 §11.3)"
    )
    is_staffing = models.BooleanField(
        default=False, help_text="Staffing committee of a parish or town council (002)"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Directorate(models.Model):
    name = models.CharField(max_length=120, unique=True)
    short_name = models.CharField(max_length=30, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Service(models.Model):
    name = models.CharField(max_length=120)
    directorate = models.ForeignKey(Directorate, on_delete=models.PROTECT, related_name="services")
    email = models.EmailField(blank=True)
    response_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text="This service's own response time, where the profile allows one "
        "(004 'timescales will vary from service to service'); blank: the profile's",
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["directorate", "name"], name="service_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name
