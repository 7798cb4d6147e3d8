// The ceasefire tab: a day's events on a Leaflet map over Natural Earth's vector layers
// (neighbours, Ukraine's oblasts and border, rivers) served by the project itself, no tile
// server; the reporting sectors (tinted when the day raised an alert in them), the line of
// contact with what it is drawn from, the alerts, events per sector and the violation
// cases beside it. Leaflet's className options name each layer (geo-neighbours,
// geo-oblasts, geo-ukraine, geo-rivers, ceasefire-sector, ceasefire-line, ceasefire-event),
// so the map can be read and tested by layer.
"use strict";

// Event types and their colours: those of the daily report's map first
// (coalition.reports.figures.MARKERS), then the types the streams are growing into. A
// type not listed is drawn in EVENT_FALLBACK and still named in the legend.
const EVENT_COLORS = {
  explosion: "#d95f02", projectile: "#e6ab02", burst_of_fire: "#7570b3", drone: "#1b9e77",
  weapon_sighting: "#444444", casualties: "#a6761d",
  impact: "#e7298a", outgoing_fire: "#66a61e", flare: "#fdb462", muzzle_flash: "#b15928",
  movement_restriction: "#6a3d9a", storage_visit: "#1f78b4", infrastructure_damage: "#8c510a",
  patrol: "#17becf",
};
const EVENT_FALLBACK = "#888888";
const VIOLATION_COLOR = "#e41a1c";
const ALERT_FILL = "#fcbba1";
const RIVER_COLOR = "#4a90d9";
// Drawn bottom to top, each once: the basemap does not change with the day.
const GEOGRAPHY_STYLES = {
  neighbours: { color: "#ffffff", weight: 0.6, fillColor: "#e4e4e0", fillOpacity: 1, interactive: false },
  oblasts: { color: "#b5b5b5", weight: 0.7, fillColor: "#fbfbf7", fillOpacity: 1 },
  ukraine: { color: "#555555", weight: 1.6, fill: false, interactive: false },
  rivers: { color: RIVER_COLOR, weight: 1.4, fill: false },
};
let ceasefireMap = null, ceasefireDayLayers = null, ceasefireLegend = null;
let ceasefireBase = null, ceasefireFitted = false;  // the promise of the theatre, once the basemap is drawn
let ceasefireDrawing = 0;  // the newest draw: an older one that ends later draws nothing

function eventColor(type) { return EVENT_COLORS[type] || EVENT_FALLBACK; }
function eventLabel(type) { return type.replaceAll("_", " "); }

// The newest day with reports, the first time the tab opens (no day is built in).
async function ceasefireDay() {
  if (!$("day").value) $("day").value = (await api("/api/monitoring/latest-day")).day || new Date().toISOString().slice(0, 10);
  return $("day").value;
}

// An event in words: when, what, where (with its geoprecision), and its reports.
function eventLines(e) {
  return [`${e.time.slice(0, 16).replace("T", " ")} UTC, ${eventLabel(e.type)}${e.what ? " (" + e.what + ")" : ""}: ${e.place} (geoprecision ${e.geoprecision})`,
    `${e.n_reports} report(s), confidence ${e.confidence.toFixed(2)}, ${e.zone} zone` + (e.violation ? ", violation: " + (e.violation_kind || "withdrawal") : ""),
    "reports: " + e.reports.join(", ")];
}
function showEvent(e) {
  const [what, how, reports] = eventLines(e);
  const box = el("div", { "data-event": e.event_id });
  box.append(el("p", {}, what), el("p", {}, how), el("p", { class: "reports" }, reports));
  $("event-detail").replaceChildren(box);
}

// What the line of contact is drawn from, as the theatre file says it (its own
// properties, or the collection's): name, note, sources, as of. Whichever exist.
function lineLines(theatre, line) {
  const said = Object.assign({}, theatre.properties || {}, line.properties || {});
  // Sources are the public reports the line was drawn from (title, url, date): count them
  // and name the first few; the data file lists them all.
  const titles = Array.isArray(said.sources) ? said.sources.map(s => (s && s.title) || String(s)) : [];
  const sources = titles.length ? `${titles.length} public reports, e.g. ${titles.slice(0, 3).join("; ")}` : said.sources;
  return [line.properties.name || theatre.name || "line of contact", said.note,
    sources ? "sources: " + sources : null, said.as_of ? "as of " + said.as_of : null].filter(Boolean);
}

// The basemap, made once: the four Natural Earth layers, the legend, and the theatre.
async function ceasefireBaseMap() {
  const layers = Object.keys(GEOGRAPHY_STYLES);
  const [theatre, ...geography] = await Promise.all([api("/api/monitoring/theatre"),
    ...layers.map(name => api("/api/monitoring/geography/" + name))]);
  ceasefireMap = L.map("theatre", { zoomSnap: 0.25, attributionControl: true });
  ceasefireMap.attributionControl.setPrefix("Leaflet");
  ceasefireMap.attributionControl.addAttribution("basemap: Natural Earth");
  layers.forEach((name, i) => {
    const style = Object.assign({ className: "geo-" + name }, GEOGRAPHY_STYLES[name]);
    L.geoJSON(geography[i], {
      style, interactive: style.interactive !== false,
      onEachFeature: (f, layer) => { if (style.interactive !== false) layer.bindTooltip(tip(f.properties.label || f.properties.name), { sticky: true }); },
    }).addTo(ceasefireMap);
  });
  ceasefireDayLayers = L.layerGroup().addTo(ceasefireMap);
  ceasefireLegend = L.control({ position: "bottomright" });
  ceasefireLegend.onAdd = () => el("div", { class: "legend ceasefire-legend" });
  ceasefireLegend.addTo(ceasefireMap);
  ceasefireMap.fitBounds(L.geoJSON(theatre).getBounds());  // a view: layers wait for one
  return theatre;
}

function swatch(cls, label, attrs = {}, style = "") {
  const item = el("span", attrs);
  item.append(el("i", { class: cls, style }), document.createTextNode(label));
  return item;
}

function drawLegend(events) {
  const counts = new Map();
  for (const e of events) counts.set(e.type, (counts.get(e.type) || 0) + 1);
  const types = [...counts.keys()].sort();
  const box = ceasefireLegend.getContainer();
  box.replaceChildren(el("strong", {}, "events"),
    ...types.map(t => swatch("dot", `${eventLabel(t)} (${counts.get(t)})`, { "data-type": t }, `background: ${eventColor(t)}`)),
    swatch("dot violation", "withdrawal violation", { "data-symbol": "violation" }),
    swatch("line", "line of contact", { "data-symbol": "line" }),
    swatch("sector", "reporting sector", { "data-symbol": "sector" }),
    swatch("sector alert", "sector with an alert", { "data-symbol": "alert" }, `background: ${ALERT_FILL}`),
    swatch("river", "river", { "data-symbol": "river" }));
  if (!types.length) box.insertBefore(el("em", {}, "no events"), box.children[1]);
}

async function drawCeasefire() {
  const drawing = ++ceasefireDrawing;
  const day = await ceasefireDay();
  drawCases();
  if (!ceasefireBase) ceasefireBase = ceasefireBaseMap().catch(error => { ceasefireBase = null; throw error; });
  const [theatre, data] = await Promise.all([ceasefireBase, api("/api/monitoring/days/" + day)]);
  if (drawing !== ceasefireDrawing) return;  // another day was chosen meanwhile
  ceasefireMap.invalidateSize();  // the tab was hidden (no size) when the page loaded
  ceasefireDayLayers.clearLayers();
  const alerting = new Set(data.alerts.map(a => a.sector));

  const sectors = theatre.features.filter(f => f.properties.kind === "sector");
  L.geoJSON({ type: "FeatureCollection", features: sectors }, {
    interactive: false,
    style: f => ({ className: "ceasefire-sector", color: alerting.has(f.properties.code) ? VIOLATION_COLOR : "#888888", weight: 1, dashArray: "4 3",
                   fillColor: alerting.has(f.properties.code) ? ALERT_FILL : "#bbbbbb", fillOpacity: alerting.has(f.properties.code) ? 0.45 : 0.08 }),
    onEachFeature: (f, layer) => layer.on("add", () => Object.assign(layer.getElement().dataset,
      { sector: f.properties.code, alert: String(alerting.has(f.properties.code)) })),
  }).addTo(ceasefireDayLayers);

  for (const line of theatre.features.filter(f => f.properties.kind === "line_of_contact")) {
    L.geoJSON(line, { style: { className: "ceasefire-line", color: "#000000", weight: 3.5 } })
      .bindPopup(tip(...lineLines(theatre, line))).addTo(ceasefireDayLayers);
  }

  // Violations last, so that they are on top.
  const events = data.events.filter(e => Number.isFinite(e.lon) && Number.isFinite(e.lat))
    .sort((a, b) => Number(Boolean(a.violation)) - Number(Boolean(b.violation)));
  for (const e of events) {
    const marker = L.circleMarker([e.lat, e.lon], {
      className: "ceasefire-event", radius: e.violation ? 6 : 4, fillColor: eventColor(e.type), fillOpacity: 0.9,
      color: e.violation ? VIOLATION_COLOR : "#ffffff", weight: e.violation ? 2.5 : 0.8,
    }).bindPopup(tip(...eventLines(e)));
    marker.on("click", () => showEvent(e));
    marker.addTo(ceasefireDayLayers);
    Object.assign(marker.getElement().dataset, { type: e.type, event: e.event_id, violation: String(Boolean(e.violation)) });
  }
  drawLegend(data.events);
  if (!ceasefireFitted) {  // the theatre once more, beside the legend rather than under it
    const legend = ceasefireLegend.getContainer().offsetWidth;
    ceasefireMap.fitBounds(L.geoJSON(theatre).getBounds(), { paddingTopLeft: [10, 10], paddingBottomRight: [legend + 20, 10] });
    ceasefireFitted = true;
  }

  const line = theatre.features.find(f => f.properties.kind === "line_of_contact");
  $("day-note").textContent = `${data.events.length} events, ${data.alerts.length} alerts` + (line ? `; ${line.properties.name || "line of contact"}` : "");
  const table = el("table");
  for (const a of data.alerts) { const tr = el("tr"); tr.append(el("td", {}, a.rule), el("td", {}, a.sector), el("td", {}, a.crossed_at.slice(11, 16)), el("td", {}, String(a.count))); table.append(tr); }
  $("alerts").replaceChildren(data.alerts.length ? table : el("p", { class: "hint" }, "No alerts."));
  const max = Math.max(1, ...data.counts.map(c => c.events));
  $("sector-chart").replaceChildren(bars(data.counts.map(c => ({ label: c.sector, value: c.events, color: alerting.has(c.sector) ? "#e6550d" : "#2b8cbe" })), max, ""));
  $("theatre").dataset.day = day;  // drawn: what a test (or a reader of the page) waits for
}

// The violation cases and where each stands (the course is taken forward in the CLI or API).
async function drawCases() {
  const cases = await api("/api/monitoring/cases");
  const table = el("table", { class: "cases" });
  const head = el("tr");
  for (const h of ["case", "state", "observed", "where", "side", "weapon", "last step"]) head.append(el("th", {}, h));
  table.append(head);
  for (const c of cases) {
    const last = c.history[c.history.length - 1];
    const tr = el("tr", { "data-case": String(c.id), "data-state": c.state });
    tr.append(el("td", {}, String(c.id)), el("td", {}, c.state), el("td", {}, c.observed_at.slice(0, 16).replace("T", " ")),
      el("td", {}, c.place), el("td", {}, c.side), el("td", {}, c.detail || `${c.count} x ${c.weapon_class.replaceAll("_", " ")}`),
      el("td", {}, `${last.state} by ${last.by}: ${last.note || ""}`));
    table.append(tr);
  }
  $("cases").replaceChildren(cases.length ? table : el("p", { class: "hint" }, "No violation case opened yet (coalition monitor cases --open DAY)."));
}

$("day").addEventListener("change", drawCeasefire);
$("day-report").addEventListener("click", async () => {
  // The report needs the bearer token, so it is fetched and shown from memory.
  const reply = await fetch(`/api/monitoring/days/${$("day").value}/report`, { headers: { Authorization: "Bearer " + token } });
  const page = URL.createObjectURL(new Blob([await reply.text()], { type: "text/html" }));
  window.open(page, "_blank");
});

registerTab("ceasefire", drawCeasefire);
