"""Authentication by user name and password, without Django's model permissions.

What a user may do comes from memberships and ``rules`` predicates. Django's
``ModelBackend`` would also be asked for every permission the rules deny, costing two
queries (user and group permissions) on each page; this backend answers those from the
user row alone: a superuser may everything, everyone else nothing by model permission."""

from typing import Any

from django.contrib.auth.backends import ModelBackend


class PasswordBackend(ModelBackend):
    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return bool(user_obj.is_active and user_obj.is_superuser)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return bool(user_obj.is_active and user_obj.is_superuser)
