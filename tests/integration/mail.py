"""Reading what a real worker sent to the e-mail folder of its cluster."""

import re
from collections import Counter
from pathlib import Path

TO = re.compile(r"^To: (\S+)$", re.M)


def recipients(mail_dir: Path) -> Counter:
    """How many e-mails each address received."""
    counts: Counter = Counter()
    for path in mail_dir.glob("*.log"):
        for message in path.read_text(errors="replace").split("-" * 79):
            counts.update(TO.findall(message))
    return counts


def mail_text(mail_dir: Path) -> str:
    return "".join(path.read_text(errors="replace") for path in mail_dir.glob("*.log"))
