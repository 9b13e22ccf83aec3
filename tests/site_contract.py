"""The site's stable interfaces (shared/design/ARCHITECTURE.md), stated once for the tests:
model ids in URLs, aspect slugs, the calculator's model keys and input fields."""

MODEL_IDS = ["v1", "v2", "v3", "v4", "v5", "v6a-c", "v6d-f", "v7", "v7a", "v7b", "v8", "v9", "v10", "v11"]
ASPECT_SLUGS = ["personal", "strategie", "ziele", "finanzierung", "controlling", "netzwerke", "massnahmen"]
CALC_PAGES = ("rechner/", "finder/")  # the pages with the Pyodide runtime: calculator and Modell-Finder
MODEL_KEYS = ["V" + model_id[1:] for model_id in MODEL_IDS]  # "v6a-c" -> "V6a-c", as `python -m calc` takes them
# The calculator's input fields, as named in the query string and in `python -m calc estimate`.
ESTIMATE_FIELDS = ["model", "inhabitants", "municipalities", "cost_per_fte", "funding", "financially_weak", "years"]
# The finder example of the browser tests (Chromium and Firefox): a Landkreis with some money and staff.
LANDKREIS = {
    "kind": "landkreis",
    "inhabitants": 180000,
    "municipalities": 34,
    "history": "gering",
    "relevance": "hoch",
    "budget_per_inhabitant": 2.5,
    "staff_fte": 1.5,
}
