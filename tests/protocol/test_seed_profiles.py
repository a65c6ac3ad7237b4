"""The five seed protocols (seeds 000-004) shipped as profiles by 0002_seed_profiles."""
from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from protocol.council.rules.enums import DayKind, Seniority
from protocol.council.seed_profiles import PROFILES, install_profiles, profile_row, stage_rows
from protocol.models import (
    ComplaintKind,
    EscalationStage,
    ExpiryRecipient,
    HandlerRole,
    ProtocolProfile,
)

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]  # for the seed migration on SQLite

SEED_OF = {"harrow": "000", "hounslow": "001", "parish-model": "002", "westminster": "003",
           "north-northamptonshire": "004"}
NO_NUMBER_IN_SEED = {"harrow", "hounslow", "parish-model", "north-northamptonshire"}
BASIS_FIELDS = {"response_basis", "holding_reply_basis", "expiry_basis", "first_contact_basis",
                "correspondence_basis", "complaints_basis"}
EVERY_PROFILE_HAS = (ComplaintKind.OFFICER_CONDUCT, ComplaintKind.COUNCILLOR_CONDUCT,
                     ComplaintKind.CODE_OF_CONDUCT, ComplaintKind.FRAUD)


def handlers(slug: str, kind: str) -> list[str]:
    stages = EscalationStage.objects.filter(profile__slug=slug, kind=kind).order_by("position")
    return list(stages.values_list("handler", flat=True))


def counts() -> tuple[int, int]:
    return ProtocolProfile.objects.count(), EscalationStage.objects.count()


def active_slugs() -> list[str]:
    return list(ProtocolProfile.objects.filter(is_active=True).values_list("slug", flat=True))


def snapshot() -> list[tuple]:
    return list(EscalationStage.objects.order_by("profile__slug", "kind", "position")
                .values_list("profile__slug", "kind", "position", "handler", "subject_told"))


def test_the_migration_ships_five_profiles_with_westminster_active():
    assert sorted(ProtocolProfile.objects.values_list("slug", flat=True)) == sorted(SEED_OF)
    assert active_slugs() == ["westminster"]
    assert ProtocolProfile.objects.get(slug="parish-model").council_name == (
        "A parish or town council")
    assert set(ProtocolProfile.objects.values_list("nation", flat=True)) == {"ENG"}


def test_the_seed_data_fills_every_field_of_the_current_models():
    # install_profiles drops fields a historical model lacks; none may be dropped today.
    profile_fields = {f.name for f in ProtocolProfile._meta.concrete_fields}
    stage_fields = {f.name for f in EscalationStage._meta.concrete_fields}
    assert {n for n in profile_fields if n.endswith("_basis")} == BASIS_FIELDS
    for seed in PROFILES:
        assert set(profile_row(seed)) == profile_fields - {"id", "is_active"}, seed.slug
        for row in stage_rows(seed):
            assert set(row) == stage_fields - {"id", "profile"}, seed.slug


@pytest.mark.parametrize("slug", sorted(SEED_OF))
def test_every_basis_cites_the_councils_own_seed(slug):
    profile = ProtocolProfile.objects.get(slug=slug)
    for name in BASIS_FIELDS:
        assert SEED_OF[slug] in getattr(profile, name), name
    stage_bases = list(profile.stages.values_list("basis", flat=True))
    assert stage_bases
    assert all(any(n in basis for n in SEED_OF.values()) for basis in stage_bases)


def test_profiles_and_stages_pass_model_validation():
    assert counts() == (len(PROFILES), sum(len(stage_rows(seed)) for seed in PROFILES))
    for profile in ProtocolProfile.objects.all():
        profile.full_clean()
    for stage in EscalationStage.objects.all():
        stage.full_clean()


@pytest.mark.parametrize("slug", sorted(NO_NUMBER_IN_SEED))
def test_a_seed_without_a_number_gets_the_councils_default(slug):
    profile = ProtocolProfile.objects.get(slug=slug)
    assert (profile.response_days, profile.response_day_kind) == (10, DayKind.WORKING)
    assert profile.response_days_is_default is True
    assert "council's choice" in profile.response_basis


def test_westminster_10_days_is_the_seeds_number_read_as_working_days():
    # 003 §31.15
    profile = ProtocolProfile.objects.get(slug="westminster")
    assert (profile.response_days, profile.response_day_kind) == (10, DayKind.WORKING)
    assert profile.response_days_is_default is False
    assert profile.expiry_informs == ExpiryRecipient.DIRECTOR
    assert profile.holding_reply_needs_reasons and profile.holding_reply_before_expiry
    assert "§31.15" in profile.response_basis


def test_only_north_northamptonshire_lets_services_set_their_own_time():
    allowed = ProtocolProfile.objects.filter(service_response_days_allowed=True)
    assert list(allowed.values_list("slug", flat=True)) == ["north-northamptonshire"]


def test_first_contact_follows_each_seed():
    seniority = dict(ProtocolProfile.objects.values_list("slug", "first_contact_min_seniority"))
    assert seniority["harrow"] == Seniority.DEPUTY_DIRECTOR  # 000 §3.5
    assert seniority["hounslow"] == Seniority.HEAD_OF_SERVICE  # 001 §3.5(f)
    assert seniority["parish-model"] == Seniority.CHIEF_EXECUTIVE  # 002: the Clerk
    via_clerk = ProtocolProfile.objects.filter(first_contact_via_proper_officer=True)
    assert list(via_clerk.values_list("slug", flat=True)) == ["parish-model"]


@pytest.mark.parametrize("slug", sorted(SEED_OF))
def test_every_profile_has_the_shared_ladders_numbered_from_one(slug):
    for kind in EVERY_PROFILE_HAS:
        positions = list(EscalationStage.objects.filter(profile__slug=slug, kind=kind)
                         .order_by("position").values_list("position", flat=True))
        assert positions == list(range(1, len(positions) + 1)), kind
        assert len(positions) >= 2, kind
    assert handlers(slug, ComplaintKind.CODE_OF_CONDUCT) == [
        HandlerRole.MONITORING_OFFICER, HandlerRole.STANDARDS_COMMITTEE]  # Localism Act 2011
    assert handlers(slug, ComplaintKind.FRAUD) == [
        HandlerRole.CE_OR_MONITORING_OFFICER, HandlerRole.CHIEF_FINANCE_OFFICER]


@pytest.mark.parametrize("slug", sorted(SEED_OF))
def test_who_is_told_of_a_complaint_and_when(slug):
    def told(kind: str) -> list[bool]:
        return list(EscalationStage.objects.filter(profile__slug=slug, kind=kind)
                    .order_by("position").values_list("subject_told", flat=True))

    assert told(ComplaintKind.OFFICER_CONDUCT)[0] is True
    assert not any(told(ComplaintKind.FRAUD))  # an investigation is not tipped off
    grievance = EscalationStage.objects.filter(
        profile__slug=slug, kind=ComplaintKind.COUNCILLOR_CONDUCT,
        handler=HandlerRole.MONITORING_OFFICER).get()
    assert grievance.subject_told is True


def test_hounslow_ladders_are_11_2_and_11_3():
    assert handlers("hounslow", ComplaintKind.OFFICER_CONDUCT) == [
        HandlerRole.SERVICE_DIRECTOR, HandlerRole.CE_OR_MONITORING_OFFICER,
        HandlerRole.LEADER_PANEL]
    assert handlers("hounslow", ComplaintKind.COUNCILLOR_CONDUCT) == [
        HandlerRole.MONITORING_OFFICER, HandlerRole.GROUP_LEADER,
        HandlerRole.STANDARDS_COMMITTEE]
    first = EscalationStage.objects.get(profile__slug="hounslow", position=1,
                                        kind=ComplaintKind.OFFICER_CONDUCT)
    assert first.title == "The appropriate Chief Officer"
    assert "001 §11.2" in first.basis


def test_parish_model_goes_through_the_clerk_and_has_a_clerk_ladder():
    parish = ProtocolProfile.objects.get(slug="parish-model")
    assert parish.first_contact_via_proper_officer is True
    assert parish.expiry_informs == ExpiryRecipient.PROPER_OFFICER
    assert parish.no_silent_copies and parish.confidential_never_to_third_parties
    assert "CC councillor X" in parish.correspondence_basis
    assert handlers("parish-model", ComplaintKind.CLERK_CONCERN) == [
        HandlerRole.CHAIR, HandlerRole.STAFFING_COMMITTEE]
    clerk_ladders = EscalationStage.objects.filter(kind=ComplaintKind.CLERK_CONCERN)
    assert set(clerk_ladders.values_list("profile__slug", flat=True)) == {"parish-model"}


def test_no_seed_sets_a_stage_time_limit():
    assert not EscalationStage.objects.filter(time_limit_days__isnull=False).exists()
    assert not EscalationStage.objects.exclude(basis__contains="No stage time limit").exists()


def test_install_twice_changes_nothing():
    before, stages_before = counts(), snapshot()
    assert install_profiles(ProtocolProfile, EscalationStage) == 5
    assert install_profiles(ProtocolProfile, EscalationStage) == 5
    assert counts() == before
    assert snapshot() == stages_before
    assert active_slugs() == ["westminster"]


def test_install_keeps_the_profile_an_administrator_activated():
    ProtocolProfile.objects.update(is_active=False)
    ProtocolProfile.objects.filter(slug="hounslow").update(is_active=True)
    install_profiles(ProtocolProfile, EscalationStage)
    install_profiles(ProtocolProfile, EscalationStage)
    assert active_slugs() == ["hounslow"]


def test_install_activates_westminster_when_none_is_active():
    ProtocolProfile.objects.update(is_active=False)
    install_profiles(ProtocolProfile, EscalationStage)
    assert active_slugs() == ["westminster"]


def test_install_restores_the_seeds_rules_and_ladders():
    harrow = ProtocolProfile.objects.get(slug="harrow")
    harrow.response_days = 30
    harrow.save()
    harrow.stages.filter(kind=ComplaintKind.OFFICER_CONDUCT, position=2).delete()
    install_profiles(ProtocolProfile, EscalationStage)
    harrow.refresh_from_db()
    assert harrow.response_days == 10
    assert handlers("harrow", ComplaintKind.OFFICER_CONDUCT) == [
        HandlerRole.SERVICE_DIRECTOR, HandlerRole.CE_OR_MONITORING_OFFICER]


def test_install_works_with_the_migrations_historical_models():
    before, stages_before = counts(), snapshot()
    EscalationStage.objects.all().delete()
    ProtocolProfile.objects.all().delete()
    state = MigrationExecutor(connection).loader.project_state(("protocol", "0002_seed_profiles"))
    assert install_profiles(state.apps.get_model("protocol", "ProtocolProfile"),
                            state.apps.get_model("protocol", "EscalationStage")) == 5
    assert counts() == before
    assert snapshot() == stages_before
    assert active_slugs() == ["westminster"]
