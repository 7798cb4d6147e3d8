// The coalition dashboard: plain JavaScript and SVG drawn from GeoJSON shipped with the
// project, so it works with no network. Data comes from the same API as everything else.
"use strict";

const COLORS = { in: "#1a9850", conditional: "#fdae61", open: "#abd9e9", out: "#d73027", unknown: "#bdbdbd", opposes: "#67001f" };
const LABELS = { in: "in", conditional: "conditional", open: "open", out: "out", unknown: "no statement", opposes: "opposes the force" };
// The map colours one thing only, so the legend says so; the host is drawn apart.
const LEGEND_NOTE = "Colour: troop pledge (land, sea or air) as of the date; non-troop support is in the state's timeline.";
const HOST_COLOR = "#7b9fd4";
const NO_READING = "#e8e8e2";
const FIRST_DAY = new Date("2025-02-01T00:00:00Z");
const DAY_MS = 86400000;
let token = sessionStorage.getItem("token");
let europe = null;

function $(id) { return document.getElementById(id); }
function el(tag, attrs = {}, text = "") {
  const node = document.createElementNS(tag === "svg" || ["path", "g", "rect", "text", "circle", "line"].includes(tag) ? "http://www.w3.org/2000/svg" : "http://www.w3.org/1999/xhtml", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text) node.textContent = text;
  return node;
}
// Leaflet tooltips and popups are built as text nodes (deconfliction.js, ceasefire.js):
// names and ids come from data files and the API, never as HTML (a name like
// "<img onerror=...>" stays a name).
function tip(...lines) {
  const box = document.createElement("div");
  lines.forEach((line, i) => { if (i) box.append(document.createElement("br")); box.append(document.createTextNode(line)); });
  return box;
}
function iso(date) { return date.toISOString().slice(0, 10); }

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {}, token ? { Authorization: "Bearer " + token } : {});
  const reply = await fetch(path, Object.assign({}, options, { headers }));
  if (reply.status === 401) { signOut(); throw new Error("signed out"); }
  const body = await reply.json();
  if (!reply.ok) throw new Error(typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail));
  return body;
}

// Equirectangular, scaled by the cosine of 50 N: Europe looks like itself.
const K = Math.cos(50 * Math.PI / 180);
function project([lon, lat]) { return [(lon + 30) * K * 10, (75 - lat) * 10]; }
// The positions map is framed by its outlines' own bbox [west, south, east, north].
function frameProjection([west, , , north]) { return ([lon, lat]) => [(lon - west) * K * 10, (north - lat) * 10]; }
function ringPath(ring, proj = project) { return ring.map((p, i) => (i ? "L" : "M") + proj(p).map(v => v.toFixed(1)).join(",")).join("") + "Z"; }
function geometryPath(geometry, proj = project) {
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  return polygons.map(rings => rings.map(ring => ringPath(ring, proj)).join("")).join("");
}

// ---- sign in -------------------------------------------------------------------------
async function signIn(event) {
  event.preventDefault();
  const form = new URLSearchParams({ username: $("username").value, password: $("password").value });
  const reply = await fetch("/api/auth/token", { method: "POST", body: form });
  const body = await reply.json();
  if (!reply.ok) { $("login-error").textContent = body.detail; return; }
  token = body.access_token;
  sessionStorage.setItem("token", token);
  start();
}
function signOut() { token = null; sessionStorage.removeItem("token"); $("app").hidden = true; $("tabs").hidden = true; $("login").hidden = false; }

async function start() {
  const me = await api("/api/me");
  $("who").textContent = `${me.username} (${me.role}${me.actor ? ", " + me.actor : ""})`;
  $("login").hidden = true; $("app").hidden = false; $("tabs").hidden = false;
  // A tab whose data the role may not read is not offered (the server refuses it anyway).
  for (const button of document.querySelectorAll("nav button[data-roles]")) button.hidden = !button.dataset.roles.split(" ").includes(me.role);
  europe = await api("/api/maps/europe");
  setupSlider();
  await showTab(document.querySelector("nav button").dataset.tab);
}

// ---- positions map with a time slider --------------------------------------------------
function setupSlider() {
  const slider = $("date-slider");
  const days = Math.floor((Date.now() - FIRST_DAY) / DAY_MS);
  slider.max = String(days);
  slider.value = String(days);
  let pending = null;
  slider.addEventListener("input", () => {
    $("date-label").textContent = iso(new Date(FIRST_DAY.getTime() + slider.value * DAY_MS));
    clearTimeout(pending);
    pending = setTimeout(drawPositions, 120);
  });
  const legend = $("legend");
  legend.textContent = "";
  const entries = [...Object.entries(LABELS).map(([key, label]) => [COLORS[key], label]), [HOST_COLOR, "Ukraine, where the force would serve"]];
  for (const [color, label] of entries) {
    const item = el("span"); const swatch = el("i"); swatch.style.background = color;
    item.append(swatch, label); legend.append(item);
  }
  legend.append(el("small", { id: "legend-note" }, LEGEND_NOTE));
}

async function drawPositions() {
  const day = iso(new Date(FIRST_DAY.getTime() + $("date-slider").value * DAY_MS));
  $("date-label").textContent = day;
  const data = await api("/api/map?on=" + day);
  const reading = Object.fromEntries(data.states.map(s => [s.code, s]));
  for (const s of data.stances) if (s.stance === "opposes") reading[s.code] = Object.assign({ bucket: "opposes" }, s);
  const bbox = europe.bbox || [-30, 30, 60, 75];
  const proj = frameProjection(bbox);
  const size = [(bbox[2] - bbox[0]) * K * 10, (bbox[3] - bbox[1]) * 10].map(v => v.toFixed(0));
  const svg = el("svg", { viewBox: `0 0 ${size[0]} ${size[1]}`, role: "img", "aria-label": "positions on " + day });
  for (const feature of europe.features) {
    const code = feature.properties.code;
    const state = reading[code];
    const path = el("path", { d: geometryPath(feature.geometry, proj), "data-code": code, class: state ? "state" : "other" });
    if (code === data.beneficiary) {
      path.setAttribute("class", "state host");
      path.style.fill = HOST_COLOR;
      path.append(el("title", {}, `${feature.properties.name}: where the force would serve`));
      path.addEventListener("click", () => showState(code, feature.properties.name));
    } else if (state) {
      path.setAttribute("data-bucket", state.bucket);
      path.style.fill = COLORS[state.bucket];
      path.append(el("title", {}, `${feature.properties.name}: ${state.label || LABELS[state.bucket]}${state.reading ? ", " + state.reading : ""}${state.since ? " since " + state.since : ""}`));
      path.addEventListener("click", () => showState(code, feature.properties.name));
    }
    svg.append(path);
  }
  $("map").replaceChildren(svg);
  listOffMap(data, reading);
  $("map").setAttribute("data-day", day);
}

// Every state the registry names, or the day's reading holds, that has no shape on the
// map (Canada, Japan, Australia...) is listed under it with its swatch: none is dropped.
function listOffMap(data, reading) {
  const drawn = new Set(europe.features.map(f => f.properties.code));
  const names = Object.fromEntries((data.registry_states || []).map(s => [s.code, s.name]));
  for (const s of data.states) names[s.code] = s.name;
  for (const code of Object.keys(reading)) if (!(code in names)) names[code] = code;
  const missing = Object.keys(names).filter(code => !drawn.has(code)).sort();
  const list = el("ul", { class: "offmap-list" });
  for (const code of missing) {
    const state = reading[code];
    const item = el("li", { "data-code": code, "data-bucket": state ? state.bucket : "" });
    const swatch = el("i"); swatch.style.background = state ? COLORS[state.bucket] : NO_READING;
    const text = state ? `${state.label || LABELS[state.bucket]}${state.since ? " since " + state.since : ""}` : "no reading on this day";
    const label = el("span"); label.append(el("strong", {}, names[code]), document.createTextNode(": " + text));
    item.append(swatch, label);
    item.addEventListener("click", () => showState(code, names[code]));
    list.append(item);
  }
  const [west, south, east, north] = europe.bbox || [-30, 30, 60, 75];
  const lon = v => `${Math.abs(v)}° ${v < 0 ? "W" : "E"}`, lat = v => `${Math.abs(v)}° ${v < 0 ? "S" : "N"}`;
  $("offmap").replaceChildren(
    el("h4", {}, "Not on this map"), missing.length ? list : el("p", { class: "hint" }, "None."),
    el("p", { class: "hint" }, `The map runs from ${lon(west)} to ${lon(east)} and ${lat(south)} to ${lat(north)}; Russia and Kazakhstan go on east of its edge. Crimea is drawn in Ukraine (UN General Assembly resolution 68/262).`));
}

// The Admiralty grade of a statement: source reliability (A-F), credibility (1-6), and
// whether it is the speaker's own words (P) or a report of them (S).
const STATUS_LABELS = { declared: "declaration of intent", ruled_out: "ruled out", government_approved: "government-approved", parliament_approved: "parliament-approved" };
function gradeBadge(s) {
  const grade = `${s.source.reliability}${s.credibility} ${s.primary ? "P" : "S"}`;
  const badge = el("span", { class: "grade", "data-grade": grade }, grade);
  badge.title = `${s.primary ? "primary: the speaker's own words" : "secondary: a report of them"}; source ${s.source.reliability} (${s.source.kind}); credibility ${s.credibility}${s.credibility_reason ? ": " + s.credibility_reason : ""}`;
  return badge;
}

async function showState(code, name) {
  const panel = $("state-panel");
  panel.replaceChildren(el("h3", {}, `${name} (${code})`));
  const entries = await api(`/api/states/${code}/timeline`);
  const list = el("ol", { class: "timeline" });
  for (const entry of entries) {
    const s = entry.statement, st = entry.stance;
    const item = el("li");
    if (s) {
      item.append(el("strong", {}, `${entry.date}: ${STATUS_LABELS[s.status] || s.status.replace("_", " ")}`),
        document.createTextNode(s.conditions.length ? ` (if ${s.conditions.join(", ")})` : ""),
        el("q", {}, s.quote),
        el("small", {}, s.source.title + (s.speaker ? " (" + s.speaker + ")" : "")),
        gradeBadge(s));
    } else if (st) {
      const letter = el("span", { class: "grade", "data-grade": st.source.reliability }, st.source.reliability);
      letter.title = `source reliability ${st.source.reliability} (${st.source.kind})`;
      item.append(el("strong", {}, `${entry.date}: ${st.stance}`), el("q", {}, st.quote), letter);
    }
    list.append(item);
  }
  panel.append(entries.length ? list : el("p", { class: "hint" }, "No statements recorded."));
}

// ---- bar charts (ceasefire sectors, force coverage lines) ------------------------------
// The tabs themselves are in ceasefire.js and coverage.js.
function bars(rows, max, unit) {
  const height = rows.length * 22 + 10;
  const svg = el("svg", { viewBox: `0 0 600 ${height}` });
  rows.forEach((row, i) => {
    const y = 5 + i * 22;
    svg.append(el("text", { x: 0, y: y + 14, "font-size": 11 }, row.label.slice(0, 32)));
    svg.append(el("rect", { x: 210, y, width: 360, height: 16, fill: "#eee" }));
    svg.append(el("rect", { x: 210, y, width: Math.max(0, 360 * row.value / max), height: 16, fill: row.color || "#2b8cbe" }));
    svg.append(el("text", { x: 575, y: y + 13, "font-size": 11, "text-anchor": "end" }, `${row.value}${unit}`));
  });
  return svg;
}

// ---- tabs -----------------------------------------------------------------------------
// The server puts in every tab it finds (api/tabs.py); a tab's script says what draws it
// with registerTab, so no list of tabs is kept here.
const TABS = {};
function registerTab(id, draw) { TABS[id] = draw; }
registerTab("positions", drawPositions);
function showTab(id) {
  document.querySelectorAll("nav button").forEach(b => b.classList.toggle("active", b.dataset.tab === id));
  document.querySelectorAll(".tab").forEach(t => { t.hidden = t.id !== id; });
  return TABS[id] ? TABS[id]() : undefined;
}
for (const button of document.querySelectorAll("nav button")) {
  button.addEventListener("click", () => showTab(button.dataset.tab));
}
$("login-form").addEventListener("submit", signIn);
if (token) start().catch(signOut);
