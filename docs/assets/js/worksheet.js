// IST/SOLL worksheet (/arbeitszeit/): sums, differences, Landkreis filter, CSV export, print,
// localStorage persistence. Nothing leaves the browser.
(function () {
  "use strict";
  const KEY = "ksm-arbeitszeit-v1";
  // Created on first use: building a German number format loads locale data (about 40 ms on a
  // slow machine), which every other page would pay for at load time.
  let formatter = null;
  const fmt = { format: (n) => (formatter ||= new Intl.NumberFormat("de-DE", { maximumFractionDigits: 1 })).format(n) };

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY) || "{}"); } catch (e) { return {}; }
  }

  function save(root) {
    const data = {};
    for (const el of root.querySelectorAll("input[type=number]")) if (el.value !== "") data[el.name] = el.value;
    data["ws-kind"] = root.querySelector("[name=ws-kind]:checked").value;
    try { localStorage.setItem(KEY, JSON.stringify(data)); } catch (e) { /* storage full or disabled */ }
  }

  // A share of working time: 0 to 100 %. Values outside count as 0 and are marked at the field.
  function outOfRange(el) {
    const n = Number(el.value);
    return el.value !== "" && (!Number.isFinite(n) || n < 0 || n > 100);
  }

  function value(el) {
    return el.value === "" || outOfRange(el) ? 0 : Number(el.value);
  }

  function visible(el) { return !el.closest("[hidden]"); }

  function update(root) {
    const landkreis = root.querySelector("[name=ws-kind]:checked").value === "landkreis";
    for (const el of root.querySelectorAll("[data-landkreis-only]")) el.hidden = !landkreis;
    const totals = { ist: 0, soll: 0 };
    for (const group of root.querySelectorAll("tbody[data-group]")) {
      const sums = { ist: 0, soll: 0 };
      for (const row of group.querySelectorAll("tr[data-task]")) {
        const ist = row.querySelector("[name^=ist-]");
        const soll = row.querySelector("[name^=soll-]");
        const diffCell = row.querySelector(".ws-diff");
        row.classList.remove("ws-diff-up", "ws-diff-down");
        diffCell.textContent = "";
        if (!visible(row)) continue;
        sums.ist += value(ist); sums.soll += value(soll);
        if (ist.value !== "" || soll.value !== "") {
          const diff = value(soll) - value(ist);
          diffCell.textContent = diff === 0 ? "±0" : `${diff > 0 ? "+" : "−"}${fmt.format(Math.abs(diff))} Prozentpunkte`;
          if (diff > 0) row.classList.add("ws-diff-up");
          if (diff < 0) row.classList.add("ws-diff-down");
        }
      }
      const id = group.dataset.group;
      group.querySelector(`[data-sum="ist-${id}"]`).textContent = `${fmt.format(sums.ist)} %`;
      group.querySelector(`[data-sum="soll-${id}"]`).textContent = `${fmt.format(sums.soll)} %`;
      if (visible(group)) { totals.ist += sums.ist; totals.soll += sums.soll; }
    }
    const problems = [];
    let invalid = 0;
    for (const el of root.querySelectorAll("input[type=number]")) {
      const bad = outOfRange(el) && visible(el);
      if (bad) { el.setAttribute("aria-invalid", "true"); invalid += 1; } else el.removeAttribute("aria-invalid");
    }
    if (invalid) problems.push(`${invalid === 1 ? "ein Feld liegt" : `${invalid} Felder liegen`} nicht zwischen 0 und 100 % (rot markiert, zählt als 0)`);
    for (const kind of ["ist", "soll"]) {
      const cell = root.querySelector(`[data-total="${kind}"]`);
      cell.textContent = `${fmt.format(totals[kind])} %`;
      const bad = ![0, 100].includes(Math.round(totals[kind] * 10) / 10);  // judge the shown value, not float noise
      cell.classList.toggle("ws-total-bad", bad);
      if (bad) problems.push(`${kind.toUpperCase()} ergibt ${fmt.format(totals[kind])} % statt 100 %`);
    }
    const empty = ["ist", "soll"].filter((kind) => totals[kind] === 0).map((kind) => kind.toUpperCase());
    const note = root.querySelector("[data-ws-note]");
    if (empty.length === 2 && !invalid) note.textContent = "Noch keine Angaben.";
    else if (problems.length) note.textContent = `Achtung: ${problems.join("; ")}.`;
    else if (empty.length) note.textContent = `${empty[0] === "IST" ? "SOLL" : "IST"} ergibt 100 %; die Spalte ${empty[0]} ist noch leer.`;
    else note.textContent = "IST und SOLL ergeben jeweils 100 %.";
    note.classList.toggle("ws-total-bad", problems.length > 0);
  }

  function csv(root) {
    const quote = (text) => `"${String(text).replace(/"/g, '""')}"`;
    const lines = [["Tabelle", "Gruppe", "Aufgabe", "IST %", "SOLL %", "Veränderung (Prozentpunkte)"].map(quote).join(";")];
    for (const table of root.querySelectorAll(".ws-table")) {
      const title = table.closest(".calc-scroll").previousElementSibling.textContent.trim();
      for (const group of table.querySelectorAll("tbody[data-group]")) {
        if (!visible(group)) continue;
        const groupTitle = group.querySelector(".ws-group th").textContent.trim();
        for (const row of group.querySelectorAll("tr[data-task]")) {
          if (!visible(row)) continue;
          const ist = row.querySelector("[name^=ist-]").value;
          const soll = row.querySelector("[name^=soll-]").value;
          const diff = ist === "" && soll === "" ? "" : fmt.format(value(row.querySelector("[name^=soll-]")) - value(row.querySelector("[name^=ist-]")));
          lines.push([title, groupTitle, row.querySelector("th").textContent.trim(), ist.replace(".", ","), soll.replace(".", ","), diff].map(quote).join(";"));
        }
      }
    }
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }

  function attach(root) {
    if (root.dataset.wsAttached) return;
    root.dataset.wsAttached = "1";
    const stored = load();
    for (const [name, val] of Object.entries(stored)) {
      if (name === "ws-kind") {
        const radio = root.querySelector(`[name=ws-kind][value="${CSS.escape(val)}"]`);
        if (radio) radio.checked = true;
      } else {
        const el = root.querySelector(`[name="${CSS.escape(name)}"]`);
        if (el) el.value = val;
      }
    }
    update(root);
    root.addEventListener("input", () => { update(root); save(root); });
    root.addEventListener("change", () => { update(root); save(root); });
    root.querySelector("[data-ws-csv]").addEventListener("click", () => {
      const blob = new Blob([csv(root)], { type: "text/csv;charset=utf-8" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "arbeitszeit-ist-soll.csv";
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    });
    root.querySelector("[data-ws-print]").addEventListener("click", () => window.print());
    root.querySelector("[data-ws-clear]").addEventListener("click", () => {
      for (const el of root.querySelectorAll("input[type=number]")) el.value = "";
      for (const radio of root.querySelectorAll("[name=ws-kind]")) radio.checked = radio.defaultChecked;
      try { localStorage.removeItem(KEY); } catch (e) { /* ignore */ }
      update(root);
    });
  }

  function scan() { for (const root of document.querySelectorAll("[data-worksheet]")) attach(root); }
  if (typeof document$ !== "undefined") document$.subscribe(scan);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", scan);
  else scan();
})();
