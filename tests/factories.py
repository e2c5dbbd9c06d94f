import datetime

import factory
from allauth.account.models import EmailAddress

from accounts.models import Role, User

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    role = Role.BUYER
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


class MarketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "filmart.Market"
        django_get_or_create = ["slug"]

    name = "FILMART 2030"
    slug = "filmart-2030"
    venue = "Hong Kong Convention and Exhibition Centre"
    city = "Hong Kong"
    starts_on = datetime.date(2030, 3, 17)
    ends_on = datetime.date(2030, 3, 20)
    is_current = True


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "exhibitors.Region"
        django_get_or_create = ["code"]

    code = "HK"
    name = factory.LazyAttribute(
        lambda o: {"HK": "Hong Kong", "CN": "Mainland China", "TH": "Thailand"}.get(o.code, o.code)
    )


class ExhibitorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "exhibitors.Exhibitor"

    market = factory.SubFactory(MarketFactory)
    name = factory.Sequence(lambda n: f"Company {n}")
    slug = factory.Sequence(lambda n: f"company-{n}")
    region = factory.SubFactory(RegionFactory)
    company_type = "distributor"
    hall = "1A"
    stand = factory.Sequence(lambda n: f"A{n:03d}")


class TitleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "exhibitors.Title"

    exhibitor = factory.SubFactory(ExhibitorFactory)
    slug = factory.Sequence(lambda n: f"title-{n}")
    kind = "series"
    english_title = factory.Sequence(lambda n: f"Harbour Story {n}")
    original_title = factory.LazyAttribute(lambda o: o.english_title)
    genres = factory.LazyFunction(lambda: ["drama"])
    episodes = 30
    episode_minutes = 45
    original_language = "zh"
    year = 2025


class RightsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "exhibitors.RightsAvailability"

    title = factory.SubFactory(TitleFactory)
    media = factory.LazyFunction(lambda: ["svod"])
    territories = factory.LazyFunction(lambda: ["TH"])
    available_from = "2026-01-01"


def team_member(exhibitor, *, role: str = "rep", **user_fields):
    from exhibitors.models import TeamMember

    user = UserFactory(role="exhibitor", **user_fields)
    TeamMember.objects.create(exhibitor=exhibitor, user=user, role=role)
    return user


class PavilionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "exhibitors.Pavilion"

    market = factory.SubFactory(MarketFactory)
    name = factory.Sequence(lambda n: f"Pavilion {n}")
    region = factory.SubFactory(RegionFactory)
    hall = "3B"
