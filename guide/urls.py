"""The one place for site paths. A page is named by its Markdown source path (what MkDocs calls
src_uri); its URL follows from that, directory style, relative to the site root."""

CALCULATOR_DOC = "rechner.md"


def model_doc(model_id: str) -> str:
    return f"modelle/{model_id}.md"


def aspect_doc(slug: str) -> str:
    return f"aspekte/{slug}.md"


def chapter_doc(slug: str) -> str:
    return f"leitfaden/{slug}.md"


def doc_url(doc: str) -> str:
    """Directory URL of a Markdown page: 'rechner.md' -> 'rechner/', 'modelle/index.md' -> 'modelle/'."""
    stem = doc.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"
