"""People and the posts they hold. Roles are read from posts, never typed in twice."""
from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone

from protocol.council.models.structure import Committee, Directorate, PoliticalGroup, Service, Ward
from protocol.council.rules.enums import Seniority


class User(AbstractUser):
    """A councillor, an officer or an administrator; what they are follows from their posts."""

    email = models.EmailField("email address", blank=True, db_index=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class PostKind(models.TextChoices):
    # Councillors
    COUNCILLOR = "councillor", "Councillor (ward member)"
    LEADER = "leader", "Leader of the Council"
    DEPUTY_LEADER = "deputy_leader", "Deputy Leader of the Council"
    GROUP_LEADER = "group_leader", "Political group leader"
    CABINET_MEMBER = "cabinet_member", "Executive / Cabinet member"
    COMMITTEE_CHAIR = "committee_chair", "Committee chair"
    COMMITTEE_VICE_CHAIR = "committee_vice_chair", "Committee vice-chair"
    COMMITTEE_MEMBER = "committee_member", "Committee member"
    CIVIC_HEAD = "civic_head", "Chair of the Council / Mayor / Lord Mayor"
    # Officers
    OFFICER = "officer", "Officer"
    HEAD_OF_SERVICE = "head_of_service", "Head of Service"
    DEPUTY_DIRECTOR = "deputy_director", "Deputy Director"
    DIRECTOR = "director", "Director"
    EXECUTIVE_DIRECTOR = "executive_director", "Executive Director"
    CHIEF_EXECUTIVE = "chief_executive", "Chief Executive / Head of Paid Service"
    MONITORING_OFFICER = "monitoring_officer", "Monitoring Officer"
    CHIEF_FINANCE_OFFICER = "chief_finance_officer", "Chief Finance Officer (s151)"
    HR = "hr", "Human Resources"
    PROPER_OFFICER = "proper_officer", "Proper Officer (Clerk)"


COUNCILLOR_POSTS = frozenset({
    PostKind.COUNCILLOR, PostKind.LEADER, PostKind.DEPUTY_LEADER, PostKind.GROUP_LEADER,
    PostKind.CABINET_MEMBER, PostKind.COMMITTEE_CHAIR, PostKind.COMMITTEE_VICE_CHAIR,
    PostKind.COMMITTEE_MEMBER, PostKind.CIVIC_HEAD,
})
OFFICER_POSTS = frozenset(PostKind) - COUNCILLOR_POSTS

# Grade of each officer post for the first-contact rule (000/001 §3.5). The statutory
# roles (Monitoring Officer, s151 officer) are held alongside a graded post.
SENIORITY = {
    PostKind.OFFICER: Seniority.STAFF,
    PostKind.HR: Seniority.STAFF,
    PostKind.HEAD_OF_SERVICE: Seniority.HEAD_OF_SERVICE,
    PostKind.PROPER_OFFICER: Seniority.CHIEF_EXECUTIVE,  # the Clerk heads a parish's staff
    PostKind.DEPUTY_DIRECTOR: Seniority.DEPUTY_DIRECTOR,
    PostKind.DIRECTOR: Seniority.DIRECTOR,
    PostKind.EXECUTIVE_DIRECTOR: Seniority.EXECUTIVE_DIRECTOR,
    PostKind.CHIEF_EXECUTIVE: Seniority.CHIEF_EXECUTIVE,
}

# Posts that one person at a time may hold across the council.
SINGLE_HOLDER_POSTS = (
    PostKind.LEADER, PostKind.CIVIC_HEAD, PostKind.CHIEF_EXECUTIVE,
    PostKind.MONITORING_OFFICER, PostKind.CHIEF_FINANCE_OFFICER, PostKind.PROPER_OFFICER,
)
# Posts whose holder's account only a superuser changes directly; anyone else's change
# waits for a second administrator (protocol.machinery.approvals). The statutory officers and HR see
# what no one else does: the Monitoring Officer every complaint (003 §11.2, §31.2), the
# Chief Executive complaints about Directors (§31.3(3)), the s151 officer fraud concerns,
# HR the panel's grievances (§11.2), and a parish's Clerk (the Proper Officer) its staff.
PROTECTED_POSTS = frozenset({
    PostKind.MONITORING_OFFICER, PostKind.CHIEF_EXECUTIVE, PostKind.CHIEF_FINANCE_OFFICER,
    PostKind.HR, PostKind.PROPER_OFFICER,
})
# What each kind of post must be attached to.
NEEDS = {
    "ward": (PostKind.COUNCILLOR,),
    "political_group": (PostKind.GROUP_LEADER,),
    "committee": (PostKind.COMMITTEE_CHAIR, PostKind.COMMITTEE_VICE_CHAIR,
                  PostKind.COMMITTEE_MEMBER),
    "service": (PostKind.OFFICER, PostKind.HEAD_OF_SERVICE),
    "directorate": (PostKind.DEPUTY_DIRECTOR, PostKind.DIRECTOR, PostKind.EXECUTIVE_DIRECTOR),
}


class PostQuerySet(models.QuerySet):
    def current(self) -> PostQuerySet:
        today = timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today)


class Post(models.Model):
    """A position a person holds: a ward seat, a chair, a directorship, a statutory role."""

    holder = models.ForeignKey(User, on_delete=models.CASCADE, related_name="posts")
    kind = models.CharField(max_length=32, choices=PostKind.choices)
    title = models.CharField(max_length=160, blank=True, help_text="e.g. Director of Place")
    ward = models.ForeignKey(Ward, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="posts")
    political_group = models.ForeignKey(PoliticalGroup, null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="posts",
                                        help_text="For a councillor: blank if independent")
    committee = models.ForeignKey(Committee, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="posts")
    directorate = models.ForeignKey(Directorate, null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="posts")
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="posts")
    starts_on = models.DateField(default=timezone.localdate)
    ends_on = models.DateField(null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "holder"]
        indexes = [models.Index(fields=["holder", "ends_on"])]
        constraints = [
            *(
                models.CheckConstraint(
                    condition=~Q(kind__in=kinds) | Q(**{f"{field}__isnull": False}),
                    name=f"post_{field}_required",
                )
                for field, kinds in NEEDS.items()
            ),
            models.UniqueConstraint(
                fields=["kind"], condition=Q(ends_on__isnull=True, kind__in=SINGLE_HOLDER_POSTS),
                name="post_single_holder",
            ),
            models.UniqueConstraint(
                fields=["service"], condition=Q(ends_on__isnull=True, kind="head_of_service"),
                name="post_one_head_of_service",
            ),
            models.UniqueConstraint(
                fields=["directorate"], condition=Q(ends_on__isnull=True, kind="director"),
                name="post_one_director",
            ),
            models.UniqueConstraint(
                fields=["political_group"],
                condition=Q(ends_on__isnull=True, kind="group_leader"),
                name="post_one_group_leader",
            ),
            models.UniqueConstraint(
                fields=["holder"], condition=Q(ends_on__isnull=True, kind="councillor"),
                name="post_one_ward_seat",
            ),
        ]

    def __str__(self) -> str:
        where = (self.service or self.directorate or self.ward or self.committee
                 or self.political_group)
        label = self.title or self.get_kind_display()
        return f"{self.holder}: {label}" + (f" ({where})" if where else "")

    @property
    def seniority(self) -> Seniority | None:
        return SENIORITY.get(PostKind(self.kind))
