// The force coverage tab, read as a force-generation cell reads a sourcing result: who
// fills each line and each rotation period, why each offer was or was not used, the
// force's people against the sizes public reporting gives, the shortfalls with the
// states to approach; and two scenarios, or two conference rounds, side by side.
// Everything is built as DOM nodes: names, notes and quotes are text, never HTML.
"use strict";

// Each click or tab opening starts a new view; an older answer that arrives later is
// dropped, so a slow sourcing run never overwrites what was asked for since.
let coverageView = 0;

const pct = value => Math.round(100 * value) + "%";
const people = value => Math.round(value).toLocaleString("en-GB");
const units = n => `${n} unit${n === 1 ? "" : "s"}`;
const range = count => count.low === count.high ? people(count.low) : `${people(count.low)}-${people(count.high)}`;

// Covered share of a line's periods, as the server's round comparison computes it.
function share(tasks) {
  const needed = tasks.reduce((t, task) => t + task.requirement.quantity, 0);
  const covered = tasks.reduce((t, task) => t + Math.min(task.covered, task.requirement.quantity), 0);
  return needed ? covered / needed : 1;
}

// A table from header labels and rows; a cell is text or a node, a row may carry attributes.
function table(headers, rows, attrs = {}) {
  const node = el("table", attrs);
  const head = el("tr");
  for (const h of headers) head.append(el("th", {}, h));
  node.append(head);
  for (const { cells, attrs: rowAttrs = {} } of rows) {
    const tr = el("tr", rowAttrs);
    for (const cell of cells) {
      const td = el("td");
      td.append(typeof cell === "string" ? document.createTextNode(cell) : cell);
      tr.append(td);
    }
    node.append(tr);
  }
  return node;
}

// ---- one result ------------------------------------------------------------------------

// "#1 2026-03-01 to 2026-08-31: FRA-mech 2x, DEU-mech 2x (met)", with the note saying
// why a period is short (units lacking their enablers, caveats, nobody offering).
function periodItem(task, prefix = "") {
  const req = task.requirement;
  const who = task.assignments.map(a => `${a.offer_id} ${a.units}x` + (a.efficiency === 1 ? "" : ` @${a.efficiency}`)).join(", ") || "nobody";
  const state = task.met ? "met" : `${task.covered} of ${req.quantity}`;
  const item = el("li", { class: task.met ? "met" : "unmet" });
  item.append(`${prefix}${req.period ? "#" + req.period + " " : ""}${req.start} to ${req.end || "open"}: `, el("strong", {}, who), ` (${state})`);
  if (task.note) item.append(el("small", {}, task.note));
  return item;
}

function lineCells(line) {
  const req = line.line;
  const what = el("span");
  what.append(el("strong", {}, `${req.line ?? ""} ${req.id}`.trim()),
    el("small", {}, `${req.capability}, ${req.region}, ${req.start} to ${req.standing ? "standing" : req.end || "open"}`));
  const list = el("ul", { class: "periods" });
  for (const task of line.periods) list.append(periodItem(task));
  for (const task of line.enablers) list.append(periodItem(task, `enabler ${task.requirement.capability} `));
  // The 1:3 rule: a standing line ties up more units than it deploys at any one time.
  if (line.sustained_units) list.append(el("li", { class: "hint" }, `standing: ${units(line.sustained_units)} tied up by rotation (1:${Math.round(line.sustained_units / req.quantity)})`));
  if (line.personnel_per_unit) list.append(el("li", { class: "hint" }, `${people(line.personnel_per_unit)} people per unit`));
  const covered = el("span", { class: line.met ? "met" : "unmet" }, pct(share(line.periods)) + (line.met ? " met" : ""));
  return [what, String(req.quantity), covered, list];
}

function linesTable(result) {
  const rows = result.lines.map(line => ({ cells: lineCells(line), attrs: { "data-line": line.line.id } }));
  return table(["line", "needed", "covered", "who fills each period"], rows, { class: "lines" });
}

// A reported size is compared with what this sourcing puts there (at once) or ties up
// (with rotations); a figure for some states only is shown but not compared.
function against(size, force) {
  if (size.covers.length) return `covers ${size.covers.join(" + ")} only: not compared`;
  const ours = size.span === "with_rotations" ? force.sustained : force.sourced_at_once;
  const what = size.span === "with_rotations" ? "tied up with rotations" : "sourced at once";
  const ratio = size.personnel.low === size.personnel.high ? pct(ours / size.personnel.low)
    : `${pct(ours / size.personnel.high)}-${pct(ours / size.personnel.low)}`;
  return `${people(ours)} ${what}: ${ratio} of it`;
}

function peopleBlock(force) {
  const box = el("div", { class: "people" });
  box.append(el("h4", {}, "People"));
  if (!force) { box.append(el("p", { class: "hint" }, "No people figures in this result.")); return box; }
  box.append(el("p", {}, `The lines need ${people(force.required_at_once)} deployed at once` +
    (force.busiest_day ? ` (busiest day ${force.busiest_day})` : "") +
    `; this sourcing puts ${people(force.sourced_at_once)} there; standing lines tie up ${people(force.sustained)} with rotations.`));
  if (force.no_personnel_figure.length) box.append(el("p", { class: "hint" }, "No people figure for: " + force.no_personnel_figure.join(", ")));
  if (!force.reported.length) { box.append(el("p", { class: "hint" }, "No reported size of the planned force in the registry by this date.")); return box; }
  const rows = force.reported.map(size => {
    const what = el("span");
    what.append(size.description, el("q", {}, size.quote));
    const source = `${size.date}, ${size.basis}, ${size.source}${size.source_grade ? " " + size.source_grade : ""}`;
    const reported = `${range(size.personnel)}${size.span === "with_rotations" ? " with rotations" : " at once"}`;
    return { cells: [reported, against(size, force), what, source], attrs: { "data-size": size.key } };
  });
  box.append(table(["reported size", "this sourcing against it", "what it is", "source"], rows, { class: "sizes" }));
  return box;
}

function shortfallsBlock(shortfalls) {
  const box = el("div", { class: "shortfalls" });
  box.append(el("h4", {}, "Shortfalls, and the states to approach (hold it, have said nothing yet)"));
  if (!shortfalls.length) { box.append(el("p", { class: "hint" }, "No shortfall.")); return box; }
  const rows = shortfalls.map(s => ({
    cells: [s.capability, String(s.gap), s.lines.join(", "), s.approach.join(", ") || "-", s.said_no.join(", ") || "-"],
    attrs: { "data-capability": s.capability },
  }));
  box.append(table(["capability", "short", "lines", "approach", "said no"], rows));
  return box;
}

function offersBlock(offers) {
  const box = el("div", { class: "offers" });
  box.append(el("h4", {}, "Every offer, and why it was or was not used"));
  // Offers not fully used first: their reasons are what the next round works on.
  const sorted = [...offers.filter(o => o.used < o.count), ...offers.filter(o => o.used >= o.count)];
  const rows = sorted.map(o => {
    const why = o.reason + (o.lost_to.length ? ` (lost to: ${o.lost_to.join(", ")})` : "");
    return { cells: [o.offer_id, o.actor, o.capability, `${o.used}/${o.count}`, why],
             attrs: { "data-offer": o.offer_id, class: o.used < o.count ? "unused" : "" } };
  });
  box.append(table(["offer", "state", "capability", "used", "why"], rows));
  return box;
}

function bidsBlock(bids) {
  const box = el("div", { class: "bids" });
  box.append(el("h4", {}, "Bids standing"));
  const rows = bids.map(b => ({
    cells: [b.offer, b.actor, b.line, String(b.units), b.full ? "full" : "partial", "round " + b.made_in],
    attrs: { "data-offer": b.offer, "data-line": b.line },
  }));
  box.append(rows.length ? table(["offer", "state", "line", "units", "bid", "made in"], rows) : el("p", { class: "hint" }, "No bids."));
  return box;
}

function summary(result) {
  const assumed = Object.entries(result.scenario.assumptions).map(([k, v]) => `${k}=${v}`).join(", ");
  const box = el("p", { class: "summary" });
  box.append(el("strong", {}, result.scenario.title), ` (${result.scenario.id}); registry as of `, el("strong", {}, result.as_of),
    `; weighted coverage ${(100 * (result.max_objective ? result.objective / result.max_objective : 1)).toFixed(1)}%` +
    ` (${result.method}, ${(1000 * result.seconds).toFixed(0)} ms)` + (assumed ? `; assumes ${assumed}` : ""));
  return box;
}

// One result in a panel: heading, what it reads, the lines (with a bar per line), people,
// shortfalls, the bids of a round if any, and every offer with its reason.
function resultPanel(heading, result, bids = null) {
  const panel = el("div", { class: "result" });
  panel.append(el("h3", {}, heading), summary(result));
  for (const warning of result.warnings) panel.append(el("p", { class: "error" }, "note: " + warning));
  const lineBars = result.lines.map(l => ({ label: l.line.id, value: Math.round(100 * share(l.periods)), color: l.met ? "#1a9850" : "#fdae61" }));
  panel.append(el("h4", {}, "Lines: who fills each rotation period, with its enablers"), el("div", { class: "chart" }), linesTable(result));
  panel.querySelector(".chart").append(bars(lineBars, 100, "%"));
  panel.append(peopleBlock(result.force), shortfallsBlock(result.shortfalls));
  if (bids) panel.append(bidsBlock(bids));
  panel.append(offersBlock(result.offers));
  return panel;
}

// ---- side by side ----------------------------------------------------------------------

// Per line, its covered share in the left result and the right one; rows whose share
// changed are marked, so the cell sees at once what a round or a scenario moved.
function compareTable(rows, left, right) {
  const body = rows.map(r => {
    const delta = Math.round(100 * r.after) - Math.round(100 * r.before);
    const change = el("span", { class: delta > 0 ? "up" : delta < 0 ? "down" : "" }, delta ? `${delta > 0 ? "+" : ""}${delta} points` : "same");
    const side = (value, met) => pct(value) + (met ? " met" : "");
    return { cells: [r.line, side(r.before, r.met_before), side(r.after, r.met_after), change],
             attrs: { "data-line": r.line, class: delta ? "changed" : "" } };
  });
  return table(["line", left, right, "change"], body, { class: "compare" });
}

// The same rows as the server's round comparison, for two scenarios' results.
function compareLines(first, second) {
  const before = new Map(first.lines.map(l => [l.line.id, l]));
  const rows = second.lines.map(l => {
    const old = before.get(l.line.id);
    return { line: l.line.id, before: old ? share(old.periods) : 0, after: share(l.periods), met_before: Boolean(old && old.met), met_after: l.met };
  });
  const seen = new Set(second.lines.map(l => l.line.id));
  for (const l of first.lines) if (!seen.has(l.line.id)) rows.push({ line: l.line.id, before: share(l.periods), after: 0, met_before: l.met, met_after: false });
  return rows;
}

function bidChanges(diff) {
  const text = b => `${b.offer} (${b.actor}) for ${b.line}: ${units(b.units)}`;
  const list = el("ul", { class: "bid-changes" });
  for (const b of diff.bids_added) list.append(el("li", { "data-offer": b.offer }, "bid: " + text(b)));
  for (const [old, now] of diff.bids_changed) list.append(el("li", { "data-offer": now.offer }, `changed: ${text(old)} to ${now.units}`));
  for (const b of diff.bids_withdrawn) list.append(el("li", { "data-offer": b.offer }, "withdrawn: " + text(b)));
  return list.childElementCount ? list : el("p", { class: "hint" }, "No bid made, changed or withdrawn in between.");
}

function show(what, compare, panels) {
  $("coverage-compare").replaceChildren(...compare);
  $("coverage-results").replaceChildren(...panels);
  $("coverage-results").dataset.showing = what;
}

// ---- conference rounds -----------------------------------------------------------------
async function loadRounds() {
  const rounds = await api("/api/forcegen/conferences");
  const option = c => el("option", { value: String(c.round) }, `${c.round}: ${c.date}, ${c.title}`);
  $("round-a").replaceChildren(...rounds.map(option));
  $("round-b").replaceChildren(...rounds.map(option));
  if (!rounds.length) { $("round-note").textContent = "No conference rounds on record."; $("show-rounds").disabled = true; }
  // The last two rounds by default: what changed at the latest conference.
  if (rounds.length > 1) $("round-a").value = String(rounds[rounds.length - 2].round);
  if (rounds.length) $("round-b").value = String(rounds[rounds.length - 1].round);
  return rounds;
}

async function drawRounds() {
  const numbers = [...new Set([Number($("round-a").value), Number($("round-b").value)])].sort((a, b) => a - b);
  if (!numbers[0]) return;
  const mine = ++coverageView;
  $("round-note").textContent = "sourcing the rounds...";
  try {
    const rounds = await Promise.all(numbers.map(n => api("/api/forcegen/conferences/" + n)));
    const diff = numbers.length === 2 ? await api(`/api/forcegen/conferences/${numbers[0]}/compare/${numbers[1]}`) : null;
    if (mine !== coverageView) return;
    const panels = rounds.map(r => resultPanel(`Round ${r.conference.round}, ${r.conference.date}: ${r.conference.title}`, r.result, r.bids));
    const compare = diff ? [
      el("h3", {}, `Round ${diff.first} beside round ${diff.second}: weighted coverage ${pct(diff.coverage_before)} then ${pct(diff.coverage_after)}`),
      compareTable(diff.lines, "round " + diff.first, "round " + diff.second), bidChanges(diff)] : [];
    show("rounds " + numbers.join(" "), compare, panels);
    $("round-note").textContent = "";
  } catch (error) { if (mine === coverageView) $("round-note").textContent = error.message; }
}

// ---- sourcing jobs under scenarios -------------------------------------------------------
async function loadScenarios() {
  const scenarios = await api("/api/forcegen/scenarios");
  const option = s => el("option", { value: s.id }, s.title);
  $("scenario").replaceChildren(...scenarios.map(option));
  $("scenario-b").replaceChildren(el("option", { value: "" }, "(none)"), ...scenarios.map(option));
}

// Runs a job (the secretariat's right) and reads its full result back.
async function sourceScenario(id) {
  const job = await api("/api/forcegen/jobs", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ scenario: id }) });
  return { id: job.id, result: await api("/api/forcegen/jobs/" + job.id) };
}

async function runJob() {
  const ids = [...new Set([$("scenario").value, $("scenario-b").value].filter(Boolean))];
  const mine = ++coverageView;
  $("job-note").textContent = "sourcing...";
  try {
    const jobs = [];
    for (const id of ids) jobs.push(await sourceScenario(id));  // one after the other: each is a solver run
    if (mine !== coverageView) return;
    const panels = jobs.map(job => {
      const panel = resultPanel(job.result.scenario.title, job.result);
      panel.dataset.job = String(job.id);
      return panel;
    });
    const [a, b] = jobs.map(j => j.result);
    const compare = b ? [el("h3", {}, `${a.scenario.id} beside ${b.scenario.id}`), compareTable(compareLines(a, b), a.scenario.id, b.scenario.id)] : [];
    show("scenarios " + ids.join(" "), compare, panels);
    $("job-note").textContent = `job${jobs.length > 1 ? "s" : ""} ${jobs.map(j => j.id).join(", ")}`;
  } catch (error) { if (mine === coverageView) $("job-note").textContent = error.message; }
}

// ---- the odds of an uncertain scenario ---------------------------------------------------
// The Monte Carlo view: coverage quantiles, the chance each line is fully met (every
// period, with its enablers) and per period, and the assumptions that move coverage most.
async function drawOdds() {
  const id = $("scenario").value, mine = ++coverageView;
  $("job-note").textContent = "drawing...";
  try {
    const odds = await api(`/api/forcegen/scenarios/${encodeURIComponent(id)}/odds?draws=2000`);
    if (mine !== coverageView) return;
    const panel = el("div", { class: "odds", "data-scenario": id });
    panel.append(
      el("h3", {}, `${odds.scenario.title}: ${odds.draws} draws (seed ${odds.seed}), registry as of ${odds.as_of}`),
      el("p", {}, `weighted coverage: mean ${pct(odds.mean_coverage)}, 5% ${pct(odds.p5)}, median ${pct(odds.p50)}, 95% ${pct(odds.p95)}`),
      table(["line", "P(fully met)", "P(met) of each period"], Object.entries(odds.p_line_met).map(([line, p]) => ({
        cells: [line, pct(p), odds.p_period_met[line].map(pct).join(" ")], attrs: { "data-line": line } }))),
      table(["assumption", "coverage if true minus if false"], Object.entries(odds.sensitivity).map(([name, d]) => ({
        cells: [name, (d >= 0 ? "+" : "") + pct(d)] }))));
    show("odds " + id, [], [panel]);
    $("job-note").textContent = "";
  } catch (error) { if (mine === coverageView) $("job-note").textContent = error.message; }
}

// Called when the tab opens: the lists are filled once, and the last two rounds shown.
async function drawCoverage() {
  if ($("scenario").options.length && $("round-a").options.length) return;
  try {
    await loadScenarios();
    if ((await loadRounds()).length) await drawRounds();
  } catch (error) { $("round-note").textContent = error.message; }
}

$("run-job").addEventListener("click", runJob);
$("run-odds").addEventListener("click", drawOdds);
$("show-rounds").addEventListener("click", drawRounds);

registerTab("coverage", drawCoverage);
