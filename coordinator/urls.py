"""Root URLs. Each app's own table of who may reach which URL sits beside its urls as
``access.py``; tests/test_permissions.py walks them all."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .auth_forms import QueuedPasswordResetForm
from .views import accounts, audit, home, privacy, residents, settlement

resident_patterns = (
    [
        path("", residents.resident_list, name="list"),
        path("new/", residents.resident_create, name="create"),
        path("export/", residents.resident_export, name="export"),
        path("import/", residents.resident_import, name="import"),
        path("import/template/", residents.resident_import_template, name="import_template"),
        path("import/<int:pk>/confirm/", residents.resident_import_confirm, name="import_confirm"),
        path("<int:pk>/", residents.resident_detail, name="detail"),
        path("<int:pk>/edit/", residents.resident_edit, name="edit"),
        path("<int:pk>/archive/", residents.resident_archive, name="archive"),
        path("<int:pk>/restore/", residents.resident_restore, name="restore"),
        path("bulk/", residents.resident_bulk, name="bulk"),
        path("<int:pk>/personal-data/", privacy.resident_data_export, name="data_export"),
        path("<int:pk>/erase/", privacy.resident_erase, name="erase"),
    ],
    "residents",
)
household_patterns = (
    [
        path("", residents.household_list, name="list"),
        path("new/", residents.household_create, name="create"),
        path("<int:pk>/", residents.household_detail, name="detail"),
        path("<int:pk>/edit/", residents.household_edit, name="edit"),
    ],
    "households",
)
settlement_patterns = (
    [
        path("", settlement.settings_page, name="settings"),
        path("neighbourhoods/", settlement.neighbourhood_add, name="neighbourhood_add"),
        path(
            "neighbourhoods/<int:pk>/delete/",
            settlement.neighbourhood_delete,
            name="neighbourhood_delete",
        ),
        path("tags/", settlement.tag_add, name="tag_add"),
        path("tags/<int:pk>/delete/", settlement.tag_delete, name="tag_delete"),
    ],
    "settlement",
)
council_patterns = ([path("", home.council_dashboard, name="dashboard")], "council")
audit_patterns = (
    [
        path("", audit.audit_list, name="list"),
        path("<slug:kind>/<int:pk>/", audit.audit_detail, name="detail"),
    ],
    "audit",
)

account_patterns = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"
    ),
    path(
        "reset/",
        auth_views.PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("reset/sent/", auth_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "reset/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # Two-factor authentication (coordinator/two_factor.py)
    path("security/", accounts.security, name="security"),
    path("security/two-factor/", accounts.two_factor_setup, name="two_factor_setup"),
    path("security/two-factor/off/", accounts.two_factor_disable, name="two_factor_disable"),
    path("security/recovery-codes/", accounts.recovery_codes, name="recovery_codes"),
    path(
        "security/recovery-codes/new/",
        accounts.recovery_codes_regenerate,
        name="recovery_codes_regenerate",
    ),
    path("two-factor/", accounts.two_factor_verify, name="two_factor_verify"),
]

urlpatterns = [
    path("", home.home, name="home"),
    path("switch/", home.switch_settlement, name="switch_settlement"),
    path("residents/", include(resident_patterns)),
    path("households/", include(household_patterns)),
    path("settlement/", include(settlement_patterns)),
    path("council/", include(council_patterns)),
    path("audit/", include(audit_patterns)),
    path("committees/", include("committees.urls")),
    path("messages/", include("messaging.urls")),
    path("events/", include("events.urls")),
    path("classes/", include("events.urls_classes")),
    path("plans/", include("plans.urls")),
    path("competencies/", include("competencies.urls")),
    path("welfare/", include("welfare.urls")),
    path("", include("surveys.urls")),
    path("", include("committees.urls_public")),
    path("", include("events.urls_public")),
    path("", include("welfare.urls_public")),
    path("accounts/", include(account_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
