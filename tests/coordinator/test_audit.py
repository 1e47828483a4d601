"""The audit trail: history of every audited model with who and when, bulk changes
included; audit events for exports, imports and sensitive reads; the coordinator's page
over their settlement's trail only; no URL that changes the trail; logs without secrets."""

import io
import logging

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse
from django_scopes import scope, scopes_disabled
from simple_history.models import HistoricalChanges

from committees import services as committee_services
from committees.models import Committee
from coordinator import access_rules as r
from coordinator import services
from coordinator.history import acting_user, bulk_update_recorded, history_model
from coordinator.logging import REDACTED, RedactedRequest, RedactingFilter, redact
from coordinator.models import (
    AuditEvent,
    Household,
    ImportBatch,
    Membership,
    Resident,
    Role,
    Tag,
    User,
)
from tests import factories
from tests.test_permissions import PRODUCT_URLS, TABLES, kwargs_for, shared_world, world  # noqa: F401

NOW = factories.FIXED_NOW


def history_of(resident) -> list:
    """The resident's history rows, oldest first."""
    return list(Resident.history.filter(id=resident.pk).order_by("history_date", "history_id"))


def tag_names(row) -> set[str]:
    with scopes_disabled():
        return set(
            Tag.objects.filter(pk__in=row.tags.values("tag_id")).values_list("name", flat=True)
        )


@pytest.fixture
def registry(settlement):
    household = factories.HouseholdFactory(settlement=settlement, name="Hill house")
    volunteer = factories.TagFactory(settlement=settlement, name="volunteer")
    choir = factories.TagFactory(settlement=settlement, name="choir")
    return {"household": household, "volunteer": volunteer, "choir": choir}


# --- history through the pages ----------------------------------------------------------------


def test_create_edit_and_archive_are_recorded_with_user_and_time(
    coordinator_client, coordinator, settlement, registry
):
    response = coordinator_client.post(
        reverse("residents:create"),
        {
            "first_name": "Nova",
            "last_name": "Oseba",
            "birth_date": "1995-06-07",
            "household": registry["household"].pk,
            "preferred_language": "sl",
            "tags": [registry["volunteer"].pk],
        },
    )
    assert response.status_code == 302
    with scope(settlement=settlement.pk):
        resident = Resident.objects.get(first_name="Nova")
    created, tagged = history_of(resident)
    assert (created.history_type, tagged.history_type) == ("+", "~")
    assert created.history_user == coordinator and tagged.history_user == coordinator
    assert created.history_date == NOW  # the product's clock, not the wall clock
    assert created.settlement_id == settlement.pk
    assert tag_names(tagged) == {"volunteer"}

    response = coordinator_client.post(
        reverse("residents:edit", args=[resident.pk]),
        {
            "first_name": "Nova",
            "last_name": "Novak",
            "birth_date": "1995-06-07",
            "household": registry["household"].pk,
            "preferred_language": "sl",
            "tags": [registry["choir"].pk],
        },
    )
    assert response.status_code == 302
    *_, edited = history_of(resident)
    assert len(history_of(resident)) == 3  # fields and tags: one row for one edit
    assert (edited.history_type, edited.history_user) == ("~", coordinator)
    delta = edited.diff_against(tagged)
    assert {c.field for c in delta.changes} >= {"last_name", "tags"}
    assert tag_names(edited) == {"choir"}

    response = coordinator_client.post(reverse("residents:archive", args=[resident.pk]))
    assert response.status_code == 302
    *_, archived = history_of(resident)
    assert archived.archived_at == NOW and archived.history_user == coordinator
    assert tag_names(archived) == {"choir"}  # the tags of that moment are kept


def test_household_membership_committee_and_user_are_audited(coordinator, settlement):
    household = factories.HouseholdFactory(settlement=settlement, name="Brook house")
    with acting_user(coordinator), scope(settlement=settlement.pk):
        services.household_update(household=household, data={"address": "Brook 1"})
        chair = factories.member(settlement, Role.CHAIR)
        committee = committee_services.committee_create(
            settlement=settlement, data={"name": "Culture", "kind": "culture", "mandate": ""}
        )
        committee_services.committee_update(committee=committee, data={}, chairs=[chair])
    assert [row.history_type for row in Household.history.filter(id=household.pk)] == ["~", "+"]
    assert Household.history.filter(id=household.pk).first().history_user == coordinator
    assert Membership.history.filter(user_id=chair.pk, settlement_id=settlement.pk).exists()
    latest = Committee.history.filter(id=committee.pk).first()
    assert latest.history_user == coordinator
    assert list(latest.chairs.values_list("user_id", flat=True)) == [chair.pk]


def test_user_history_never_holds_the_password_and_logins_add_nothing(client, coordinator):
    table = history_model(User)
    assert "password" not in {f.name for f in table._meta.fields}
    assert "last_login" not in {f.name for f in table._meta.fields}
    rows = User.history.filter(id=coordinator.pk).count()
    client.force_login(coordinator)  # sets last_login: no row for that
    coordinator.refresh_from_db()
    assert coordinator.last_login is not None
    assert User.history.filter(id=coordinator.pk).count() == rows
    coordinator.set_password("another horse battery")
    coordinator.save()  # a password change is recorded: when and by whom, not the hash
    assert User.history.filter(id=coordinator.pk).count() == rows + 1


def test_a_tag_added_from_the_tag_side_is_recorded_on_the_resident(settlement):
    resident = factories.ResidentFactory(settlement=settlement)
    tag = factories.TagFactory(settlement=settlement, name="choir")
    with scope(settlement=settlement.pk):
        tag.residents.add(resident)
    latest = history_of(resident)[-1]
    assert latest.history_type == "~" and tag_names(latest) == {"choir"}


def test_a_task_or_command_names_its_user(settlement, coordinator):
    resident = factories.ResidentFactory(settlement=settlement)
    with acting_user(coordinator), scope(settlement=settlement.pk):
        services.resident_update(resident=resident, data={"phone": "+386 1 234"})
    assert history_of(resident)[-1].history_user == coordinator
    with scope(settlement=settlement.pk):
        services.resident_update(resident=resident, data={"phone": "+386 1 235"})
    assert history_of(resident)[-1].history_user is None  # nobody: not the last user


# --- bulk changes -------------------------------------------------------------------------------


@pytest.fixture
def listed(settlement, other_settlement, registry):
    mine = [
        factories.ResidentFactory(settlement=settlement, last_name=f"Mine{n}") for n in range(3)
    ]
    for resident in mine:
        resident.tags.add(registry["volunteer"])
    theirs = factories.ResidentFactory(settlement=other_settlement, last_name="Theirs")
    return {"mine": mine, "theirs": theirs}


def test_bulk_archive_is_recorded_for_each_resident_and_ignores_other_settlements(
    coordinator_client, coordinator, settlement, listed
):
    mine, theirs = listed["mine"], listed["theirs"]
    before_theirs = len(history_of(theirs))
    response = coordinator_client.post(
        reverse("residents:bulk"),
        {
            "bulk-action": "archive",
            "bulk-ids": [mine[0].pk, mine[1].pk, theirs.pk],
            "bulk-query": "q=Mine",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("residents:list") + "?q=Mine"
    with scopes_disabled():
        assert Resident.objects.get(pk=mine[0].pk).archived_at == NOW
        assert Resident.objects.get(pk=mine[1].pk).archived_at == NOW
        assert Resident.objects.get(pk=mine[2].pk).archived_at is None
        assert Resident.objects.get(pk=theirs.pk).archived_at is None
    assert len(history_of(theirs)) == before_theirs
    for resident in mine[:2]:
        latest, previous = history_of(resident)[-1], history_of(resident)[-2]
        assert latest.history_user == coordinator and latest.archived_at == NOW
        # The bulk row keeps the tags: its diff is the archiving, not "every tag removed".
        assert {c.field for c in latest.diff_against(previous).changes} == {"archived_at"}
    trail = coordinator_client.get(reverse("audit:list"), {"kind": "resident"})
    by_bulk = [
        (e.record_id, e.action)
        for e in trail.context["entries"]
        if e.user_name == "coord" and e.record_id in {mine[0].pk, mine[1].pk}
    ]
    assert sorted(by_bulk) == sorted([(mine[0].pk, "changed"), (mine[1].pk, "changed")])


def test_bulk_tag_records_the_tags_after_the_change(
    coordinator_client, coordinator, settlement, listed, registry
):
    mine = listed["mine"]
    response = coordinator_client.post(
        reverse("residents:bulk"),
        {"bulk-action": "tag", "bulk-tag": registry["choir"].pk, "bulk-ids": [mine[0].pk]},
    )
    assert response.status_code == 302
    latest, previous = history_of(mine[0])[-1], history_of(mine[0])[-2]
    assert latest.history_user == coordinator
    assert tag_names(latest) == {"volunteer", "choir"}
    changes = {c.field: c for c in latest.diff_against(previous).changes}
    assert "tags" in changes
    # Posting the same again changes (and records) nothing.
    rows = len(history_of(mine[0]))
    coordinator_client.post(
        reverse("residents:bulk"),
        {"bulk-action": "tag", "bulk-tag": registry["choir"].pk, "bulk-ids": [mine[0].pk]},
    )
    assert len(history_of(mine[0])) == rows


def test_bulk_refuses_what_it_cannot_do(coordinator_client, listed, other_settlement):
    url = reverse("residents:bulk")
    assert coordinator_client.get(url).status_code == 405
    assert coordinator_client.post(url, {"bulk-action": "archive"}).status_code == 400
    assert coordinator_client.post(url, {"bulk-ids": [listed["mine"][0].pk]}).status_code == 400
    no_tag = {"bulk-action": "tag", "bulk-ids": [listed["mine"][0].pk]}
    assert coordinator_client.post(url, no_tag).status_code == 400
    alien_tag = factories.TagFactory(settlement=other_settlement)
    wrong = {**no_tag, "bulk-tag": alien_tag.pk}
    assert coordinator_client.post(url, wrong).status_code == 400
    only_theirs = {"bulk-action": "archive", "bulk-ids": [listed["theirs"].pk]}
    assert coordinator_client.post(url, only_theirs).status_code == 404
    with scopes_disabled():
        assert not Resident.objects.filter(archived_at__isnull=False).exists()


def test_the_list_offers_checkboxes_to_the_coordinator_only(
    client, coordinator_client, settlement, listed
):
    page = coordinator_client.get(reverse("residents:list")).content.decode()
    assert 'id="bulk-form"' in page
    assert f'name="bulk-ids" value="{listed["mine"][0].pk}"' in page
    assert f'<label class="visually-hidden" for="select-resident-{listed["mine"][0].pk}">' in page
    partial = coordinator_client.get(reverse("residents:list"), headers={"HX-Request": "true"})
    assert 'name="bulk-ids"' in partial.content.decode()
    assert "<html" not in partial.content.decode()
    client.force_login(factories.member(settlement, Role.SOCIAL_WORKER))
    page = client.get(reverse("residents:list")).content.decode()
    assert "bulk-form" not in page and "bulk-ids" not in page


def test_removing_a_neighbourhood_or_a_tag_is_recorded_on_the_residents(
    coordinator_client, coordinator, settlement, registry
):
    hill = factories.NeighbourhoodFactory(settlement=settlement, name="Hill")
    resident = factories.ResidentFactory(settlement=settlement, neighbourhood=hill)
    resident.tags.add(registry["volunteer"], registry["choir"])
    household = factories.HouseholdFactory(settlement=settlement, neighbourhood=hill)
    coordinator_client.post(reverse("settlement:neighbourhood_delete", args=[hill.pk]))
    latest = history_of(resident)[-1]
    assert latest.neighbourhood_id is None and latest.history_user == coordinator
    assert tag_names(latest) == {"volunteer", "choir"}
    assert Household.history.filter(id=household.pk).first().neighbourhood_id is None
    coordinator_client.post(reverse("settlement:tag_delete", args=[registry["choir"].pk]))
    assert tag_names(history_of(resident)[-1]) == {"volunteer"}


def test_bulk_helper_without_many_to_many_uses_simple_history(settlement, coordinator):
    households = factories.HouseholdFactory.create_batch(2, settlement=settlement)
    for household in households:
        household.address = "New road"
    with scope(settlement=settlement.pk):
        bulk_update_recorded(households, model=Household, fields=["address"], user=coordinator)
    for household in households:
        latest = Household.history.filter(id=household.pk).first()
        assert (latest.address, latest.history_user) == ("New road", coordinator)


# --- audit events ---------------------------------------------------------------------------


def test_exports_are_recorded_with_filters_and_rows(
    coordinator_client, coordinator, listed, registry
):
    volunteer = registry["volunteer"]
    response = coordinator_client.get(
        reverse("residents:export"), {"format": "csv", "tag": volunteer.pk, "q": "Mine"}
    )
    assert response.status_code == 200
    with scopes_disabled():
        [event] = AuditEvent.objects.all()
    assert (event.action, event.actor, event.object_type) == ("exported", coordinator, "resident")
    assert "3 rows" in event.summary and f"tag_id={volunteer.pk}" in event.summary
    assert "search text" in event.summary and "Mine" not in event.summary  # no names kept


def test_imports_are_recorded_with_counts(coordinator_client, coordinator, settlement):
    content = b"first_name,last_name\nAda,Import\nBo,Import\n"
    coordinator_client.post(
        reverse("residents:import"), {"file": SimpleUploadedFile("r.csv", content)}
    )
    with scopes_disabled():
        batch = ImportBatch.objects.get(settlement=settlement)
    response = coordinator_client.post(reverse("residents:import_confirm", args=[batch.pk]))
    assert response.status_code == 302
    with scopes_disabled():
        [event] = AuditEvent.objects.filter(action="imported")
        ada = Resident.objects.get(first_name="Ada")
    assert event.actor == coordinator and "2 new" in event.summary
    assert history_of(ada)[0].history_user == coordinator


def test_reads_of_sensitive_records_are_recorded(coordinator_client, coordinator, settlement):
    resident = factories.ResidentFactory(settlement=settlement)
    url = reverse("residents:detail", args=[resident.pk])
    coordinator_client.get(url)
    with scopes_disabled():
        assert not AuditEvent.objects.exists()  # residents are not sensitive (yet)
    Resident.SENSITIVE = True  # as a welfare case will declare
    try:
        coordinator_client.get(url)
    finally:
        del Resident.SENSITIVE
    with scopes_disabled():
        [event] = AuditEvent.objects.all()
    assert (event.action, event.actor, event.object_type, event.object_id) == (
        "read",
        coordinator,
        "resident",
        resident.pk,
    )
    assert event.settlement_id == settlement.pk and event.summary == ""
    assert services.record_read(user=coordinator, obj=resident) is None


# --- the page ---------------------------------------------------------------------------------


@pytest.fixture
def two_trails(coordinator_client, settlement, other_settlement, other_settlement_coordinator):
    mine = factories.ResidentFactory(settlement=settlement, first_name="Homely", last_name="Own")
    theirs = factories.ResidentFactory(
        settlement=other_settlement, first_name="Faraway", last_name="Stranger"
    )
    factories.HouseholdFactory(settlement=other_settlement, name="Stranger house")
    factories.CommitteeFactory(settlement=other_settlement, name="Stranger committee")
    AuditEvent.objects.create(
        settlement=other_settlement, action="exported", object_type="resident", summary="far"
    )
    AuditEvent.objects.create(
        settlement=settlement, action="exported", object_type="resident", summary="near"
    )
    return {"mine": mine, "theirs": theirs}


def test_the_page_shows_only_the_own_settlement(coordinator_client, two_trails):
    response = coordinator_client.get(reverse("audit:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Own, Homely" in page and "near" in page
    assert "Stranger" not in page and "Faraway" not in page and "far<" not in page
    assert "no-store" in response["Cache-Control"]
    theirs = Resident.history.filter(id=two_trails["theirs"].pk).first()
    detail = reverse("audit:detail", kwargs={"kind": "resident", "pk": theirs.history_id})
    assert coordinator_client.get(detail).status_code == 404
    with scopes_disabled():
        far = AuditEvent.objects.get(summary="far")
    far_url = reverse("audit:detail", kwargs={"kind": "event", "pk": far.pk})
    assert coordinator_client.get(far_url).status_code == 404
    unknown = reverse("audit:detail", kwargs={"kind": "nothing", "pk": 1})
    assert coordinator_client.get(unknown).status_code == 404


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.SECRETARY, Role.CHAIR, Role.BOARD])
def test_only_the_coordinator_reads_the_trail(client, settlement, two_trails, role):
    client.force_login(factories.member(settlement, role))
    assert client.get(reverse("audit:list")).status_code == 404
    assert "/audit/" not in client.get(reverse("home")).content.decode()


def test_the_navigation_links_the_trail_between_settings_and_council(coordinator_client):
    from coordinator import registry

    names = [item.url_name for item in registry.nav_items]
    assert names.index("settlement:settings") < names.index("audit:list")
    assert names.index("audit:list") < names.index("council:dashboard")
    assert 'href="/audit/"' in coordinator_client.get(reverse("home")).content.decode()


def test_filters_by_kind_user_and_dates(coordinator_client, coordinator, settlement, two_trails):
    with acting_user(coordinator), scope(settlement=settlement.pk):
        services.resident_update(resident=two_trails["mine"], data={"phone": "+386 1"})
    url = reverse("audit:list")
    kinds = {e.kind for e in coordinator_client.get(url, {"kind": "event"}).context["entries"]}
    assert kinds == {"event"}
    by_me = coordinator_client.get(url, {"user": coordinator.pk}).context["entries"]
    assert [(e.kind, e.action, e.title) for e in by_me] == [("resident", "changed", "Own, Homely")]
    assert coordinator_client.get(url, {"date_from": "2026-11-24"}).context["entries"] == []
    today = coordinator_client.get(url, {"date_from": "2026-11-23", "date_to": "2026-11-23"})
    assert len(today.context["entries"]) == len(coordinator_client.get(url).context["entries"])
    assert coordinator_client.get(url, {"kind": "bogus"}).status_code == 200  # dropped


def test_pages_of_25_newest_first(coordinator_client, settlement):
    factories.ResidentFactory.create_batch(30, settlement=settlement)
    response = coordinator_client.get(reverse("audit:list"))
    entries = response.context["entries"]
    assert len(entries) == 25 and response.context["page"].paginator.num_pages == 2
    keys = [(e.at, e.entry_id) for e in entries if e.kind == "resident"]
    assert keys == sorted(keys, reverse=True)


def test_the_detail_shows_each_field_before_and_after(coordinator_client, coordinator, settlement):
    hill = factories.NeighbourhoodFactory(settlement=settlement, name="Hill")
    resident = factories.ResidentFactory(
        settlement=settlement, first_name="Iris", last_name="Old", consent_to_contact=False
    )
    coordinator_client.post(
        reverse("residents:edit", args=[resident.pk]),
        {
            "first_name": "Iris",
            "last_name": "New",
            "birth_date": "1980-05-17",
            "neighbourhood": hill.pk,
            "preferred_language": "he",
            "consent_to_contact": "on",
            "email": resident.email,
            "phone": resident.phone,
        },
    )
    edited = history_of(resident)[-1]
    response = coordinator_client.get(
        reverse("audit:detail", kwargs={"kind": "resident", "pk": edited.history_id})
    )
    assert response.status_code == 200
    changes = {c.field: (c.before, c.after) for c in response.context["detail"].changes}
    assert changes == {
        "last name": ("Old", "New"),
        "neighbourhood": ("", "Hill"),
        "preferred language": ("English", "Hebrew"),
        "agrees to be contacted": ("No", "Yes"),
    }
    page = response.content.decode()
    assert ">Changes, field by field</caption>" in page and "Hebrew" in page
    created = history_of(resident)[0]
    first = coordinator_client.get(
        reverse("audit:detail", kwargs={"kind": "resident", "pk": created.history_id})
    )
    shown = {c.field: c.after for c in first.context["detail"].changes}
    assert shown["first name"] == "Iris" and shown["last name"] == "Old"


def test_the_history_tables_are_not_in_the_admin():
    registered = set(admin.site._registry)
    assert not [m for m in registered if issubclass(m, HistoricalChanges)]
    event_admin = admin.site._registry.get(AuditEvent)
    if event_admin is not None:  # read-only
        request = RequestFactory().get("/admin/")
        request.user = User(is_superuser=True, is_staff=True, is_active=True)
        assert not event_admin.has_add_permission(request)
        assert not event_admin.has_change_permission(request)
        assert not event_admin.has_delete_permission(request)


# --- no URL changes the trail ---------------------------------------------------------------


def trail_tables() -> list:
    models = [m for m in apps.get_models() if issubclass(m, HistoricalChanges)]
    return [*models, AuditEvent]


def trail_snapshot() -> dict:
    with scopes_disabled():
        return {
            (model._meta.label, obj.pk): model_to_dict(
                obj, fields=[f.name for f in model._meta.fields]
            )
            for model in trail_tables()
            for obj in model._default_manager.all()
        }


def test_no_url_changes_or_deletes_trail_rows(client, world):  # noqa: F811
    """Every POST URL of the product, posted by the coordinator: each row that was in a
    history table or the audit events stays, unchanged."""
    with scopes_disabled():
        AuditEvent.objects.create(
            settlement_id=world.home["resident"].settlement_id,
            actor=world.users[r.COORDINATOR],
            action="exported",
            object_type="resident",
            object_id=world.home["resident"].pk,
            summary="csv export, 1 rows",
        )
    before = trail_snapshot()
    assert len({label for label, _pk in before}) >= 7  # residents, their tags, users ...
    for name in PRODUCT_URLS:
        rule = TABLES[name]
        client.force_login(world.users[r.COORDINATOR])
        client.post(reverse(name, kwargs=kwargs_for(rule, world.home)), {})
    after = trail_snapshot()
    missing = sorted(key for key in before if key not in after)
    changed = sorted(key for key in before if key in after and before[key] != after[key])
    assert missing == [] and changed == []
    trail_urls = [name for name in PRODUCT_URLS if name.startswith("audit:")]
    assert trail_urls and all(TABLES[name].post.ok == 405 for name in trail_urls)


# --- logs -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("message", "secret"),
    [
        ("login failed password=hunter2 for ana", "hunter2"),
        ('payload {"password": "correct horse", "username": "ana"}', "correct horse"),
        ("{'token': 'abc123', 'x': 1}", "abc123"),
        ("Cookie: sessionid=s3ss10n; csrftoken=c5rf", "s3ss10n"),
        ("Cookie: sessionid=s3ss10n; csrftoken=c5rf", "c5rf"),
        ("Authorization: Bearer eyJhbGci.payload", "eyJhbGci"),
        ("GET /accounts/reset/MQ/cabc12-0123456789abcdef/ 200", "cabc12-0123456789abcdef"),
        ("GET /x/?api_key=K3Y&page=2", "K3Y"),
        ("csrfmiddlewaretoken=AbCd&first_name=Ana", "AbCd"),
        ("secret: s3cr3t", "s3cr3t"),
    ],
)
def test_redact_hides_secret_values(message, secret):
    redacted = redact(message)
    assert secret not in redacted and REDACTED in redacted


def test_redact_keeps_ordinary_text():
    assert redact("Archived 3 residents in Home Village") == "Archived 3 residents in Home Village"
    assert redact("page=2&q=choir") == "page=2&q=choir"


def log_through_root(logger_name: str, *args, **kwargs) -> str:
    """Log through the handler settings.LOGGING put on the root logger, and read it."""
    [handler] = [
        h
        for h in logging.getLogger().handlers
        if isinstance(h, logging.StreamHandler)
        and any(isinstance(f, RedactingFilter) for f in h.filters)
    ]
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        logging.getLogger(logger_name).warning(*args, **kwargs)
    finally:
        handler.setStream(previous)
    return stream.getvalue()


def test_the_root_handler_redacts_arguments_extras_and_records(settings, settlement):
    assert settings.LOGGING["handlers"]["console"]["filters"] == ["redact"]
    output = log_through_root("coordinator.test", "user %s password %s", "ana", "password=pw1")
    assert "ana" in output and "pw1" not in output
    output = log_through_root("coordinator.test", "login %(password)s", {"password": "pw2"})
    assert "pw2" not in output
    resident = factories.ResidentFactory(settlement=settlement, first_name="Welfare")
    Resident.SENSITIVE = True
    try:
        output = log_through_root("coordinator.test", "opened %s", resident)
    finally:
        del Resident.SENSITIVE
    assert "Welfare" not in output and f"<resident #{resident.pk}>" in output


def test_django_request_records_lose_body_cookies_and_secret_query(settings):
    request = RequestFactory().post(
        "/accounts/login/?next=/residents/&token=t0k",
        {"username": "ana", "password": "pw3"},
        HTTP_COOKIE="sessionid=s3ss; csrftoken=c5rf",
        HTTP_AUTHORIZATION="Bearer b34r3r",
    )
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Bad Request: %s", (request.path,), None
    )
    record.request = request
    RedactingFilter().filter(record)
    safe = record.request
    assert isinstance(safe, RedactedRequest)
    shown = repr(safe) + str(safe.POST) + str(safe.COOKIES) + str(safe.META) + str(safe.body)
    shown += safe.get_full_path() + str(dict(safe.headers))
    for secret in ("pw3", "s3ss", "c5rf", "b34r3r", "t0k"):
        assert secret not in shown
    assert "next=%2Fresidents%2F" in safe.get_full_path() or "next=/residents/" in shown
    with pytest.raises(AttributeError):
        safe.read  # noqa: B018 (the body cannot be reached through it)
    output = log_through_root(
        "django.request", "Bad Request: %s", "/x/", extra={"request": request}
    )
    assert "pw3" not in output
