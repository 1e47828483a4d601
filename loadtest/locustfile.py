"""The simulated people of the load test (locust): coordinators, chairs, council staff, and
residents answering a survey through their personal link or the shared one.

Run by ``python -m loadtest``, which passes the plan (accounts, pages, links; written by
``loadtest.prepare``) and the server's certificate through the environment:

- ``LOAD_PLAN``: the plan file; ``LOAD_CA``: the certificate the client trusts;
- ``LOAD_REQUESTS``: each simulated user's budget of requests (it stops when spent, and the
  run ends when every user has spent it, or at ``--run-time``);
- ``LOAD_WAIT``: the think time between two tasks, "min max" seconds;
- ``LOAD_MIX``: the weights of coordinator, chair, council staff, personal link and shared
  link (default "4 2 1 3 1");
- ``LOAD_FAILURES``: where the failed requests and their reasons are written at the end.

Every request is named "<kind>: <page>", so the report can count each kind. A request
fails when its status is not 2xx after redirects, or when it lands somewhere else than
expected (a login page, a form shown again with errors). Redirects are followed, as a
browser does: a POST's time includes the page it leads to.
"""

import hmac
import itertools
import json
import os
import random
import re
import struct
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from hashlib import sha1
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task
from locust.exception import StopUser

PLAN: dict[str, Any] = json.loads(Path(os.environ["LOAD_PLAN"]).read_text())
CA = os.environ["LOAD_CA"]
BUDGET = int(os.environ.get("LOAD_REQUESTS", "300"))
WAIT = [float(x) for x in os.environ.get("LOAD_WAIT", "0.5 2").split()]
MIX = [int(x) for x in os.environ.get("LOAD_MIX", "4 2 1 3 1").split()]

_spent_users = 0
_failures: Counter[tuple[str, str]] = Counter()


@events.request.add_listener
def _note_failure(request_type: str, name: str, exception: Any = None, **_kwargs: Any) -> None:
    if exception is not None:
        _failures[(f"{request_type} {name}", str(exception)[:300])] += 1


@events.quitting.add_listener
def _write_failures(**_kwargs: Any) -> None:
    """Every failed request with its reason, for the report (``LOAD_FAILURES``)."""
    rows = [
        {"request": request, "error": error, "count": count}
        for (request, error), count in _failures.most_common()
    ]
    with open(os.environ["LOAD_FAILURES"], "w") as file:
        json.dump(rows, file, indent=1)


def totp(key_hex: str, at: float | None = None) -> str:
    """The current 6-digit code of an authenticator app (RFC 6238: SHA-1, 30 s steps), as
    django-otp's TOTPDevice checks it."""
    counter = int((time.time() if at is None else at) // 30)
    digest = hmac.new(bytes.fromhex(key_hex), struct.pack(">Q", counter), sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


@dataclass
class Form:
    action: str
    fields: dict[str, Any] = field(default_factory=dict)


class FormParser(HTMLParser):
    """The page's POST forms, each with its fields: hidden values, and one answer for each
    question (the first choice of each group, a number, a short text)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = Form(action=a.get("action", ""))
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        fields = self._form.fields
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind in ("radio", "checkbox"):
                fields.setdefault(name, a.get("value", "on"))
            elif kind == "number":
                fields[name] = a.get("min") or "2"
            elif kind in ("hidden", "text", "email", "tel", "date"):
                fields[name] = a.get("value") or ("Load test" if kind == "text" else "")
        elif tag == "textarea" and name:
            fields[name] = "Load test"
        elif tag == "select" and name:
            self._select = name
            fields[name] = ""
        elif tag == "option" and self._select and a.get("value") and not fields[self._select]:
            fields[self._select] = a["value"]

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def parse_form(html: str) -> Form | None:
    """The page's main POST form: the one with the most fields (not the language switch)."""
    parser = FormParser()
    parser.feed(html)
    return max(parser.forms, key=lambda form: len(form.fields), default=None)


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


class Person(HttpUser):
    """What every simulated person shares: the trusted certificate, the request budget,
    and GET/POST helpers that name the request and check where it lands."""

    abstract = True
    wait_time = between(*WAIT)
    kind = "person"

    def on_start(self) -> None:
        self.client.verify = CA
        self.spent = 0

    def _count(self) -> None:
        global _spent_users
        self.spent += 1
        if self.spent >= BUDGET:
            _spent_users += 1
            if _spent_users >= self.environment.parsed_options.num_users:
                # Every user has spent its budget: end the run now, not at --run-time.
                runner = self.environment.runner
                if runner is not None:
                    import gevent

                    gevent.spawn_later(0.1, runner.quit)
            raise StopUser()

    def _check(self, response: Any, expect: Callable[[Any], str | None] | None) -> None:
        if not response.ok:
            response.failure(f"HTTP {response.status_code} at {response.url}")
            return
        problem = expect(response) if expect else None
        if problem:
            response.failure(problem)
        else:
            response.success()

    def get(self, page: str, url: str, expect: Callable[[Any], str | None] | None = None) -> Any:
        with self.client.get(url, name=f"{self.kind}: {page}", catch_response=True) as response:
            self._check(response, expect)
        self._count()
        return response

    def post(
        self,
        page: str,
        url: str,
        data: dict[str, Any],
        referer: str,
        expect: Callable[[Any], str | None] | None = None,
    ) -> Any:
        with self.client.post(
            url,
            data=data,
            headers={"Referer": referer},  # Django checks it on https (CSRF)
            name=f"{self.kind}: {page}",
            catch_response=True,
        ) as response:
            self._check(response, expect)
        self._count()
        return response


def _not_login(response: Any) -> str | None:
    path = response.url.split("//", 1)[-1].partition("/")[2]
    if path.startswith(("accounts/login", "accounts/two-factor", "accounts/security")):
        return f"sent to /{path}"
    return None


class Staff(Person):
    """A person with an account: logs in once (password, then the authenticator code)."""

    abstract = True
    role = ""
    _numbers: Any = None

    def on_start(self) -> None:
        super().on_start()
        accounts = PLAN[self.role]
        cls = type(self)
        if cls._numbers is None:
            cls._numbers = itertools.count()
        self.account = accounts[next(cls._numbers) % len(accounts)]
        self.login()

    def login(self) -> None:
        login_url = "/accounts/login/"
        page = self.get("login form", login_url)
        data = {
            "csrfmiddlewaretoken": csrf_token(page.text),
            "username": self.account["username"],
            "password": PLAN["password"],
        }
        step = self.post(
            "login", login_url, data, referer=page.url, expect=self._expect_two_factor_step
        )
        data = {"csrfmiddlewaretoken": csrf_token(step.text), "code": totp(self.account["key"])}
        self.post("two-factor code", step.url, data, referer=step.url, expect=_not_login)

    @staticmethod
    def _expect_two_factor_step(response: Any) -> str | None:
        return (
            None
            if "/accounts/two-factor/" in response.url
            else f"not asked for the code: {response.url}"
        )

    def page(self, name: str) -> Any:
        return self.get(name, self.account["pages"][name], expect=_not_login)


class Coordinator(Staff):
    weight = MIX[0]
    kind = "coordinator"
    role = "coordinators"

    @task(3)
    def home(self) -> None:
        self.page("home")

    @task(3)
    def residents(self) -> None:
        self.page("resident list")

    @task(2)
    def search(self) -> None:
        if "resident search" in self.account["pages"]:
            self.page("resident search")

    @task(2)
    def committee(self) -> None:
        if "committee page" in self.account["pages"]:
            self.page("committee page")

    @task(2)
    def calendar(self) -> None:
        self.page("calendar")

    @task(1)
    def plan(self) -> None:
        if "plan page" in self.account["pages"]:
            self.page("plan page")


class Chair(Staff):
    weight = MIX[1]
    kind = "chair"
    role = "chairs"

    def on_start(self) -> None:
        super().on_start()
        self.done = False
        self.tick_action_item()  # the errand they logged in for

    @task(2)
    def home(self) -> None:
        self.page("home")

    @task(2)
    def committee(self) -> None:
        self.page("committee page")

    @task(1)
    def tick_action_item(self) -> None:
        """Open the meeting and tick the chair's action item done (or open it again)."""
        meeting = self.page("meeting")
        data = {"csrfmiddlewaretoken": csrf_token(meeting.text)}
        if self.done:
            data["undo"] = "1"
        self.post(
            "action item done" if not self.done else "action item undone",
            self.account["action_done"],
            data,
            referer=meeting.url,
            expect=_not_login,
        )
        self.done = not self.done


class CouncilStaff(Staff):
    weight = MIX[2]
    kind = "council staff"
    role = "council_staff"

    @task(3)
    def dashboard(self) -> None:
        self.page("council dashboard")

    @task(1)
    def competencies(self) -> None:
        self.page("competencies council")


def _form_shown(response: Any) -> str | None:
    return None if 'class="js-survey"' in response.text else "no survey form on the page"


def _thanked(response: Any) -> str | None:
    """After answering, the page thanks (the form is not shown again with errors)."""
    if 'class="js-survey"' in response.text:
        return "the form came back (answers refused)"
    return None


class Respondent(Person):
    abstract = True

    def answer(self, url: str) -> None:
        page = self.get("survey form", url, expect=_form_shown)
        form = parse_form(page.text)
        if form is not None:
            self.post("survey answers", url, form.fields, referer=page.url, expect=_thanked)


# The personal links, each answered once: shuffled, then handed out in turn.
_links = list(PLAN["personal_links"])
random.Random(1).shuffle(_links)  # noqa: S311  (load mix)
_next_link = iter(_links)


class PersonalLinkResident(Respondent):
    """A resident answering through the personal link of an invitation: one answer per
    link, so each iteration takes a link nobody used yet (and stops when none is left)."""

    weight = MIX[3]
    kind = "resident (personal link)"

    @task
    def answer_invitation(self) -> None:
        link = next(_next_link, None)
        if link is None:
            raise StopUser()
        self.answer(link)


class SharedLinkResident(Respondent):
    """A resident answering through the survey's shared link, each iteration from a new
    device (the link takes one answer per device, remembered by a cookie)."""

    weight = MIX[4]
    kind = "resident (shared link)"

    @task
    def answer_shared(self) -> None:
        self.client.cookies.clear()
        self.answer(random.choice(PLAN["shared_links"]))  # noqa: S311  (load mix)
