"""UrlMaker gives the urls ``reverse`` gives, one reverse a url name."""

from unittest import mock

import pytest
from django.urls import NoReverseMatch, reverse

from coordinator import url_maker
from coordinator.url_maker import UrlMaker


def test_the_urls_are_reverses_and_each_name_is_reversed_once():
    urls = UrlMaker()
    names = ["plans:line_edit", "committees:action_done", "events:detail", "classes:session"]
    with mock.patch.object(url_maker, "reverse", wraps=reverse) as reversing:
        made = {(name, pk): urls(name, pk) for name in names for pk in (1, 42, 987654321, 7)}
    assert made == {(name, pk): reverse(name, args=[pk]) for name, pk in made}
    assert reversing.call_count == len(names)


def test_a_name_without_one_pk_is_refused():
    with pytest.raises(NoReverseMatch):
        UrlMaker()("residents:list", 1)
