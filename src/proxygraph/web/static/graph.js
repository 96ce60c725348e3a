// The network view: Cytoscape over /api/graph; a tap on an edge lists its evidence.
// Every piece of data is written with textContent; nothing from the server is parsed as HTML.
"use strict";
(function () {
  const SHAPES = { state: "ellipse", armed_group: "diamond", agency: "round-rectangle",
    igo: "round-rectangle", political: "round-rectangle", pmc: "round-rectangle",
    person: "triangle" };
  const COLOURS = { cooperation: "#2a9d5b", conflict: "#d64541", structure: "#7a7f8c" };
  const REJECTED = "#a9aeb8";
  const status = document.getElementById("graph-status");
  const panel = document.getElementById("edge-panel");
  const filters = document.getElementById("filters");
  const params = new URLSearchParams(window.location.search);

  function el(tag, text, cls) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }

  function checked(name) {
    return Array.from(filters.querySelectorAll("input[name=" + name + "]:checked")).map((i) => i.value);
  }

  function query() {
    const q = new URLSearchParams();
    checked("relation").forEach((r) => q.append("relation", r));
    checked("certainty").forEach((c) => q.append("certainty", c));
    const on = document.getElementById("year-on");
    if (on && on.checked) {
      q.set("year_from", document.getElementById("year-from").value);
      q.set("year_to", document.getElementById("year-to").value);
    }
    const source = document.getElementById("source").value.trim();
    if (source) q.set("source", source);
    const min = parseInt(document.getElementById("min-stories").value, 10);
    if (min > 1) q.set("min_stories", String(min));
    if (!document.getElementById("negated").checked) q.set("negated", "false");
    if (document.getElementById("rejected").checked) q.set("rejected", "true");
    const focus = document.getElementById("focus").value.trim();
    if (focus) {
      q.set("focus", focus);
      q.set("depth", document.getElementById("depth").value || "1");
    }
    return q;
  }

  function restore() {
    params.getAll("relation").forEach((r) => tick("relation", r));
    params.getAll("certainty").forEach((c) => tick("certainty", c));
    if (params.get("source")) document.getElementById("source").value = params.get("source");
    if (params.get("min_stories")) document.getElementById("min-stories").value = params.get("min_stories");
    if (params.get("negated") === "false") document.getElementById("negated").checked = false;
    if (params.get("rejected") === "true") document.getElementById("rejected").checked = true;
    if (params.get("focus")) document.getElementById("focus").value = params.get("focus");
    if (params.get("depth")) document.getElementById("depth").value = params.get("depth");
    if (params.get("year_from") && document.getElementById("year-on")) {
      document.getElementById("year-on").checked = true;
      document.getElementById("year-from").value = params.get("year_from");
      document.getElementById("year-to").value = params.get("year_to") || params.get("year_from");
    }
    showYears();
  }

  function tick(name, value) {
    filters.querySelectorAll("input[name=" + name + "]").forEach((i) => {
      if (i.value === value) i.checked = true;
    });
  }

  function showYears() {
    const label = document.getElementById("year-label");
    if (!label) return;
    const a = document.getElementById("year-from"), b = document.getElementById("year-to");
    if (+a.value > +b.value) b.value = a.value;
    label.textContent = a.value + "–" + b.value;
  }

  // Labels: the largest actors are named at the default zoom, the rest as one zooms in
  // (Cytoscape hides a label whose on-screen size falls under min-zoomed-font-size).
  // 25 names on a wide screen, fewer on a phone (at 390 px, 10), so they do not pile up.
  const NAMED_WIDE = 25;
  let NAMED = NAMED_WIDE;
  const style = [
    { selector: "node", style: {
      "label": "data(label)", "width": "data(size)", "height": "data(size)",
      "shape": (n) => SHAPES[n.data("type")] || "hexagon",
      "background-color": "#4b6cb7", "font-size": "data(font)", "min-zoomed-font-size": 9,
      "font-weight": (n) => n.data("rank") < NAMED ? 600 : 400,
      "text-valign": "bottom", "text-margin-y": 3, "color": "#1d2330",
      "text-outline-color": "#f7f8fa", "text-outline-width": 2.5, "z-index": "data(z)" } },
    { selector: "node[type = 'armed_group']", style: { "background-color": "#b35c1e" } },
    { selector: "node[type = 'person']", style: { "background-color": "#8a5cb3" } },
    { selector: "node.faded, edge.faded", style: { "opacity": 0.15 } },
    { selector: "edge", style: {
      "width": "data(width)", "line-color": (e) => COLOURS[e.data("valence")],
      "curve-style": "bezier", "opacity": 0.8, "control-point-step-size": 28,
      "line-style": (e) => e.data("certainty") === "asserted" ? "solid"
        : e.data("certainty") === "denied" ? "dotted" : "dashed" } },
    { selector: "edge[?directed]", style: {
      "target-arrow-shape": "triangle", "target-arrow-color": (e) => COLOURS[e.data("valence")],
      "arrow-scale": 1.3 } },
    { selector: "edge[certainty = 'denied']", style: {
      "mid-target-arrow-shape": "tee", "mid-target-arrow-color": "#1d2330", "arrow-scale": 1.4 } },
    { selector: "edge[?contested]", style: { "mid-source-arrow-shape": "circle",
      "mid-source-arrow-color": "#1d2330", "arrow-scale": 0.8 } },
    // Made only of claims an analyst rejected (drawn when "show rejected" is on): grey, dashed.
    { selector: "edge[?rejected]", style: { "line-color": REJECTED, "line-style": "dashed",
      "line-dash-pattern": [7, 5], "target-arrow-color": REJECTED, "opacity": 0.9,
      "width": 2.5 } },
    { selector: "edge:selected", style: { "overlay-opacity": 0.2, "overlay-color": "#1d5fbf" } },
  ];

  const cy = window.cytoscape ? window.cytoscape({
    container: document.getElementById("cy"), style: style, minZoom: 0.05, maxZoom: 6 }) : null;
  window.proxygraphCy = cy;  // for the browser tests and the screenshot script

  async function load() {
    if (!cy) { status.textContent = "Cytoscape is not installed: run `make web-deps`."; return; }
    const q = query();
    history.replaceState(null, "", q.toString() ? "?" + q : window.location.pathname);
    document.getElementById("twin-link").href = "/graph.json" + (q.toString() ? "?" + q : "");
    status.textContent = "Loading…";
    const res = await fetch("/api/graph?" + q);
    const body = await res.json();
    if (!res.ok) {
      status.textContent = typeof body.detail === "string" ? body.detail : "invalid filter";
      return;
    }
    draw(body);
  }

  let lastGraph = null;

  function draw(graph) {
    lastGraph = graph;
    NAMED = Math.max(8, Math.round(NAMED_WIDE * Math.min(1, cy.width() / 1000)));
    const top = Math.max(1, ...graph.nodes.map((n) => n.degree));
    // Rank by degree (then name): the first NAMED get large labels drawn above the rest.
    const ranked = graph.nodes.slice().sort((x, y) => y.degree - x.degree || (x.id < y.id ? -1 : 1));
    const rank = new Map(ranked.map((n, i) => [n.id, i]));
    const elements = graph.nodes.map((n) => {
      const r = rank.get(n.id);
      return { group: "nodes", position: { x: n.x, y: n.y }, data: {
        id: n.id, label: n.label, type: n.type, degree: n.degree, rank: r,
        z: graph.nodes.length - r,
        font: r < NAMED ? 13 + 6 * Math.sqrt(n.degree / top) : 8,
        size: 16 + 44 * Math.sqrt(n.degree / top) } };
    });
    elements.forEach((x) => { x.data.screenFont = x.data.font; x.data.screenSize = x.data.size; });
    for (const e of graph.edges) {
      elements.push({ group: "edges", data: { ...e, width: Math.min(12, 1.5 + 2 * Math.log2(e.stories + 1)) } });
    }
    cy.elements().remove();
    cy.add(elements);
    // The places come from the server's layout of the whole snapshot: the same store and
    // filters give the same picture, and a filter hides nodes without moving the others.
    cy.layout({ name: "preset", fit: false }).run();
    fitView();
    status.textContent = graph.nodes.length + " actors, " + graph.edges.length + " edges" +
      (graph.truncated ? " (the best-connected shown; narrow the filters)" : "");
    document.getElementById("cy").dataset.ready = "1";
  }

  // Sizes are meant on screen at the fitted zoom: the named actors' labels at 13-19 px,
  // the others at 8 px, under the 9 px threshold, until one zooms in.
  function fitView() {
    cy.resize();
    cy.fit(undefined, 40);
    const z = cy.zoom();
    cy.batch(() => cy.nodes().forEach((n) => {
      n.data("font", n.data("screenFont") / z);
      n.data("size", n.data("screenSize") / Math.sqrt(z));
    }));
    cy.fit(undefined, 40);
  }

  // On a wide screen the evidence panel takes the right of the window: the graph moves
  // into the space left of it instead of being hidden under it.
  function showPanel(open) {
    panel.hidden = !open;
    const before = document.body.classList.contains("panel-open");
    document.body.classList.toggle("panel-open", open);
    if (before !== open && lastGraph && window.matchMedia("(min-width: 801px)").matches) {
      // Drawn anew rather than re-zoomed: labels already drawn keep a texture of their old
      // size and would come out clipped.
      const selected = cy.$(":selected").map((x) => x.id());
      draw(lastGraph);
      selected.forEach((id) => cy.getElementById(id).select());
    }
  }

  function edgeQuery(e) {
    const q = query();
    q.delete("focus"); q.delete("depth");
    q.set("a", e.data("source")); q.set("b", e.data("target")); q.set("valence", e.data("valence"));
    q.set("directed", e.data("directed") ? "true" : "false");
    return q;
  }

  async function openEdge(e) {
    showPanel(true);
    const title = document.getElementById("panel-title");
    const meta = document.getElementById("panel-meta");
    const list = document.getElementById("panel-claims");
    title.textContent = e.data("source") + (e.data("directed") ? " → " : " ↔ ") + e.data("target") +
      " (" + e.data("valence") + ")";
    meta.textContent = (e.data("rejected") ? "rejected by an analyst · " : "") +
      Object.entries(e.data("relations")).map(([r, n]) => r + " ×" + n).join(", ") +
      " · " + e.data("stories") + " independent stories";
    list.replaceChildren(el("li", "Loading…"));
    const res = await fetch("/api/edge?" + edgeQuery(e));
    const body = await res.json();
    list.replaceChildren();
    if (!res.ok) { list.appendChild(el("li", String(body.detail))); return; }
    for (const c of body.claims) list.appendChild(claimItem(c));
  }

  function claimItem(c) {
    const rejected = c.review && c.review.status === "rejected";
    const li = el("li", null, "claim " + c.certainty + (rejected ? " rejected" : ""));
    const head = el("div");
    head.appendChild(el("b", c.subject + " " + (c.negated ? "NOT " : "") + c.relation + " " + c.object));
    const bits = [c.certainty, c.source ? "source: " + c.source : null, c.time || c.year,
      c.document_title || c.doc, c.construction ? "rule: " + c.construction : null].filter(Boolean);
    head.appendChild(el("span", " · " + bits.join(" · "), "meta"));
    li.appendChild(head);
    const para = el("div", null, "para");
    const p = c.context.paragraph;
    para.appendChild(document.createTextNode(p.slice(0, c.context.start)));
    para.appendChild(el("mark", p.slice(c.context.start, c.context.end)));
    para.appendChild(document.createTextNode(p.slice(c.context.end)));
    li.appendChild(para);
    const link = el("a", "Open the document");
    link.href = "/document/" + encodeURIComponent(c.doc);
    li.appendChild(link);
    // confirm / reject / correct (static/review.js); a judgement redraws the graph
    if (window.proxygraphReview) li.appendChild(window.proxygraphReview.controls(c, load));
    return li;
  }

  function openNode(tapped) {
    showPanel(true);
    const n = cy.getElementById(tapped.id());  // the graph may have been drawn anew
    document.getElementById("panel-title").textContent = n.data("label");
    document.getElementById("panel-meta").textContent = n.data("type") + " · " + n.data("degree") + " counterparts";
    const list = document.getElementById("panel-claims");
    list.replaceChildren();
    const page = el("a", "Open the actor page");
    page.href = "/actor/" + encodeURIComponent(n.id());
    const focus = el("button", "Focus the graph on this actor");
    focus.type = "button";
    focus.addEventListener("click", () => { document.getElementById("focus").value = n.id(); load(); });
    list.append(el("li"), el("li"));
    list.children[0].appendChild(page);
    list.children[1].appendChild(focus);
    cy.elements().addClass("faded");
    n.closedNeighborhood().removeClass("faded");
  }

  if (cy) {
    cy.on("tap", "edge", (ev) => openEdge(ev.target));
    cy.on("tap", "node", (ev) => openNode(ev.target));
    cy.on("tap", (ev) => { if (ev.target === cy) cy.elements().removeClass("faded"); });
  }
  document.getElementById("close-panel").addEventListener("click", () => showPanel(false));
  const toggle = document.getElementById("filters-toggle");
  toggle.addEventListener("click", () => {
    const open = !document.body.classList.contains("filters-open");
    document.body.classList.toggle("filters-open", open);
    toggle.setAttribute("aria-expanded", String(open));
  });
  document.getElementById("apply").addEventListener("click", load);
  document.getElementById("reset").addEventListener("click", () => {
    filters.querySelectorAll("input[type=checkbox]").forEach((i) => { i.checked = i.id === "negated"; });
    ["source", "focus"].forEach((id) => { document.getElementById(id).value = ""; });
    document.getElementById("min-stories").value = "1";
    load();
  });
  filters.querySelectorAll("input[type=checkbox]").forEach((i) => i.addEventListener("change", load));
  filters.querySelectorAll("input[type=range]").forEach((i) => {
    i.addEventListener("input", showYears);
    i.addEventListener("change", () => { const on = document.getElementById("year-on"); on.checked = true; load(); });
  });
  restore();
  load();
})();
