// Intentionally empty. The calculator's client is calc-page.js, one ES module loaded from <head>
// (overrides/main.html). The page templates (guide/templates/calculator.md.j2, finder.md.j2)
// still carry a <script> tag for this file; delete it together with those two lines.
