"""factory_boy factories for the council's structure and people."""
import factory
from factory.django import DjangoModelFactory

from protocol.models import (
    Committee,
    Directorate,
    PoliticalGroup,
    Post,
    PostKind,
    Service,
    User,
    Ward,
)

PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    email = factory.LazyAttribute(lambda u: f"{u.username}@council.example")
    password = factory.django.Password(PASSWORD)


class WardFactory(DjangoModelFactory):
    class Meta:
        model = Ward

    name = factory.Sequence(lambda n: f"Ward {n}")


class PoliticalGroupFactory(DjangoModelFactory):
    class Meta:
        model = PoliticalGroup

    name = factory.Sequence(lambda n: f"Group {n}")


class CommitteeFactory(DjangoModelFactory):
    class Meta:
        model = Committee

    name = factory.Sequence(lambda n: f"Committee {n}")


class DirectorateFactory(DjangoModelFactory):
    class Meta:
        model = Directorate

    name = factory.Sequence(lambda n: f"Directorate {n}")


class ServiceFactory(DjangoModelFactory):
    class Meta:
        model = Service

    name = factory.Sequence(lambda n: f"Service {n}")
    directorate = factory.SubFactory(DirectorateFactory)


class PostFactory(DjangoModelFactory):
    class Meta:
        model = Post

    holder = factory.SubFactory(UserFactory)
    kind = PostKind.OFFICER


def sent_once(data: dict) -> dict:
    """A "new" form's post as the page sends it: with a one-time token of its own
    (protocol.machinery.forms.SubmittedOnceMixin)."""
    from uuid import uuid4

    return {**data, "submission": str(uuid4())}
