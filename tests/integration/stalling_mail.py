"""An e-mail backend for the worker of the kill test: it writes messages to files like the
file backend, and after MAIL_STALL_AFTER messages it stops, for ever, inside the sending
call (as a worker does whose SMTP connection hangs), so the test can kill the worker with
a batch claimed, sent, and not yet recorded."""

import os
import time
from collections.abc import Sequence
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.core.mail.message import EmailMessage

SENT = 0


class StallingBackend(FileBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        global SENT  # noqa: PLW0603  (one count per worker process)
        count = super().send_messages(email_messages)
        SENT += count
        stall_after = int(os.environ.get("MAIL_STALL_AFTER", "0"))
        if stall_after and SENT >= stall_after:
            Path(self.file_path, "stalled").write_text(str(SENT))  # type: ignore[attr-defined]
            time.sleep(3600)
        return count
