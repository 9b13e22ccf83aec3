"""The one place for site paths. A page is named by its Markdown source path (what MkDocs calls
src_uri); its URL follows from that, directory style, relative to the site root."""

CALCULATOR_DOC = "rechner.md"

# Pages that exist whatever the content: the hand-written start page and the generated fixed pages
# (guide.render.site_pages makes exactly these plus one page per model, aspect and chapter).
FIXED_DOCS = (
    "index.md",
    "modelle/index.md",
    "aspekte/index.md",
    "leitfaden/index.md",
    "quellen.md",
    CALCULATOR_DOC,
    "finder.md",
    "pfad.md",
    "arbeitszeit.md",
    "daten/index.md",
    "impressum.md",
    "datenschutz.md",
    "barrierefreiheit.md",
    "leichte-sprache.md",
    "glossar.md",
)


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
