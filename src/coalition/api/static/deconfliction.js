// The deconfliction tab: the day's volumes on a Leaflet map (over the outlines the
// project ships: no tile server), the conflicts and the proposed changes beside it, and
// each activity's window on a Chart.js timeline, per owner. What a national planner is
// shown is cut by the server (need to know); accepting a change files a new version.
"use strict";

const OWNER_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];
let deconfMap = null, deconfLayers = null, deconfChart = null;

function ownerColor(owners, owner) { return OWNER_COLORS[owners.indexOf(owner) % OWNER_COLORS.length]; }

function deconfBaseMap() {
  if (deconfMap) return;
  deconfMap = L.map("deconf-map", { zoomSnap: 0.25, attributionControl: true });
  deconfMap.attributionControl.setPrefix("Leaflet");
  deconfMap.attributionControl.addAttribution("outlines: Natural Earth");
  L.geoJSON(europe, { style: { color: "#999", weight: 0.6, fillColor: "#f1f1ec", fillOpacity: 1 }, interactive: false }).addTo(deconfMap);
  deconfLayers = L.layerGroup().addTo(deconfMap);
}

async function drawDeconfliction() {
  const select = $("deconf-day");
  if (!select.options.length) {
    const days = await api("/api/deconfliction/days");
    select.replaceChildren(...days.map(d => el("option", { value: d }, d)));
    if (!days.length) { $("deconf-note").textContent = "No planned activity you may see."; }
  }
  const day = select.value;
  deconfBaseMap();
  deconfMap.invalidateSize();  // the tab was hidden (no size) when the map was made
  if (!day) { deconfMap.setView([49, 31], 5); return; }
  const [layers, conflicts, proposals, stored] = await Promise.all([
    api("/api/deconfliction/map?day=" + day), api("/api/deconfliction/conflicts?day=" + day),
    api("/api/deconfliction/proposals?day=" + day), api("/api/deconfliction/activities?day=" + day)]);
  const owners = [...new Set(stored.map(s => s.activity.owner))].sort();
  const inConflict = new Set(conflicts.flatMap(c => [c.a_activity, c.b_activity]));
  deconfLayers.clearLayers();
  const volumes = L.geoJSON(layers, {
    filter: f => f.properties.layer === "volume",
    style: f => ({ color: inConflict.has(f.properties.activity) ? "#d62728" : ownerColor(owners, f.properties.owner),
                   weight: inConflict.has(f.properties.activity) ? 2.5 : 1, fillOpacity: f.properties.kind.startsWith("zone:") ? 0.08 : 0.25 }),
    onEachFeature: (f, layer) => layer.bindTooltip(tip(`${f.properties.name} (${f.properties.owner}, ${f.properties.kind})`,
      `${f.properties.floor_m} to ${f.properties.ceiling_m} m, ${f.properties.start.slice(11, 16)}-${f.properties.end.slice(11, 16)}Z`)),
  }).addTo(deconfLayers);
  L.geoJSON(layers, {
    filter: f => f.properties.layer === "conflict",
    pointToLayer: (f, latlng) => L.circleMarker(latlng, { radius: 7, color: "#d62728", weight: 2, fillColor: "#fff", fillOpacity: 1, className: "conflict-marker" }),
    onEachFeature: (f, layer) => layer.bindTooltip(tip(`${f.properties.a} vs ${f.properties.b}`, f.properties.reason)),
  }).addTo(deconfLayers);
  if (volumes.getLayers().length) deconfMap.fitBounds(volumes.getBounds(), { padding: [10, 10] });
  $("deconf-map").dataset.day = day;
  $("deconf-note").textContent = `${stored.length} activities, ${conflicts.length} conflicts (illustrative day)`;

  const list = conflicts.map(c => {
    const item = el("li", { "data-conflict": c.id });
    item.append(el("strong", {}, `${c.a_activity} vs ${c.b_activity}`), el("small", {}, `${c.start.slice(11, 16)}-${c.end.slice(11, 16)}Z: ${c.reason}`));
    return item;
  });
  $("deconf-conflicts").replaceChildren(...(list.length ? list : [el("li", { class: "hint" }, "No conflicts.")]));
  drawProposals(proposals, day);
  drawTimeline(stored, owners, inConflict, day);
}

function drawProposals(found, day) {
  const items = found.proposals.map(p => {
    const item = el("li", { "data-activity": p.activity });
    item.append(el("strong", {}, `${p.activity} (${p.owner})`), el("small", {}, `${p.summary}; resolves ${p.resolves.length} conflict${p.resolves.length === 1 ? "" : "s"}`));
    for (const decision of ["accept", "reject"]) {
      const button = el("button", { "data-decision": decision }, decision === "accept" ? "Accept" : "Reject");
      button.addEventListener("click", () => decide(p.activity, decision, day, p.summary));
      item.append(button);
    }
    return item;
  });
  const summary = found.conflicts ? `${found.remaining} would remain once all are accepted.` : "";
  $("deconf-proposals").replaceChildren(...(items.length ? items : [el("li", { class: "hint" }, "Nothing to change.")]));
  $("deconf-decision").textContent = summary;
}

async function decide(activity, decision, day, summary) {
  try {
    await api(`/api/deconfliction/activities/${encodeURIComponent(activity)}/${decision}`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ day, proposal: summary }) });
    $("deconf-decision").textContent = `${decision === "accept" ? "Accepted" : "Rejected"}: ${activity}`;
  } catch (error) {
    $("deconf-decision").textContent = error.message;
  }
  if (decision === "accept") await drawDeconfliction();
}

function drawTimeline(stored, owners, inConflict, day) {
  const dayStart = Date.parse(day + "T00:00:00Z");
  const hours = t => Math.max(0, Math.min(24, (Date.parse(t) - dayStart) / 3600000));
  const rows = stored.filter(s => !s.activity.kind.startsWith("zone"))
    .sort((a, b) => a.activity.owner.localeCompare(b.activity.owner) || a.activity.id.localeCompare(b.activity.id));
  const labels = rows.map(s => `${s.activity.owner} ${s.activity.name || s.activity.id}`);
  const datasets = owners.map(owner => ({
    label: owner,
    data: rows.map(s => s.activity.owner === owner
      ? [hours(s.activity.volumes.reduce((m, v) => v.start < m ? v.start : m, s.activity.volumes[0].start)),
         hours(s.activity.volumes.reduce((m, v) => v.end > m ? v.end : m, s.activity.volumes[0].end))]
      : null),
    backgroundColor: ownerColor(owners, owner),
    borderColor: rows.map(s => inConflict.has(s.activity.id) ? "#d62728" : "rgba(0,0,0,0)"),
    borderWidth: 2, borderSkipped: false, grouped: false,
  }));
  if (deconfChart) deconfChart.destroy();
  deconfChart = new Chart($("deconf-timeline"), {
    type: "bar", data: { labels, datasets },
    options: { indexAxis: "y", maintainAspectRatio: false, animation: false,
      scales: { x: { min: 0, max: 24, title: { display: true, text: `hours of ${day} (UTC)` } } },
      plugins: { legend: { position: "bottom" } } },
  });
  $("deconf-timeline").dataset.bars = String(rows.length);
}

$("deconf-day").addEventListener("change", drawDeconfliction);

registerTab("deconfliction", drawDeconfliction);
