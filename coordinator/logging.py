"""Logs never hold passwords, tokens, session ids, request bodies or sensitive records.

``RedactingFilter`` sits on the handlers in ``settings.LOGGING``. For each record it:

- replaces the values of sensitive keys (password, token, secret, sessionid, csrftoken,
  cookie, authorization ...) in the message, whatever their shape: ``key=value`` as in a
  query string or a form body, ``"key": "value"`` as in JSON or a dict's repr,
  ``Cookie: sessionid=...``, ``Authorization: Bearer ...``; and the token of a password
  reset link (``/reset/<uid>/<token>/``);
- replaces arguments that are records of a sensitive model (``SENSITIVE = True``) by their
  kind and id, so their text is never formatted into a line;
- blanks attributes passed with ``extra=`` under a sensitive name;
- swaps the request Django attaches to its records (``django.request``,
  ``django.security``) for ``RedactedRequest``: the path and the query without secret
  values, no body, no cookies, no secret headers;
- applies the same to the traceback text.

The message is formatted once, redacted, and kept with no arguments.
"""

import logging
import re
from collections.abc import Mapping
from typing import Any

from django.http import HttpRequest, QueryDict
from django.http.request import HttpHeaders

REDACTED = "[redacted]"
_SENSITIVE_WORDS = (
    r"pass(?:word|wd|phrase)?|pwd|secret|token|api[_-]?key|session[_-]?(?:id|key)|"
    r"csrf\w*|cookie|authorization|otp|recovery[_-]?codes?"
)
SENSITIVE_KEY = re.compile(_SENSITIVE_WORDS, re.IGNORECASE)
_KEY = rf"[\w.-]*(?:{_SENSITIVE_WORDS})[\w.-]*"
_AUTHORIZATION = re.compile(
    r"(?P<key>(?:http_)?authorization)(?P<sep>[\"']?\s*[:=]\s*[\"']?)"
    r"(?P<value>(?:[A-Za-z]+\s+)?[^\s\"',;]+)",
    re.IGNORECASE,
)
_PAIR = re.compile(
    rf"(?P<key>{_KEY})(?P<sep>[\"']?\s*[:=]\s*)"
    rf"(?:(?P<quote>[\"'])(?P<quoted>.*?)(?P=quote)|(?P<bare>[^\s\"',;&)}}\]]+))",
    re.IGNORECASE,
)
_RESET_LINK = re.compile(r"(?P<prefix>/reset/[^/\s]+/)(?P<token>[^/\s?#\"']+)")
# Attributes every LogRecord has; anything else came in through ``extra=``.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
}


def _pair(match: re.Match[str]) -> str:
    if match.group("quote"):
        quote = match.group("quote")
        return f"{match.group('key')}{match.group('sep')}{quote}{REDACTED}{quote}"
    return f"{match.group('key')}{match.group('sep')}{REDACTED}"


def redact(text: str) -> str:
    """``text`` with the values of sensitive keys and reset tokens replaced."""
    text = _AUTHORIZATION.sub(lambda m: f"{m.group('key')}{m.group('sep')}{REDACTED}", text)
    text = _PAIR.sub(_pair, text)
    return _RESET_LINK.sub(lambda m: f"{m.group('prefix')}{REDACTED}", text)


def _is_sensitive_record(value: Any) -> bool:
    meta = getattr(type(value), "_meta", None)
    return meta is not None and bool(getattr(type(value), "SENSITIVE", False))


def _safe_argument(value: Any) -> Any:
    if _is_sensitive_record(value):
        return f"<{type(value)._meta.model_name} #{getattr(value, 'pk', '?')}>"
    return value


def _safe_arguments(args: Any) -> Any:
    if isinstance(args, Mapping):
        return {
            key: REDACTED if SENSITIVE_KEY.search(str(key)) else _safe_argument(value)
            for key, value in args.items()
        }
    if isinstance(args, tuple):
        return tuple(_safe_argument(value) for value in args)
    return args


def _redacted_query(query: QueryDict, everything: bool = False) -> QueryDict:
    safe = QueryDict(mutable=True)
    for key, values in query.lists():
        secret = everything or bool(SENSITIVE_KEY.search(key))
        safe.setlist(key, [REDACTED if secret else value for value in values])
    return safe


class RedactedRequest:
    """What log handlers may see of a request. Nothing else is reachable through it."""

    _PASSED_THROUGH = frozenset(
        {"user", "resolver_match", "scheme", "content_type", "encoding", "is_secure", "get_host"}
    )

    def __init__(self, request: HttpRequest) -> None:
        self._request = request
        self.method = request.method
        self.path = redact(request.path)
        self.path_info = redact(request.path_info)
        self.GET = _redacted_query(request.GET)
        try:
            posted = request.POST
        except Exception:  # a body that cannot be parsed (too large, malformed): none then
            posted = QueryDict()
        self.POST = _redacted_query(posted, everything=True)
        self.FILES: dict[str, Any] = {}
        self.COOKIES = {name: REDACTED for name in request.COOKIES}
        self.body = REDACTED.encode()
        self.META = {
            key: REDACTED if SENSITIVE_KEY.search(key) or key == "QUERY_STRING" else value
            for key, value in request.META.items()
            if isinstance(value, str | int | float | bool)
        }
        self.headers = HttpHeaders(self.META)

    def get_full_path(self) -> str:
        query = self.GET.urlencode(safe="[]")
        return f"{self.path}?{query}" if query else self.path

    def build_absolute_uri(self, location: str | None = None) -> str:
        return f"{self.scheme}://{self.get_host()}{location or self.get_full_path()}"

    def __getattr__(self, name: str) -> Any:
        if name in self._PASSED_THROUGH:
            return getattr(self._request, name)
        raise AttributeError(name)

    def __repr__(self) -> str:
        return f"<RedactedRequest: {self.method} {self.get_full_path()!r}>"


class RedactingFilter(logging.Filter):
    """Redact a record in place before any handler formats it (see the module's docstring).
    Never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            record.args = _safe_arguments(record.args)
            message = record.getMessage()
        except Exception:  # a malformed call: keep what it said, without its arguments
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        for name in list(vars(record)):
            if name not in _RECORD_ATTRIBUTES and SENSITIVE_KEY.search(name):
                setattr(record, name, REDACTED)
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            record.request = RedactedRequest(request)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
