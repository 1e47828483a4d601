"""Welfare data at rest: the database holds only ciphertext under keys of their own;
a wrong key fails loudly; keys rotate; the column cannot be searched; nothing of a case
goes to a history table; the access log cannot be changed or deleted."""

import io

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django_scopes import scope, scopes_disabled

from coordinator.history import AuditedHistory
from tests import factories
from welfare import crypto
from welfare.models import AppendOnly, CaseAccess, CaseNote, WelfareCase

SECRET = "Behind on rent since the father lost his job"
NOTE = "Spoke with the mother; the social worker will call on Sunday"


def raw(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608  (names are ours)
        return [row[0] for row in cursor.fetchall()]


def test_the_database_row_holds_no_plain_text(db, settings):
    case = factories.WelfareCaseFactory(need_details=SECRET)
    factories.CaseNoteFactory(case=case, text=NOTE)
    (details,) = raw("welfare_welfarecase", "need_details")
    (note,) = raw("welfare_casenote", "text")
    for stored, plain in ((details, SECRET), (note, NOTE)):
        assert stored.startswith(crypto.PREFIX)
        for word in plain.split():
            if len(word) > 3:
                assert word not in stored
        assert settings.SECRET_KEY not in stored
    with scope(settlement=case.settlement_id):
        assert WelfareCase.objects.get().need_details == SECRET
        assert CaseNote.objects.get().text == NOTE


def test_an_empty_text_is_encrypted_too(db):
    factories.WelfareCaseFactory(need_details="")
    (stored,) = raw("welfare_welfarecase", "need_details")
    assert stored.startswith(crypto.PREFIX) and len(stored) > 50


def test_a_wrong_key_raises_instead_of_showing_ciphertext(db):
    case = factories.WelfareCaseFactory(need_details=SECRET)
    with override_settings(WELFARE_KEYS=[Fernet.generate_key().decode()]):
        with scope(settlement=case.settlement_id), pytest.raises(crypto.UndecryptableValue):
            WelfareCase.objects.get(pk=case.pk)


def test_keys_of_the_wrong_shape_or_none_are_refused(db):
    from django.core.exceptions import ImproperlyConfigured

    for keys in ([], ["not-a-key"]):
        with override_settings(WELFARE_KEYS=keys), pytest.raises(ImproperlyConfigured):
            crypto.encrypt("x")
    with pytest.raises(crypto.UndecryptableValue):
        crypto.decrypt("plain text that was never encrypted")


def test_keys_rotate(db, settings):
    new, old = settings.WELFARE_KEYS
    with override_settings(WELFARE_KEYS=[old]):
        case = factories.WelfareCaseFactory(need_details=SECRET)
        factories.CaseNoteFactory(case=case, text=NOTE)
    before = raw("welfare_welfarecase", "need_details")
    out = io.StringIO()
    call_command("welfare_rotate_keys", stdout=out)
    assert "welfare.WelfareCase.need_details: 1 values re-encrypted" in out.getvalue()
    after = raw("welfare_welfarecase", "need_details")
    assert after != before
    with override_settings(WELFARE_KEYS=[new]), scope(settlement=case.settlement_id):
        assert WelfareCase.objects.get().need_details == SECRET  # the new key alone reads it
        assert CaseNote.objects.get().text == NOTE
    with override_settings(WELFARE_KEYS=[old]), scope(settlement=case.settlement_id):
        with pytest.raises(crypto.UndecryptableValue):
            WelfareCase.objects.get()  # and the old one no longer does


def test_the_encrypted_column_cannot_be_searched(db):
    with scopes_disabled():
        with pytest.raises(TypeError):
            WelfareCase.objects.filter(need_details__icontains="rent")
        with pytest.raises(TypeError):
            WelfareCase.objects.filter(need_details=SECRET)
        assert not WelfareCase.objects.filter(need_details__isnull=True).exists()


def test_no_history_table_keeps_a_case():
    for model in (WelfareCase, CaseNote):
        assert not any(isinstance(v, AuditedHistory) for v in vars(model).values())
        assert not hasattr(model, "history")


def test_the_access_log_cannot_be_changed_or_deleted(db):
    case = factories.WelfareCaseFactory()
    user = factories.UserFactory()
    entry = CaseAccess.objects.create(
        settlement_id=case.settlement_id,
        case_id=case.pk,
        user=user,
        action=CaseAccess.Action.OPENED,
        reason="The family asked for help",
        at=factories.FIXED_NOW,
    )
    entry.reason = "something else"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        CaseAccess.objects.filter(pk=entry.pk).update(reason="x")
    with pytest.raises(AppendOnly):
        CaseAccess.objects.all().delete()
    assert CaseAccess.objects.get().reason == "The family asked for help"
    CaseAccess.objects.filter(pk=entry.pk)._purge()  # the retention job's way
    assert not CaseAccess.objects.exists()


def test_no_history_table_keeps_welfare_text():
    """Referrals, fund requests and the list of residents who need help hold encrypted
    text too: none of them has a history table that would keep it in the clear."""
    from welfare.models import FundRequest, Referral, VulnerableResident

    for model in (Referral, FundRequest, VulnerableResident):
        assert not hasattr(model, "history")


def test_no_page_of_the_product_reaches_the_access_log():
    """The admin holds nothing of welfare (the log included), and only the retention job
    deletes entries of the log."""
    import pathlib

    from django.contrib import admin

    assert not [m for m in admin.site._registry if m._meta.app_label == "welfare"]
    root = pathlib.Path(__file__).resolve().parents[2]
    callers = {
        path.relative_to(root).as_posix()
        for path in root.glob("[!.]*/**/*.py")
        if ".venv" not in path.parts
        and "tests" not in path.parts
        and "._purge(" in path.read_text()
    }
    assert callers == {"welfare/services_retention.py"}
