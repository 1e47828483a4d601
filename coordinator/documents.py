"""Printing a document as PDF, for every module (the plan for the board, the emergency
team's offline sheet): in the settlement's language, right to left for Hebrew, in the
vendored DejaVu fonts (``static/fonts/``).

WeasyPrint is imported inside the functions, not with the module: it needs Pango from the
system and takes a moment to load, which only documents pay."""

from pathlib import Path
from typing import Any

from django.conf import settings

from .models import Settlement

FONTS_DIR = Path(settings.BASE_DIR) / "static" / "fonts"
PDF_CONTENT_TYPE = "application/pdf"


def fonts_only() -> Any:
    """A WeasyPrint fetcher that reads the vendored fonts and nothing else: the texts are
    the coordinator's, and a document must never fetch a file or a web address they name."""
    from weasyprint.urls import URLFetcher

    class FontsOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            allowed = FONTS_DIR.resolve().as_uri() + "/"
            if not url.startswith(allowed) or ".." in url:
                raise ValueError(f"Not fetched for a document: {url}")
            return super().fetch(url, headers)

    return FontsOnly()


def pdf_bytes(html: str) -> bytes:
    """``html`` (a whole document) printed as PDF by WeasyPrint."""
    import weasyprint

    document = weasyprint.HTML(
        string=html, base_url=str(settings.BASE_DIR), url_fetcher=fonts_only()
    )
    content: bytes = document.write_pdf()
    return content


def document_context(settlement: Settlement, language: str) -> dict[str, Any]:
    """What every PDF's shell needs: language, direction and where the fonts are."""
    return {
        "settlement": settlement,
        "language": language,
        "direction": "rtl" if language == "he" else "ltr",
        "fonts_url": FONTS_DIR.resolve().as_uri() + "/",
    }
