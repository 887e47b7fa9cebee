// Rasad's web UI: plain JavaScript over the JSON API, no build step, nothing fetched from elsewhere.
// Article text is hostile: every value from the API enters the page as a text node (textContent) or an
// attribute set with setAttribute; no HTML string is ever parsed. Links to outside pages are http(s) only.
"use strict";

const RTL = new Set(["fa", "ar", "ur", "ps", "ku", "he"]);
const QUAD = {AGREE: 1, CONSULT: 1, SUPPORT: 1, CONCEDE: 1, COOPERATE: 2, AID: 2, RETREAT: 2, REQUEST: 3, ACCUSE: 3,
  REJECT: 3, SANCTION: 3, THREATEN: 3, PROTEST: 4, MOBILIZE: 4, COERCE: 4, ASSAULT: 4};
const QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"};
const EVENT_TYPES = Object.keys(QUAD).sort();
const SVG_NS = "http://www.w3.org/2000/svg";
const PAGE = 50;

// -- DOM helpers ------------------------------------------------------------------------------

function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

function build(el, attrs, children) {
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") el.setAttribute("class", value);
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// Text in the article's language: right-to-left where the script is, isolated from what surrounds it.
function foreign(text, lang, tag = "bdi") {
  const attrs = {lang: lang || null, dir: RTL.has(lang) ? "rtl" : "auto"};
  return h(tag, attrs, text ?? "");
}

// Replace an element's children (arrays of children are flattened, as in h()).
function fill(el, ...children) {
  el.replaceChildren();
  return build(el, {}, children);
}

function ltr(text) {
  return h("bdi", {dir: "ltr"}, text ?? "");
}

function badge(text, cls = "") {
  return h("span", {class: `badge ${cls}`.trim()}, text);
}

// A snippet marks matches between U+E000 and U+E001: build <mark> nodes from them, never markup.
function snippetNodes(snippet) {
  const nodes = [];
  for (const [index, part] of (snippet || "").split(/[\uE000\uE001]/).entries()) {
    if (part) nodes.push(index % 2 ? h("mark", {}, part) : part);
  }
  return nodes;
}

function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

const link = {
  doc: (id) => `/documents/${encodeURIComponent(id)}`,
  entity: (id) => `/entities/${encodeURIComponent(id)}`,
  story: (id) => `/stories/${encodeURIComponent(id)}`,
  events: (params) => `/events?${new URLSearchParams(params)}`,
  search: (params) => `/?${new URLSearchParams(params)}`,
};

// -- API --------------------------------------------------------------------------------------

function cleanParams(params) {
  const out = new URLSearchParams();
  for (const [key, value] of params) if (value !== "" && value !== null && value !== undefined) out.append(key, value);
  return out;
}

async function api(path, params = new URLSearchParams()) {
  const query = cleanParams(params).toString();
  const response = await fetch(`/api/${path}${query ? "?" + query : ""}`, {headers: {Accept: "application/json"}});
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = Array.isArray(body.detail) ? body.detail.map((d) => `${d.loc?.at(-1)}: ${d.msg}`).join("; ")
      : body.detail;
    throw new Error(detail || `HTTP ${response.status}`);
  }
  return body;
}

let facetsPromise = null;
function facets() {
  facetsPromise = facetsPromise || api("facets").catch(() => ({languages: [], outlets: [], event_types: []}));
  return facetsPromise;
}

// -- shared pieces ----------------------------------------------------------------------------

function field(label, control) {
  return h("label", {}, label, control);
}

function select(name, value, options, allLabel = "All") {
  return h("select", {name},
    h("option", {value: ""}, allLabel),
    options.map(([optionValue, label]) => h("option", {value: optionValue, selected: optionValue === value}, label)));
}

function input(name, value, attrs = {}) {
  return h("input", {name, value: value || "", ...attrs});
}

function pager(params, count, more, base) {
  const offset = Number(params.get("offset") || 0);
  const limit = Number(params.get("limit") || PAGE);
  const at = (value) => {
    const next = new URLSearchParams(params);
    next.set("offset", String(Math.max(0, value)));
    return `${base}?${cleanParams(next)}`;
  };
  return h("nav", {class: "pager", "aria-label": "Pages of results"},
    offset > 0 ? h("a", {href: at(offset - limit), rel: "prev"}, "← Previous") : null,
    more ? h("a", {href: at(offset + limit), rel: "next"}, "Next →") : null,
    count ? h("span", {class: "muted"}, `${offset + 1}–${offset + count}`) : null);
}

function docMeta(doc) {
  return h("div", {class: "meta"},
    badge(doc.lang || "und"),
    doc.outlet ? foreign(doc.outlet, doc.lang) : null,
    doc.published ? h("time", {datetime: doc.published}, ltr(doc.published.replace("T", " "))) : h("span", {}, "undated"),
    doc.story ? h("a", {href: link.story(doc.story)}, "story") : null);
}

function actorNodes(actors) {
  if (!actors || !actors.length) return "—";
  return actors.map((actor, index) => [index ? ", " : "",
    h("a", {href: link.entity(actor.id)}, actor.name || actor.id),
    actor.country ? h("span", {class: "muted"}, ` (${actor.country})`) : ""]);
}

function eventsTable(events, {showDocument = true} = {}) {
  if (!events.length) return h("p", {class: "muted"}, "No events.");
  return h("table", {class: "events"},
    h("thead", {}, h("tr", {}, ["Day", "Event", "Source", "Target", "Place", "In English",
      showDocument ? "Document" : null].filter(Boolean).map((title) => h("th", {scope: "col"}, title)))),
    h("tbody", {}, events.map((event) => h("tr", {"data-event": event.id},
      h("td", {class: "day"}, event.day ? ltr(event.day) : "—", event.date ? null : h("div", {class: "muted"}, "published")),
      h("td", {}, badge(event.type, "type"), event.mode ? h("div", {class: "muted"}, event.mode) : null),
      h("td", {}, actorNodes(event.source)),
      h("td", {}, actorNodes(event.target)),
      h("td", {}, event.place ? h("a", {href: link.entity(event.place.id)}, event.place.name) : "—"),
      h("td", {}, event.english || ""),
      showDocument ? h("td", {}, h("a", {href: link.doc(event.document)}, foreign(event.title || event.document, event.lang)),
        h("div", {class: "muted"}, event.outlet ? foreign(event.outlet, event.lang) : "")) : null))));
}

function showError(main, error) {
  fill(main, h("p", {class: "error"}, `Could not load: ${error.message}`));
}

// -- search -----------------------------------------------------------------------------------

async function searchPage(main, params) {
  const f = await facets();
  const q = params.get("q") || "";
  document.title = q ? `${q} · Rasad` : "Rasad";
  const form = h("form", {class: "filters", method: "get", action: "/", role: "search"},
    field("Search (Persian, Arabic or English; any spelling)",
      input("q", q, {class: "q", type: "search", dir: "auto", autofocus: true, placeholder: "ظریف · ظريف · Zarif"})),
    field("Language", select("lang", params.get("lang"), f.languages.map((l) => [l.value, `${l.value} (${l.count})`]))),
    field("Outlet", select("outlet", params.get("outlet"), f.outlets.map((o) => [o.value, `${o.value} (${o.count})`]))),
    field("From", input("since", params.get("since"), {type: "date"})),
    field("To", input("until", params.get("until"), {type: "date"})),
    field("Entity (id or name)", input("entity", params.get("entity"), {dir: "auto"})),
    field("Event type", select("event_type", params.get("event_type"), EVENT_TYPES.map((t) => [t, t]))),
    h("button", {type: "submit"}, "Search"));
  const results = h("section", {id: "results", "aria-label": "Results"}, h("p", {class: "muted"}, "Searching…"));
  fill(main, h("h1", {}, "Search the news"), form, results);
  const query = new URLSearchParams(params);
  query.set("limit", params.get("limit") || "20");
  let body;
  try {
    body = q ? await api("search", query) : await api("documents", query);
  } catch (error) {
    fill(results, h("p", {class: "error"}, error.message));
    return;
  }
  const entityCards = (body.entities || []).length ? h("div", {class: "entity-cards"},
    h("span", {class: "muted"}, "Entities:"),
    body.entities.map((entity) => h("a", {class: "entity-card", href: link.entity(entity.id)},
      entity.name.en || entity.id, " ", badge(entity.type || ""), entity.country ? ` ${entity.country}` : ""))) : null;
  const heading = q ? `Results for “${q}”` : "Latest documents";
  fill(results,
    entityCards,
    h("h2", {}, h("bdi", {}, heading)),
    body.items.length ? body.items.map((doc) => h("article", {class: "card result", "data-doc": doc.id},
      h("h3", {}, h("a", {href: link.doc(doc.id)}, foreign(doc.title || doc.id, doc.lang, "span"))),
      docMeta(doc),
      h("p", {class: "snippet", dir: RTL.has(doc.lang) ? "rtl" : "auto", lang: doc.lang}, snippetNodes(doc.snippet))))
      : h("p", {class: "muted"}, "No documents match."),
    pager(query, body.items.length, body.more ?? body.items.length === Number(query.get("limit")), "/"));
}

// -- article ----------------------------------------------------------------------------------

// The article's text as nodes: entity mentions (links to their pages), dates, and event evidence
// highlighted; the text is cut at every span edge and each piece wrapped by the spans covering it.
function highlightedText(text, spans) {
  const edges = new Set([0, text.length]);
  for (const span of spans) {
    if (span.start >= 0 && span.end <= text.length && span.start < span.end) {
      edges.add(span.start);
      edges.add(span.end);
    }
  }
  const cuts = [...edges].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    const covering = spans.filter((span) => span.start <= start && span.end >= end);
    let node = document.createTextNode(text.slice(start, end));
    const entity = covering.filter((span) => span.kind === "entity").sort((a, b) => (a.end - a.start) - (b.end - b.start))[0];
    const date = covering.find((span) => span.kind === "date");
    const events = covering.filter((span) => span.kind === "event");
    if (date) node = h("time", {class: "date", datetime: date.label, title: `date: ${date.label}`}, node);
    if (entity) {
      node = h("a", {class: `ent ent-${entity.type}`, href: link.entity(entity.ref), "data-entity": entity.ref,
        title: `${entity.label || entity.ref} · ${(entity.type || "").toLowerCase()}`}, node);
    }
    if (events.length) node = h("span", {class: "ev", "data-ev": events.map((e) => e.ref).join(" ")}, node);
    nodes.push(node);
  }
  return nodes;
}

function focusEvent(root, index, on) {
  for (const el of root.querySelectorAll(".article-text .ev[data-ev]")) {
    if (el.dataset.ev.split(" ").includes(String(index))) el.classList.toggle("active", on);
  }
  for (const el of root.querySelectorAll(`li.event-line[data-ev="${index}"]`)) el.classList.toggle("active", on);
}

async function documentPage(main, id) {
  const body = await api(`documents/${encodeURIComponent(id)}`);
  const record = body.record;
  const lang = record.lang;
  document.title = `${record.title || record.id} · Rasad`;
  const url = safeUrl(record.source?.url);
  const entities = [...(record.entities || [])].sort((a, b) => (b.mentions?.length || 0) - (a.mentions?.length || 0));
  const textBox = h("div", {class: "article-text", dir: RTL.has(lang) ? "rtl" : "auto", lang},
    highlightedText(record.text || "", body.spans));
  const byType = (type) => entities.filter((entity) => entity.type === type);
  const side = h("aside", {class: "side card", dir: "ltr", lang: "en", "aria-label": "In English"},
    h("h2", {}, `Events (${(record.events || []).length})`),
    (record.events || []).length ? h("ol", {class: "event-lines"}, record.events.map((event, index) =>
      h("li", {class: "event-line", "data-ev": index, tabindex: 0,
        onmouseenter: () => focusEvent(main, index, true), onmouseleave: () => focusEvent(main, index, false),
        onfocus: () => focusEvent(main, index, true), onblur: () => focusEvent(main, index, false)},
      badge(event.type, "type"), " ", event.english || event.type,
      event.confidence != null ? h("span", {class: "muted"}, ` · ${Math.round(event.confidence * 100)}%`) : null)))
      : h("p", {class: "muted"}, "No events."),
    ["PERSON", "ORGANIZATION", "LOCATION"].map((type) => byType(type).length ? [
      h("h2", {}, {PERSON: "People", ORGANIZATION: "Organisations", LOCATION: "Places"}[type]),
      h("ul", {}, byType(type).map((entity) => h("li", {},
        h("a", {href: link.entity(entity.id)}, entity.name?.en || entity.id),
        entity.country ? h("span", {class: "muted"}, ` (${entity.country})`) : null, " · ",
        foreign(entity.mentions?.[0]?.text || entity.name?.[lang] || "", lang),
        h("span", {class: "muted"}, ` ×${entity.mentions?.length || 0}`))))] : null),
    (record.dates || []).length ? [h("h2", {}, "Dates"), h("ul", {}, record.dates.map((date) => h("li", {},
      foreign(date.raw, lang), " → ", ltr(date.value), date.relative ? h("span", {class: "muted"}, " (relative)") : null)))]
      : null,
    record.story ? [h("h2", {}, "Story"), h("p", {}, h("a", {href: link.story(record.story)}, "The whole story"),
      h("span", {class: "muted"}, ` · ${body.story_documents.length} other documents`)),
    h("ul", {}, body.story_documents.map((doc) => h("li", {}, h("a", {href: link.doc(doc.id)},
      foreign(doc.title || doc.id, doc.lang)), " ", h("span", {class: "muted"}, doc.outlet ? foreign(doc.outlet, doc.lang) : ""))))]
      : null);
  fill(main,
    h("div", {class: "layout"},
      h("article", {class: "article"},
        h("h1", {class: "article-title", dir: RTL.has(lang) ? "rtl" : "auto", lang}, record.title || "(no title)"),
        docMeta({...record, outlet: record.source?.outlet, published: record.published?.value}),
        h("div", {class: "meta"}, record.published?.raw ? ["as printed: ", foreign(record.published.raw, lang)] : null,
          url ? h("a", {href: url, rel: "noopener noreferrer nofollow", target: "_blank"}, "original page") : null,
          h("a", {href: `/api/documents/${encodeURIComponent(record.id)}`}, "JSON"),
          h("span", {}, ltr(record.id))),
        h("div", {class: "legend", "aria-label": "Highlight key"},
          h("span", {class: "ent-PERSON"}, "person"), h("span", {class: "ent-ORGANIZATION"}, "organisation"),
          h("span", {class: "ent-LOCATION"}, "place"), h("span", {class: "date"}, "date"),
          h("span", {class: "ev active"}, "event evidence")),
        textBox),
      side));
}

// -- entity -----------------------------------------------------------------------------------

function timelineChart(timeline) {
  if (!timeline.length) return h("p", {class: "muted"}, "No dated events.");
  const months = [];
  const [first, last] = [timeline[0].month, timeline.at(-1).month];
  let [year, month] = first.split("-").map(Number);
  while (months.length < 600) {
    const key = `${year}-${String(month).padStart(2, "0")}`;
    months.push(key);
    if (key >= last) break;
    month += 1;
    if (month > 12) { month = 1; year += 1; }
  }
  const counts = new Map(months.map((m) => [m, {1: 0, 2: 0, 3: 0, 4: 0, types: []}]));
  for (const row of timeline) {
    const slot = counts.get(row.month);
    if (!slot) continue;
    slot[QUAD[row.type] || 1] += row.count;
    slot.types.push(`${row.type} ${row.count}`);
  }
  const max = Math.max(...[...counts.values()].map((c) => c[1] + c[2] + c[3] + c[4]));
  const width = 600, height = 160, bottom = 20, barWidth = Math.max(1, width / months.length);
  const svg = s("svg", {class: "chart", viewBox: `0 0 ${width} ${height}`, role: "img",
    "aria-label": "Events per month"});
  months.forEach((m, i) => {
    const slot = counts.get(m);
    let y = height - bottom;
    for (const quad of [1, 2, 3, 4]) {
      const barHeight = (slot[quad] / max) * (height - bottom - 10);
      if (!barHeight) continue;
      y -= barHeight;
      svg.append(s("rect", {x: i * barWidth + 0.5, y, width: Math.max(0.5, barWidth - 1), height: barHeight, class: `quad${quad}`},
        s("title", {}, `${m}: ${slot.types.join(", ")}`)));
    }
    if (i === 0 || m.endsWith("-01") || i === months.length - 1) {
      svg.append(s("text", {x: i * barWidth, y: height - 6}, m));
    }
  });
  return h("div", {}, svg, h("div", {class: "key"}, [1, 2, 3, 4].map((q) => h("span", {}, h("i", {class: `quad${q}`}), QUAD_NAMES[q]))));
}

function networkChart(network, centralId) {
  if (network.edges.length === 0) return h("p", {class: "muted"}, "No actor links in its events.");
  const size = 420, center = size / 2, radius = 150;
  const others = network.nodes.filter((node) => node.id !== centralId);
  const position = new Map([[centralId, [center, center]]]);
  others.forEach((node, i) => {
    const angle = (2 * Math.PI * i) / others.length - Math.PI / 2;
    position.set(node.id, [center + radius * Math.cos(angle), center + radius * Math.sin(angle)]);
  });
  const max = Math.max(...network.edges.map((e) => e.count));
  const svg = s("svg", {class: "network", viewBox: `0 0 ${size} ${size}`, role: "img", "aria-label": "Actor network"},
    s("defs", {}, s("marker", {id: "arrow", viewBox: "0 0 10 10", refX: 20, refY: 5, markerWidth: 8, markerHeight: 8,
      markerUnits: "userSpaceOnUse",
      orient: "auto-start-reverse"}, s("path", {d: "M0,0L10,5L0,10z", fill: "#7d8fa3"}))));
  for (const edge of network.edges) {
    const [a, b] = [position.get(edge.source), position.get(edge.target)];
    if (!a || !b) continue;
    svg.append(s("line", {x1: a[0], y1: a[1], x2: b[0], y2: b[1], "stroke-width": 1 + (3 * edge.count) / max,
      "marker-end": "url(#arrow)"}, s("title", {}, `${edge.source} → ${edge.target}: ${edge.count}`)));
  }
  for (const node of network.nodes) {
    const [x, y] = position.get(node.id);
    svg.append(s("a", {href: link.entity(node.id)},
      s("circle", {cx: x, cy: y, r: node.central ? 9 : 6, class: node.central ? "central" : null}),
      s("text", {x, y: y + (y < center ? -12 : 20), "text-anchor": "middle"}, node.name)));
  }
  return svg;
}

async function entityPage(main, id) {
  const body = await api(`entities/${encodeURIComponent(id)}`);
  const entity = body.entity;
  document.title = `${entity.name.en || entity.id} · Rasad`;
  fill(main,
    h("h1", {}, entity.name.en || entity.id),
    h("div", {class: "names"},
      ["fa", "ar"].map((lang) => entity.name[lang] ? h("span", {}, badge(lang), " ", foreign(entity.name[lang], lang)) : null)),
    h("div", {class: "meta"}, badge(entity.type || ""), entity.country ? h("span", {}, `country: ${entity.country}`) : null,
      h("span", {}, ltr(entity.id)),
      h("a", {href: link.search({entity: entity.id})}, `${body.documents} documents`),
      h("a", {href: link.events({actor: entity.id})}, "all its events")),
    h("div", {class: "grid2"},
      h("section", {}, h("h2", {}, "Events over time"), timelineChart(body.timeline)),
      h("section", {}, h("h2", {}, "Actor network"), networkChart(body.network, entity.id))),
    h("h2", {}, "Appears with"),
    body.co_occurring.length ? h("div", {class: "entity-cards"}, body.co_occurring.map((other) =>
      h("a", {class: "entity-card", href: link.entity(other.id)}, other.name?.en || other.id, " ",
        h("span", {class: "muted"}, `×${other.documents}`)))) : h("p", {class: "muted"}, "No other entities."),
    h("h2", {}, "Recent events"),
    eventsTable(body.recent_events));
}

// -- events -----------------------------------------------------------------------------------

async function eventFilters(params, action, extra = []) {
  const f = await facets();
  return h("form", {class: "filters", method: "get", action},
    field("Type", select("type", params.get("type"), EVENT_TYPES.map((t) => [t, t]))),
    field("Actor (id or name)", input("actor", params.get("actor"), {dir: "auto"})),
    field("Country (ISO3)", input("country", params.get("country"), {size: 5, pattern: "[A-Za-z]{3}"})),
    field("From", input("since", params.get("since"), {type: "date"})),
    field("To", input("until", params.get("until"), {type: "date"})),
    field("Place (id or name)", input("place", params.get("place"), {dir: "auto"})),
    field("Language", select("lang", params.get("lang"), f.languages.map((l) => [l.value, l.value]))),
    extra,
    h("button", {type: "submit"}, "Filter"));
}

async function eventsPage(main, params) {
  document.title = "Events · Rasad";
  const query = new URLSearchParams(params);
  query.set("limit", params.get("limit") || String(PAGE));
  const form = await eventFilters(params, "/events");
  fill(main, h("h1", {}, "Events"), form, h("p", {class: "muted"}, "Loading…"));
  const body = await api("events", query);
  const exportParams = cleanParams(params);
  exportParams.delete("offset");
  exportParams.delete("limit");
  const exportLink = (format, label) => {
    const p = new URLSearchParams(exportParams);
    p.set("format", format);
    return h("a", {class: "download", href: `/api/events/export?${p}`, download: `rasad-events.${format}`}, label);
  };
  const total = body.total >= body.total_capped ? `${body.total_capped.toLocaleString("en")}+` : body.total;
  fill(main, h("h1", {}, "Events"), form,
    h("div", {class: "actions"}, h("strong", {id: "event-total"}, `${total} events`),
      exportLink("csv", "Download CSV"), exportLink("jsonl", "Download JSON Lines"),
      h("a", {href: `/map?${exportParams}`}, "On the map")),
    eventsTable(body.items),
    pager(query, body.items.length, Number(query.get("offset") || 0) + body.items.length < body.total, "/events"));
}

// -- map --------------------------------------------------------------------------------------

let worldPromise = null;

async function mapPage(main, params) {
  document.title = "Map · Rasad";
  worldPromise = worldPromise || fetch("/static/world.json").then((r) => r.json());
  const form = await eventFilters(params, "/map");
  fill(main, h("h1", {}, "Where events happen"), form, h("p", {class: "muted"}, "Loading…"));
  const [world, places] = await Promise.all([worldPromise, api("events/places", params)]);
  const [x0, y0, width, height] = world.viewBox;
  const svg = s("svg", {class: "world", viewBox: `${x0} ${y0} ${width} ${height}`, role: "img",
    "aria-label": "Map of event places"});
  for (const country of world.countries) svg.append(s("path", {class: "land", d: country.d}, s("title", {}, country.name)));
  const located = places.items.filter((place) => place.lat !== null && place.lon !== null);
  const max = Math.max(1, ...located.map((place) => place.count));
  const filters = cleanParams(params);
  for (const place of [...located].sort((a, b) => b.count - a.count)) {
    const p = new URLSearchParams(filters);
    p.set("place", place.id);
    svg.append(s("a", {href: `/events?${p}`, "data-place": place.id},
      s("circle", {cx: place.lon + 180, cy: 90 - place.lat, r: 0.8 + 4 * Math.sqrt(place.count / max)}),
      s("title", {}, `${place.name}: ${place.count} events`)));
  }
  fill(main, h("h1", {}, "Where events happen"), form, svg,
    h("p", {class: "muted"}, "Country outlines: Natural Earth (public domain). A country's events are drawn at its capital."),
    h("h2", {}, "Places"),
    h("table", {class: "events"}, h("thead", {}, h("tr", {}, ["Place", "Country", "Events"].map((t) => h("th", {}, t)))),
      h("tbody", {}, places.items.map((place) => {
        const p = new URLSearchParams(filters);
        p.set("place", place.id);
        return h("tr", {}, h("td", {}, h("a", {href: link.entity(place.id)}, place.name)), h("td", {}, place.country || "—"),
          h("td", {}, h("a", {href: `/events?${p}`}, String(place.count))));
      }))));
}

// -- stories ----------------------------------------------------------------------------------

async function storiesPage(main, params) {
  document.title = "Stories · Rasad";
  const query = new URLSearchParams(params);
  query.set("limit", params.get("limit") || String(PAGE));
  const body = await api("stories", query);
  fill(main, h("h1", {}, "Stories"),
    h("p", {class: "muted"}, "Articles about one happening, across outlets and languages."),
    body.items.length ? body.items.map((story) => h("article", {class: "card result", "data-story": story.id},
      h("h3", {}, h("a", {href: link.story(story.id)}, story.english_title
        ? h("span", {lang: "en", dir: "ltr"}, story.english_title)
        : foreign(story.title || story.id, story.lang, "span"))),
      story.english_title && story.title ? h("div", {}, foreign(story.title, story.lang, "span")) : null,
      h("div", {class: "meta"}, h("span", {}, `${story.documents} documents`), h("span", {}, `${story.outlets} outlets`),
        story.languages.map((lang) => badge(lang)),
        h("span", {}, ltr(`${(story.first || "?").slice(0, 10)} → ${(story.last || "?").slice(0, 10)}`)))))
      : h("p", {class: "muted"}, "No stories in the store yet."),
    pager(query, body.items.length, body.items.length === Number(query.get("limit")), "/stories"));
}

async function storyPage(main, id) {
  const body = await api(`stories/${encodeURIComponent(id)}`);
  const first = body.documents[0];
  document.title = `${body.english_title || first.title || id} · Rasad`;
  fill(main,
    body.english_title ? h("h1", {lang: "en", dir: "ltr"}, body.english_title)
      : h("h1", {}, foreign(first.title || id, first.lang, "span")),
    body.english_title ? h("p", {}, foreign(first.title || id, first.lang, "span")) : null,
    body.entities && body.entities.length ? h("p", {class: "meta", lang: "en", dir: "ltr"}, "Key entities: ",
      body.entities.map((entity, i) => [i ? ", " : "", h("a", {href: link.entity(entity.id)}, entity.name)])) : null,
    h("div", {class: "meta"}, h("span", {}, `${body.documents.length} documents`),
      body.languages.map((lang) => badge(lang)),
      h("span", {}, "outlets: ", body.outlets.map((outlet, i) => [i ? ", " : "", foreign(outlet, null)])),
      h("span", {}, ltr(id))),
    h("h2", {}, "Timeline"),
    h("ol", {class: "timeline"}, body.documents.map((doc) => h("li", {"data-doc": doc.id},
      h("div", {}, h("span", {class: "when"}, ltr(doc.published ? doc.published.replace("T", " ") : "undated")), " ",
        badge(doc.lang), " ", doc.outlet ? foreign(doc.outlet, doc.lang) : null),
      h("div", {}, h("a", {href: link.doc(doc.id)}, foreign(doc.title || doc.id, doc.lang, "span"))),
      doc.events.length ? h("ul", {lang: "en", dir: "ltr"}, doc.events.map((event) => h("li", {},
        badge(event.type, "type"), " ", event.english || ""))) : null))));
}

// -- routing ----------------------------------------------------------------------------------

async function route() {
  const main = document.getElementById("main");
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  const section = path === "/" ? "search" : path.split("/")[1];
  for (const a of document.querySelectorAll("nav a[data-nav]")) {
    a.classList.toggle("current", a.dataset.nav === section || (section === "documents" && a.dataset.nav === "search"));
  }
  const part = (n) => decodeURIComponent(path.split("/")[n] || "");
  try {
    if (path === "/") await searchPage(main, params);
    else if (path.startsWith("/documents/")) await documentPage(main, part(2));
    else if (path.startsWith("/entities/")) await entityPage(main, part(2));
    else if (path === "/events") await eventsPage(main, params);
    else if (path === "/map") await mapPage(main, params);
    else if (path === "/stories") await storiesPage(main, params);
    else if (path.startsWith("/stories/")) await storyPage(main, part(2));
    else fill(main, h("p", {}, "No such page. ", h("a", {href: "/"}, "Search")));
  } catch (error) {
    showError(main, error);
  }
  document.body.dataset.ready = "1";  // for the end-to-end tests: the page has drawn its data
}

document.addEventListener("DOMContentLoaded", route);
