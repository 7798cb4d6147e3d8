// The OSINT review queue: each candidate with its evidence, its sources (one story from
// several outlets is one candidate) and any contradiction with the registry; the reviewer
// edits any field before accepting, reads the article, and adds a fact the extractor
// missed from one of its sentences. Values are checked by the server (400 with the reason).
"use strict";

const OSINT_STATUSES = ["announced", "conditional", "considering", "ruled_out", "declared", "government_approved", "parliament_approved", "deployed", "withdrawn", "refused", "opposes", "supports"];
const OSINT_BASING = ["", "in_ukraine", "outside_ukraine", "at_sea", "in_the_air", "away_from_front_line"];
const OSINT_UNITS = ["", "personnel", "EUR", "USD", "GBP", "minehunters", "fighter_jets", "ships", "tanks", "air_defence_systems", "helicopters", "surveillance_aircraft", "drones"];
const OSINT_SAID = ["exact", "up_to", "about", "at_least", "range"];

function osintNote(text) { $("osint-note").textContent = text; }

function osintField(label, input) {
  const box = el("label", { class: "field" }, label + " ");
  box.append(input);
  return box;
}
function osintChoice(name, options, value) {
  const select = el("select", { name });
  for (const option of options) {
    const item = el("option", { value: option }, option || "—");
    if (option === (value || "")) item.setAttribute("selected", "selected");
    select.append(item);
  }
  return select;
}
function osintInput(name, value) { return el("input", { name, value: value == null ? "" : String(value) }); }
function osintList(value) { return value.split(",").map(v => v.trim()).filter(Boolean); }

// The form's values, as the API takes them (lists split, the quantity as one object).
function osintFactFields(form) {
  const data = Object.fromEntries(new FormData(form).entries());
  const out = {};
  for (const key of ["actor", "status", "date", "basing"]) if (data[key]) out[key] = data[key];
  for (const key of ["conditions", "kinds", "domains"]) if (data[key] !== undefined) out[key] = osintList(data[key]);
  if (data.value && data.unit) {
    out.quantity = { value: Number(data.value), unit: data.unit, said: data.said || "exact" };
    if (data.said === "range") out.quantity.max = Number(data.max);
  }
  return out;
}

function osintFactForm(c, submitLabel) {
  const q = c.quantity || {};
  const form = el("form", { class: "fact-form" });
  form.append(
    osintField("actor", osintInput("actor", c.actor)),
    osintField("status", osintChoice("status", OSINT_STATUSES, c.status)),
    osintField("conditions", osintInput("conditions", (c.conditions || []).join(", "))),
    osintField("kinds", osintInput("kinds", (c.kinds || []).join(", "))),
    osintField("domains", osintInput("domains", (c.domains || []).join(", "))),
    osintField("quantity", osintInput("value", q.value)),
    osintField("unit", osintChoice("unit", OSINT_UNITS, q.unit)),
    osintField("said", osintChoice("said", OSINT_SAID, q.said)),
    osintField("max", osintInput("max", q.max)),
    osintField("basing", osintChoice("basing", OSINT_BASING, c.basing)),
    osintField("date", osintInput("date", c.date)),
    el("button", { type: "submit" }, submitLabel),
  );
  return form;
}

async function osintDecide(c, decision, edits = {}) {
  try {
    const result = await api(`/api/osint/candidates/${c.id}/decision`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ decision, edits }) });
    osintNote(`${c.id}: ${result.state}` + (result.records_added ? `, ${result.records_added} records added to the registry` : ""));
    drawQueue();
  } catch (error) { osintNote(error.message); }
}

// The article, sentence by sentence: a click on one opens the form for a missed fact.
async function osintArticle(c, box) {
  try {
    const article = await api(`/api/osint/documents/${c.document}`);
    if (!article.text) { box.replaceChildren(el("p", { class: "hint" }, "The article's text was not kept (read before the server kept articles).")); return; }
    const text = el("div", { class: "article", "data-document": article.id });
    const sentences = (article.text || "").split(/(?<=[.!?\u201d"])\s+(?=[A-Z\u00c0-\u024f\u0400-\u04ff\u201c"])/);
    for (const sentence of sentences) {
      const span = el("span", { class: "sentence", title: "add a fact from this sentence" }, sentence + " ");
      span.addEventListener("click", () => {
        const form = osintFactForm({ date: c.date }, "add this fact");
        form.dataset.quote = sentence.trim();
        form.addEventListener("submit", async event => {
          event.preventDefault();
          try {
            const added = await api(`/api/osint/documents/${article.id}/facts`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(Object.assign({ quote: form.dataset.quote }, osintFactFields(form))) });
            osintNote(`${added.id} added for review`);
            drawQueue();
          } catch (error) { osintNote(error.message); }
        });
        box.querySelectorAll(".fact-form").forEach(f => f.remove());
        box.append(el("q", { class: "chosen" }, sentence.trim()), form);
      });
      text.append(span);
    }
    box.replaceChildren(el("h4", {}, article.title || article.id), text);
  } catch (error) { osintNote(error.message); }
}

async function drawQueue() {
  const items = await api("/api/osint/candidates");
  const list = el("ol", { class: "timeline" });
  for (const c of items) {
    const item = el("li", { "data-id": c.id });
    const q = c.quantity ? `${c.quantity.said === "exact" ? "" : c.quantity.said.replace("_", " ") + " "}${c.quantity.value}${c.quantity.max ? "-" + c.quantity.max : ""} ${c.quantity.unit}` : "";
    const what = [c.fact, c.actor, c.status, (c.conditions || []).join(", "), c.count, q, c.basing, c.date].filter(Boolean).join(" · ");
    const sources = (c.sources || []).length;
    const graded = (c.outlets || []).filter(o => o.grade).map(o => `${new URL(o.address).hostname} ${o.grade}`);
    item.append(el("strong", {}, what), el("q", {}, c.quote), el("p", { class: "gloss" }, c.gloss || ""),
      el("small", { class: "sources" }, `${(c.document_info.title || "").slice(0, 90)}${sources > 1 ? ` · ${sources} outlets carry this story` : ""}${graded.length ? ` (graded: ${graded.join(", ")})` : ""}${c.added_by ? ` · added by ${c.added_by}` : ""}`));
    if (c.contradiction) item.append(el("p", { class: "error" }, "contradicts the registry: " + c.contradiction));
    const extra = el("div", { class: "review-extra" });
    for (const decision of ["accept", "reject"]) {
      const button = el("button", { "data-decision": decision }, decision);
      button.addEventListener("click", () => osintDecide(c, decision));
      item.append(button);
    }
    const edit = el("button", { "data-action": "edit" }, "edit");
    edit.addEventListener("click", () => {
      const form = osintFactForm(c, "accept with these values");
      form.addEventListener("submit", event => { event.preventDefault(); osintDecide(c, "accept", osintFactFields(form)); });
      extra.replaceChildren(form);
    });
    const read = el("button", { "data-action": "article" }, "article");
    read.addEventListener("click", () => osintArticle(c, extra));
    item.append(edit, read, extra);
    list.append(item);
  }
  $("queue").replaceChildren(items.length ? list : el("p", { class: "hint" }, "Nothing waits for review."));
}

registerTab("osint", drawQueue);
