"""The one place for site URLs (relative to the site root, directory style, as MkDocs builds them)."""

MODELS = "modelle/"
ASPECTS = "aspekte/"
CHAPTERS = "leitfaden/"
CALCULATOR = "rechner/"
FINDER = "finder/"
PATH = "pfad/"
WORKSHEET = "arbeitszeit/"
DATA = "daten/"
SOURCES = "quellen/"


def model_url(model_id: str) -> str:
    return f"{MODELS}{model_id}/"


def aspect_url(slug: str) -> str:
    return f"{ASPECTS}{slug}/"


def chapter_url(slug: str) -> str:
    return f"{CHAPTERS}{slug}/"


def model_doc(model_id: str) -> str:
    """Source path of the generated Markdown page (what MkDocs calls src_uri)."""
    return f"{MODELS}{model_id}.md"


def aspect_doc(slug: str) -> str:
    return f"{ASPECTS}{slug}.md"


def chapter_doc(slug: str) -> str:
    return f"{CHAPTERS}{slug}.md"


def doc_url(doc: str) -> str:
    """Directory URL of a Markdown page: 'rechner.md' -> 'rechner/', 'modelle/index.md' -> 'modelle/'."""
    stem = doc.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
