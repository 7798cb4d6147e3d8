// The support tracker tab: per state, committed against delivered (euros, Chart.js), and
// per state and capability area a table with the items and every figure's quote.
"use strict";

const AREAS = ["air_defence", "drones", "demining", "ammunition", "artillery", "armour", "maritime", "training", "financing", "other"];
let supportChart = null;

function euros(value) { return "EUR " + Math.round(value).toLocaleString("en-GB"); }
// A stage's euros in words: "no amount stated" rather than a bare 0 when nothing was said.
function stageEuros(r, stage) {
  const stated = r.with_amount[stage] || 0, unstated = r.no_amount[stage] || 0;
  const packages = `${unstated} statement${unstated > 1 ? "s" : ""}`;
  if (!stated) return unstated ? `${packages}, value not stated` : "-";
  return euros(r[stage + "_eur"]) + (unstated ? ` (+${packages} without a value)` : "");
}
function itemsText(items) { return Object.entries(items).map(([k, n]) => `${n.said} ${k.replaceAll("_", " ")}`).join(", ") || "-"; }

async function drawSupport() {
  const areaSelect = $("support-area");
  if (areaSelect.options.length === 1) for (const a of AREAS) areaSelect.append(el("option", { value: a }, a.replaceAll("_", " ")));
  const year = $("support-year").value, area = areaSelect.value;
  // The slider moves "as of" through the year: what was committed and delivered so far.
  const first = Date.parse(`${year}-01-01T00:00:00Z`), last = Date.parse(`${year}-12-31T00:00:00Z`);
  const slider = $("support-slider");
  slider.max = String(Math.round((last - first) / 86400000));
  const asOf = new Date(Math.min(first + Number(slider.value) * 86400000, last)).toISOString().slice(0, 10);
  $("support-day").textContent = asOf;
  const rows = await api(`/api/support?from=${year}-01-01&to=${asOf}` + (area ? "&area=" + area : ""));
  const states = [...new Set(rows.map(r => r.actor))].sort();
  const sum = (state, key) => rows.filter(r => r.actor === state).reduce((t, r) => t + r[key], 0);
  if (supportChart) supportChart.destroy();
  supportChart = new Chart($("support-chart"), {
    type: "bar",
    data: { labels: states, datasets: [
      { label: "committed", data: states.map(s => sum(s, "committed_eur")), backgroundColor: "#9ecae1" },
      { label: "delivered", data: states.map(s => sum(s, "delivered_eur")), backgroundColor: "#3182bd" }] },
    options: { maintainAspectRatio: false, animation: false, scales: { y: { title: { display: true, text: "EUR" } } } },
  });
  $("support-chart").dataset.states = states.join(",");
  const table = el("table", { class: "support" });
  const head = el("tr");
  for (const h of ["state", "area", "committed", "allocated", "delivered", "gap", "items committed", "items allocated", "items delivered", "evidence"]) head.append(el("th", {}, h));
  table.append(head);
  for (const r of rows) {
    const tr = el("tr", { "data-state": r.actor, "data-area": r.area });
    const quotes = el("td");
    for (const f of r.figures) {
      const q = el("q", {}, f.quote);
      quotes.append(el("small", {}, `${f.date} ${f.said} `), q, el("small", {}, ` (${f.source}${f.grade ? " " + f.grade : ""})`));
      if (f.note) quotes.append(el("small", { class: "note" }, ` ${f.note}`));
      quotes.append(el("br"));
    }
    tr.append(el("td", {}, r.actor), el("td", {}, r.area.replaceAll("_", " ")), el("td", {}, stageEuros(r, "committed")),
              el("td", {}, stageEuros(r, "allocated")), el("td", {}, stageEuros(r, "delivered")), el("td", {}, r.gap_eur === null ? "-" : euros(r.gap_eur)),
              el("td", {}, itemsText(r.committed_items)), el("td", {}, itemsText(r.allocated_items)), el("td", {}, itemsText(r.delivered_items)), quotes);
    table.append(tr);
  }
  $("support-table").replaceChildren(rows.length ? table : el("p", { class: "hint" }, "No stated support in this period."));
  $("support-note").textContent = `${rows.length} state and area rows, ${rows.reduce((t, r) => t + r.figures.length, 0)} figures`;
}

$("support-year").addEventListener("change", () => { $("support-slider").value = $("support-slider").max; drawSupport(); });
let supportPending = null;
$("support-slider").addEventListener("input", () => { clearTimeout(supportPending); supportPending = setTimeout(drawSupport, 120); });
$("support-area").addEventListener("change", drawSupport);

registerTab("support", drawSupport);
