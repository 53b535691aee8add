/* actorgraph page: filters, legend, evidence panels over vis-network.
 * Every text from the data reaches the DOM through textContent or a property (never as markup),
 * and links are made only for http(s) URLs (the evidence helpers: evidence.js, inlined before). */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("ag-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var STATUSES = DATA.statuses || ["asserted"];
  var NOT_ASSERTED = "only " + STATUSES.slice(1, -1).join(", ") + " or " + STATUSES[STATUSES.length - 1] + " claims";
  var PAD = 4;
  var FIT_MARGIN = 24;     // px kept free around the drawing, so labels at its edges are not cut
  var FIT_MAX_SCALE = 1.5; // a small graph is not blown up past this
  var ALIASES_SHOWN = 6;   // aliases listed before the "N more" toggle

  var evidence = window.agEvidence;
  var el = evidence.el;
  var clear = evidence.clear;
  var plural = evidence.plural;
  var field = evidence.field;

  function svg(tag, attributes) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (key) { node.setAttribute(key, String(attributes[key])); });
    return node;
  }

  function byId(id) { return document.getElementById(id); }

  /* ---- data: vis items keep only vis options; our fields move to Maps (ids may be any string) */
  var nodeInfo = new Map();
  var edgeInfo = new Map();
  var edgesOf = new Map();
  var relationStyle = new Map();
  var typeStyle = new Map();
  DATA.relations.forEach(function (r) { relationStyle.set(r.name, r); });
  DATA.types.forEach(function (t) { typeStyle.set(t.name, t); });
  var nodeItems = DATA.nodes.map(function (item) {
    var info = item.ag;
    delete item.ag;
    info.id = item.id;
    nodeInfo.set(item.id, info);
    edgesOf.set(item.id, []);
    return item;
  });
  var edgeItems = DATA.edges.map(function (item) {
    var info = item.ag;
    delete item.ag;
    info.id = item.id;
    info.from = item.from;
    info.to = item.to;
    info.claims.forEach(function (claim) {
      var doc = DATA.docs[claim.doc];
      claim.doc_title = doc.doc_title;
      claim.doc_url = doc.doc_url;
      claim.published = doc.published;
      claim.publisher = doc.publisher;
      claim.doc_name = doc.doc_name;
    });
    edgeInfo.set(item.id, info);
    edgesOf.get(item.from).push(item.id);
    if (item.to !== item.from) { edgesOf.get(item.to).push(item.id); }
    return item;
  });

  /* ---- filter state and the visible sets the DataViews read */
  var state = {
    relations: new Set(DATA.relations.map(function (r) { return r.name; })),
    types: new Set(DATA.types.map(function (t) { return t.name; })),
    statuses: new Set(STATUSES),
    minConfidence: 0, from: "", to: "", showNonAsserted: false, limit: DATA.limit
  };
  var visibleNodes = new Set();
  var visibleEdges = new Set();

  function inRange(day) {
    return Boolean(day) && (!state.from || day >= state.from) && (!state.to || day <= state.to);
  }

  function claimPasses(claim) {
    if (claim.status !== "asserted" && (!state.showNonAsserted || !state.statuses.has(claim.status))) { return false; }
    if (state.minConfidence > 0 && !(claim.confidence >= state.minConfidence)) { return false; }
    if ((state.from || state.to) && !inRange(claim.event_date) && !inRange(claim.published)) { return false; }
    return true;
  }

  function compute() {
    var candidates = new Set();
    nodeInfo.forEach(function (info, id) {
      if (info.rank < state.limit && state.types.has(info.type)) { candidates.add(id); }
    });
    visibleNodes = new Set();
    visibleEdges = new Set();
    edgeInfo.forEach(function (info, id) {
      if (!state.relations.has(info.relation) || (!info.asserted && !state.showNonAsserted)) { return; }
      if (!candidates.has(info.from) || !candidates.has(info.to) || !info.claims.some(claimPasses)) { return; }
      visibleEdges.add(id);
      visibleNodes.add(info.from);
      visibleNodes.add(info.to);
    });
  }

  compute();
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var nodesView = new vis.DataView(nodes, { filter: function (item) { return visibleNodes.has(item.id); } });
  var edgesView = new vis.DataView(edges, { filter: function (item) { return visibleEdges.has(item.id); } });
  var network = new vis.Network(byId("ag-graph"), { nodes: nodesView, edges: edgesView }, DATA.options);

  /* ---- layout: stabilise, stop physics, then push apart overlapping labels */
  var laidOut = new Set();
  var pendingFocus = null;
  window.agStable = false;

  function declutter() {
    var positions = network.getPositions(Array.from(visibleNodes));
    var items = Object.keys(positions).map(function (id) {
      var p = positions[id];
      var box = network.getBoundingBox(id);
      return { id: id, x: p.x, y: p.y, l: box.left - p.x, r: box.right - p.x, t: box.top - p.y, b: box.bottom - p.y };
    });
    for (var pass = 0; pass < 200; pass += 1) {
      var moved = false;
      items.sort(function (a, b) { return (a.x + a.l) - (b.x + b.l); });
      for (var i = 0; i < items.length; i += 1) {
        var a = items[i];
        for (var j = i + 1; j < items.length && items[j].x + items[j].l < a.x + a.r + PAD; j += 1) {
          var b = items[j];
          var ox = Math.min(a.x + a.r, b.x + b.r) - Math.max(a.x + a.l, b.x + b.l) + PAD;
          var oy = Math.min(a.y + a.b, b.y + b.b) - Math.max(a.y + a.t, b.y + b.t) + PAD;
          if (ox > 0 && oy > 0) {
            moved = true;
            if (ox < oy) {
              var sx = (a.x <= b.x ? 1 : -1) * ox / 2;
              a.x -= sx;
              b.x += sx;
            } else {
              var sy = (a.y <= b.y ? 1 : -1) * oy / 2;
              a.y -= sy;
              b.y += sy;
            }
          }
        }
      }
      if (!moved) { break; }
    }
    // one batched update, so one redraw (moveNode would queue a redraw per node)
    nodes.update(items.filter(function (item) {
      return positions[item.id].x !== item.x || positions[item.id].y !== item.y;
    }).map(function (item) { return { id: item.id, x: item.x, y: item.y }; }));
  }

  /* vis-network's own fit ignores what declutter moved and cuts labels at the border: fit the
   * bounding boxes of the drawn nodes, labels included, with a margin */
  function fitWithMargin() {
    var box = null;
    visibleNodes.forEach(function (id) {
      var b = network.getBoundingBox(id);
      if (!b) { return; }
      box = box === null ? { left: b.left, right: b.right, top: b.top, bottom: b.bottom } : {
        left: Math.min(box.left, b.left), right: Math.max(box.right, b.right),
        top: Math.min(box.top, b.top), bottom: Math.max(box.bottom, b.bottom)
      };
    });
    var container = byId("ag-graph");
    if (box === null || !container.clientWidth || !container.clientHeight) { return; }
    var scale = Math.min(FIT_MAX_SCALE,
      (container.clientWidth - 2 * FIT_MARGIN) / Math.max(1, box.right - box.left),
      (container.clientHeight - 2 * FIT_MARGIN) / Math.max(1, box.bottom - box.top));
    network.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 },
                     scale: Math.max(scale, 0.01), animation: false });
  }

  function settled() {
    visibleNodes.forEach(function (id) { laidOut.add(id); });
    declutter();
    network.once("afterDrawing", function () {
      fitWithMargin();
      network.once("afterDrawing", stable);
      network.redraw();
    });
    network.redraw();
  }

  function stable() {
    window.agStable = true;
    window.agStableAt = performance.now();
    document.body.setAttribute("data-stable", "true");
    if (pendingFocus !== null) {
      var id = pendingFocus;
      pendingFocus = null;
      focusActor(id);
    }
  }

  network.on("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    network.once("afterDrawing", settled);
    network.redraw();
  });
  if (visibleNodes.size === 0) { settled(); }

  function relayoutIfNeeded() {
    var fresh = Array.from(visibleNodes).some(function (id) { return !laidOut.has(id); });
    if (fresh) {
      window.agStable = false;
      document.body.setAttribute("data-stable", "false");
      network.setOptions({ physics: { enabled: true } });
      network.stabilize(DATA.options.physics.stabilization.iterations);
    }
    return fresh;
  }

  /* ---- header */
  function updateHeader() {
    var meta = DATA.meta || {};
    var shown = 0;
    visibleEdges.forEach(function (id) { if (edgeInfo.get(id).asserted) { shown += 1; } });
    var unasserted = visibleEdges.size - shown;
    // the words of `actorgraph stats`: a relation is an edge between two actors, a claim a piece of evidence
    byId("ag-counts").textContent = [
      plural(visibleNodes.size, "actor") + " shown of " + nodeInfo.size,
      plural(shown, "relation") + " shown of " + (meta.relations || 0) +
        (unasserted ? " (and " + unasserted + " with " + NOT_ASSERTED + ")" : ""),
      plural(meta.claims || 0, "claim") + (meta.store_claims > meta.claims ? " of " + meta.store_claims + " in the store" : ""),
      plural(meta.documents || 0, "document")
    ].join(" \u00b7 ");
    var sample = byId("ag-sample");
    if (meta.store_claims > meta.claims) {
      // the page of a large store holds a bounded share of its claims: say which, and where the rest are
      sample.textContent = "This page holds " + meta.claims + " of the store's " + meta.store_claims +
        " claims, shared out evenly between the kinds of relation; an edge none of whose claims is among them " +
        "is not drawn, and an edge's figures count the claims on this page. `actorgraph query DIR evidence` lists " +
        "every claim.";
      sample.hidden = false;
    } else {
      sample.hidden = true;
    }
    var notice = byId("ag-notice");
    if (state.limit < nodeInfo.size) {
      notice.textContent = "showing " + visibleNodes.size + " of " + nodeInfo.size +
        " actors \u2014 raise the limit with \u201cActors shown at most\u201d or \u201cShow more\u201d";
      notice.hidden = false;
    } else {
      notice.hidden = true;
    }
  }

  /* an actor hidden by a filter comes back where it was: vis-network forgets the position of a node
   * that leaves the view, so the positions are written into the data set before it does */
  function keepPositions() {
    var positions = network.getPositions(Array.from(visibleNodes));
    nodes.update(Object.keys(positions).map(function (id) {
      return { id: id, x: positions[id].x, y: positions[id].y };
    }));
  }

  function refresh() {
    keepPositions();
    compute();
    nodesView.refresh();
    edgesView.refresh();
    updateHeader();
    if (!relayoutIfNeeded()) { network.redraw(); }
  }

  /* ---- evidence panel */
  var details = byId("ag-details");

  function heading(text) { return el("h2", "ag-heading", text); }

  function claimItem(claim) {
    var item = el("li", "ag-claim");
    item.appendChild(el("blockquote", null, claim.sentence));
    var list = el("dl");
    var status = el("span");
    status.appendChild(evidence.status(claim.status, STATUSES));
    if (claim.reported_by) { status.appendChild(document.createTextNode(" reported by " + claim.reported_by)); }
    if (claim.superseded) { status.appendChild(document.createTextNode(" (superseded by a later claim)")); }
    field(list, "Status", status);
    var src = el("span");
    src.appendChild(evidence.source({ publisher: claim.publisher, title: claim.doc_title, url: claim.doc_url,
                                      name: claim.doc_name }));
    if (claim.published) { src.appendChild(document.createTextNode(", " + claim.published)); }
    field(list, "Source", src);
    field(list, "Event date", claim.event_date || evidence.dash);
    field(list, "Confidence", evidence.confidence(claim.confidence));
    field(list, "Rule", claim.rule || evidence.dash);
    item.appendChild(list);
    return item;
  }

  function edgeTitle(info) {
    var arrow = relationStyle.get(info.relation).directed ? " \u2192 " : " \u2194 ";
    return nodeInfo.get(info.from).label + " \u2014 " + info.relation + arrow + nodeInfo.get(info.to).label;
  }

  /* the statuses of an edge's claims, in the order of STATUSES ("not asserted: intended") */
  function statusesOf(info) {
    var seen = new Set(info.claims.map(function (c) { return c.status; }));
    return STATUSES.filter(function (s) { return seen.has(s); });
  }

  function showEdge(id) {
    var info = edgeInfo.get(id);
    if (!info) { return; }
    clear(details);
    details.setAttribute("data-edge", String(id));
    details.removeAttribute("data-node");
    details.appendChild(heading(edgeTitle(info)));
    var summary = (info.asserted ? "asserted" : "not asserted: " + statusesOf(info).join(", ")) + " \u00b7 " +
      plural(info.count, "asserted claim") + " of " + info.claims.length;
    if (typeof info.confidence === "number") { summary += " \u00b7 max confidence " + info.confidence.toFixed(2); }
    details.appendChild(el("p", "ag-muted", summary));
    var list = el("ul", "ag-claims");
    info.claims.forEach(function (claim) { list.appendChild(claimItem(claim)); });
    details.appendChild(list);
  }

  /* the first aliases, and the rest behind a toggle: an actor with 70 names still shows its
   * relations on the first screen */
  function aliasList(aliases) {
    var box = el("div", "ag-aliases");
    var list = el("ul");
    function fill(all) {
      clear(list);
      (all ? aliases : aliases.slice(0, ALIASES_SHOWN)).forEach(function (alias) { list.appendChild(el("li", null, alias)); });
    }
    fill(false);
    box.appendChild(list);
    if (aliases.length > ALIASES_SHOWN) {
      var more = (aliases.length - ALIASES_SHOWN) + " more";
      var toggle = el("button", null, more);
      toggle.type = "button";
      toggle.setAttribute("aria-expanded", "false");
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        fill(open);
        toggle.textContent = open ? "fewer" : more;
        toggle.setAttribute("aria-expanded", String(open));
      });
      box.appendChild(toggle);
    }
    return box;
  }

  function showNode(id) {
    var info = nodeInfo.get(id);
    if (!info) { return; }
    clear(details);
    details.setAttribute("data-node", id);
    details.removeAttribute("data-edge");
    details.appendChild(heading(info.label));
    details.appendChild(el("p", null, "Type: " + info.type + " \u00b7 " + plural(info.weight, "claim")));
    if (info.aliases.length) {
      details.appendChild(el("h2", null, "Also known as"));
      details.appendChild(aliasList(info.aliases));
    }
    details.appendChild(el("h2", null, "Relations"));
    var relations = el("ul", "ag-relations");
    edgesOf.get(id).forEach(function (edgeId) {
      var edge = edgeInfo.get(edgeId);
      var button = el("button", null, nodeInfo.get(edge.from).label + " " + edge.relation + " " +
        nodeInfo.get(edge.to).label + " (" + plural(edge.claims.length, "claim") + ")" +
        (edge.asserted ? "" : ", not asserted") + (visibleEdges.has(edgeId) ? "" : ", hidden by filters"));
      button.type = "button";
      button.addEventListener("click", function () {
        if (visibleEdges.has(edgeId)) { network.selectEdges([edgeId]); }
        showEdge(edgeId);
      });
      var item = el("li");
      item.appendChild(button);
      relations.appendChild(item);
    });
    details.appendChild(relations);
  }

  network.on("click", function (params) {
    if (params.nodes.length) {
      showNode(params.nodes[0]);
    } else if (params.edges.length) {
      showEdge(params.edges[0]);
    }
  });

  /* ---- legend and filters */
  function relationSwatch(style, color, dashes) {
    var image = svg("svg", { width: 36, height: 12, viewBox: "0 0 36 12", "aria-hidden": "true" });
    var line = svg("line", { x1: 1, y1: 6, x2: style.directed ? 29 : 35, y2: 6, stroke: color, "stroke-width": 2.5 });
    if (dashes) { line.setAttribute("stroke-dasharray", dashes.join(" ")); }
    image.appendChild(line);
    if (style.directed) { image.appendChild(svg("polygon", { points: "28,2 35,6 28,10", fill: color })); }
    return image;
  }

  var SHAPES = {
    square: ["rect", { x: 2, y: 2, width: 10, height: 10 }],
    diamond: ["polygon", { points: "7,1 13,7 7,13 1,7" }],
    triangle: ["polygon", { points: "7,1 13,13 1,13" }],
    triangleDown: ["polygon", { points: "1,1 13,1 7,13" }],
    hexagon: ["polygon", { points: "7,1 12.2,4 12.2,10 7,13 1.8,10 1.8,4" }],
    star: ["polygon", { points: "7,1 8.8,5.2 13,5.5 9.8,8.3 10.8,12.8 7,10.4 3.2,12.8 4.2,8.3 1,5.5 5.2,5.2" }],
    dot: ["circle", { cx: 7, cy: 7, r: 5.5 }]
  };

  function typeSwatch(style) {
    var image = svg("svg", { width: 14, height: 14, viewBox: "0 0 14 14", "aria-hidden": "true" });
    var shape = SHAPES[style.shape] || SHAPES.dot;
    var attributes = Object.assign({ fill: style.color, stroke: "#333", "stroke-width": 0.6 }, shape[1]);
    image.appendChild(svg(shape[0], attributes));
    return image;
  }

  function legendRow(list, name, swatch, count, checkedSet, attribute) {
    var item = el("li");
    item.setAttribute(attribute, name);
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.value = name;
    box.addEventListener("change", function () {
      if (box.checked) { checkedSet.add(name); } else { checkedSet.delete(name); }
      refresh();
    });
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(el("span", "ag-name", name));
    label.appendChild(el("span", "ag-count", count));
    item.appendChild(label);
    list.appendChild(item);
  }

  var relationCounts = new Map();
  edgeInfo.forEach(function (info) { relationCounts.set(info.relation, (relationCounts.get(info.relation) || 0) + 1); });
  DATA.relations.forEach(function (style) {
    legendRow(byId("ag-legend-relations"), style.name, relationSwatch(style, style.color, style.dashes),
      relationCounts.get(style.name) || 0, state.relations, "data-relation");
  });
  var typeCounts = new Map();
  nodeInfo.forEach(function (info) { typeCounts.set(info.type, (typeCounts.get(info.type) || 0) + 1); });
  DATA.types.forEach(function (style) {
    if (typeCounts.has(style.name)) {
      legendRow(byId("ag-legend-types"), style.name, typeSwatch(style), typeCounts.get(style.name),
        state.types, "data-type");
    }
  });
  var nonAsserted = byId("ag-legend-non-asserted");
  nonAsserted.appendChild(relationSwatch({ directed: true }, DATA.notAsserted.color, DATA.notAsserted.dashes));
  nonAsserted.appendChild(document.createTextNode(" grey dotted: " + NOT_ASSERTED + "."));
  var statusCounts = new Map();
  edgeInfo.forEach(function (info) {
    info.claims.forEach(function (c) { statusCounts.set(c.status, (statusCounts.get(c.status) || 0) + 1); });
  });
  STATUSES.slice(1).forEach(function (name) {
    if (statusCounts.has(name)) {
      legendRow(byId("ag-legend-statuses"), name, el("span", "ag-status ag-status-" + name), statusCounts.get(name),
        state.statuses, "data-status");
    }
  });

  byId("ag-show-non-asserted").addEventListener("change", function (event) {
    state.showNonAsserted = event.target.checked;
    refresh();
  });
  var confidence = byId("ag-min-confidence");
  confidence.addEventListener("input", function () {
    state.minConfidence = Number(confidence.value);
    byId("ag-min-confidence-value").textContent = state.minConfidence.toFixed(2);
    refresh();
  });
  ["from", "to"].forEach(function (end) {
    var input = byId("ag-date-" + end);
    if (DATA.meta && DATA.meta.first_date) { input.min = DATA.meta.first_date; }
    if (DATA.meta && DATA.meta.last_date) { input.max = DATA.meta.last_date; }
    input.addEventListener("change", function () {
      state[end] = input.value;
      refresh();
    });
  });
  var limitInput = byId("ag-node-limit");
  limitInput.max = String(Math.max(1, nodeInfo.size));
  limitInput.value = String(state.limit);
  function setLimit(value) {
    var limit = Math.max(1, Math.min(nodeInfo.size, Math.floor(Number(value)) || 1));
    limitInput.value = String(limit);
    if (limit !== state.limit) {
      state.limit = limit;
      refresh();
    }
  }
  limitInput.addEventListener("change", function () { setLimit(limitInput.value); });
  byId("ag-more").addEventListener("click", function () { setLimit(state.limit + DATA.maxNodes); });

  /* ---- search by label or alias */
  var names = new Map();
  var datalist = byId("ag-labels");
  Array.from(nodeInfo.values()).sort(function (a, b) { return a.rank - b.rank; }).forEach(function (info) {
    [info.label].concat(info.aliases).forEach(function (name) {
      var key = name.toLocaleLowerCase();
      if (names.has(key)) { return; }
      names.set(key, info.id);
      var option = el("option");
      option.value = name;
      if (name !== info.label) { option.label = info.label; }
      datalist.appendChild(option);
    });
  });

  function findActor(query) {
    var key = query.trim().toLocaleLowerCase();
    if (!key) { return null; }
    if (names.has(key)) { return names.get(key); }
    var found = null;
    names.forEach(function (id, name) { if (found === null && name.indexOf(key) >= 0) { found = id; } });
    return found;
  }

  function focusActor(id) {
    var info = nodeInfo.get(id);
    var status = byId("ag-search-status");
    if (!visibleNodes.has(id) && info.rank >= state.limit) {
      setLimit(info.rank + 1);
      if (!window.agStable) {
        pendingFocus = id;
        status.textContent = "Laying out more actors\u2026";
        return;
      }
    }
    if (visibleNodes.has(id)) {
      network.selectNodes([id]);
      network.focus(id, { scale: 1.2, animation: { duration: 300, easingFunction: "easeInOutQuad" } });
      status.textContent = "";
    } else {
      network.unselectAll();
      status.textContent = info.label + " is hidden by the current filters.";
    }
    showNode(id);
  }

  function search() {
    var input = byId("ag-search");
    var id = findActor(input.value);
    if (id === null) {
      byId("ag-search-status").textContent = input.value.trim() ? "No actor matches." : "";
      return;
    }
    focusActor(id);
  }
  byId("ag-search").addEventListener("change", search);
  byId("ag-search").addEventListener("keydown", function (event) { if (event.key === "Enter") { search(); } });

  byId("ag-title").textContent = DATA.title;
  updateHeader();

  window.agNetwork = network;
  window.ag = {
    nodes: nodes, edges: edges, nodesView: nodesView, edgesView: edgesView, state: state,
    showEdge: showEdge, showNode: showNode, focusActor: focusActor, findActor: findActor, refresh: refresh,
    relationOf: function (id) { return edgeInfo.has(id) ? edgeInfo.get(id).relation : null; }
  };
}());
