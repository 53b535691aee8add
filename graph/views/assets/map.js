/* actorgraph map: places over country outlines, coloured by their controller as of the slider's date.
 * Every text from the data reaches the DOM through textContent (never as markup), links are made
 * only for http(s) URLs (the evidence helpers: evidence.js, inlined before), and the outlines are
 * drawn once: a new date changes only the markers' fill and class attributes, found per place by
 * binary search in bands indexed once. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("ag-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var DAY = 86400000;
  if (!DATA.events.length) {  // no claims over time: no timeline, and the map takes its room
    document.getElementById("ag-timeline-box").hidden = true;
    document.getElementById("ag-timeline-filters-box").hidden = true;
  }
  var MAP_BOX = document.getElementById("ag-map-box");
  var WIDTH = Math.max(320, MAP_BOX.clientWidth || 960);   // viewBox units: the map's first size in pixels
  var HEIGHT = Math.max(240, MAP_BOX.clientHeight || 640);
  var LABEL_ROOM = 110;     // viewBox units kept free right of the places for their names
  var MARGIN = 36;          // viewBox units kept free around the places
  var MIN_SPAN = 1.5;       // degrees: one place (or a few close together) is not blown up to a street map
  var MARKER_PX = 5.5;      // a marker's radius on screen, whatever the zoom
  var LABELS_MAX = 80;      // places named on the map itself (beyond that, on hover only)
  var STATUSES = DATA.statuses || ["asserted"];

  var evidence = window.agEvidence;
  var el = evidence.el;
  var clear = evidence.clear;
  var plural = evidence.plural;
  var field = evidence.field;

  function byId(id) { return document.getElementById(id); }

  function svg(tag, attributes) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, String(attributes[key])); });
    return node;
  }

  function dayOf(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
    return m ? Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY) : null;
  }

  function isoOf(day) { return new Date(day * DAY).toISOString().slice(0, 10); }

  /* the number of items of a sorted array that are <= value (so the index of the last one, plus one) */
  function upperBound(sorted, value) {
    var lo = 0;
    var hi = sorted.length;
    while (lo < hi) {
      var mid = (lo + hi) >>> 1;
      if (sorted[mid] <= value) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  /* ---- the data, indexed once */
  var actors = new Map();
  Object.keys(DATA.actors).forEach(function (iri) { actors.set(iri, DATA.actors[iri]); });
  function actorLabel(iri) {
    var info = actors.get(iri);
    return (info && info.label) || iri.replace(/^.*[/#]/, "");
  }

  var places = new Map();
  DATA.places.forEach(function (place) { places.set(place.id, place); });

  /* claims, bands and events come as rows of numbers into DATA.iris, DATA.names and DATA.docs */
  var IRIS = DATA.iris;
  var NAMES = DATA.names;
  var claims = DATA.claims.map(function (row, index) {
    var doc = DATA.docs[row[9]] || {};
    return { index: index, place: IRIS[row[0]], actor: IRIS[row[1]], relation: NAMES[row[2]], status: NAMES[row[3]],
             date: row[4], sentence: row[5], rule: row[6], confidence: row[7], reporter: row[8],
             docIri: doc.doc, title: doc.title, url: doc.url, publisher: doc.publisher, day: dayOf(row[4]) };
  });
  var claimsOf = new Map();     // place -> its claims, newest first (undated last)
  var contestIndex = new Map(); // place -> {days, actors}: asserted, dated controls/withdrewFrom claims by day
  claims.forEach(function (claim) {
    if (!claimsOf.has(claim.place)) { claimsOf.set(claim.place, []); }
    claimsOf.get(claim.place).push(claim);
  });
  claimsOf.forEach(function (list, place) {
    list.sort(function (a, b) {
      return (b.day === null ? -Infinity : b.day) - (a.day === null ? -Infinity : a.day) ||
        (a.sentence < b.sentence ? -1 : a.sentence > b.sentence ? 1 : 0);
    });
    var dated = list.filter(function (c) { return c.status === "asserted" && c.day !== null; })
      .sort(function (a, b) { return a.day - b.day; });
    if (dated.length) {
      contestIndex.set(place, { days: dated.map(function (c) { return c.day; }),
                                actors: dated.map(function (c) { return c.actor; }) });
    }
  });

  var colorOf = new Map();
  var rankOf = new Map();
  DATA.palette.forEach(function (entry, rank) {
    colorOf.set(entry.actor, entry.color);
    rankOf.set(entry.actor, rank);
  });
  function colour(iri) { return colorOf.get(iri) || DATA.other; }

  /* the controllers in the palette's order (the colour of the first is the marker's) */
  function ranked(controllers) {
    if (controllers.length < 2) { return controllers.slice(); }
    return controllers.slice().sort(function (a, b) {
      var ra = rankOf.has(a) ? rankOf.get(a) : Infinity;
      var rb = rankOf.has(b) ? rankOf.get(b) : Infinity;
      return (ra === rb ? 0 : ra < rb ? -1 : 1) || (actorLabel(a) < actorLabel(b) ? -1 : actorLabel(a) > actorLabel(b) ? 1 : 0);
    });
  }

  var bandIndex = new Map();    // place -> {days, bands}; each band with its controllers ranked and its fills
  var bandOfClaim = new Map();  // claim -> the bands it belongs to
  var changes = new Set();
  DATA.bands.forEach(function (entry) {
    var place = IRIS[entry[0]];
    var bands = entry[1].map(function (row) {
      return { from: row[0], controllers: row[1].map(function (i) { return IRIS[i]; }), claims: row[2] };
    }).sort(function (a, b) { return a.from < b.from ? -1 : a.from > b.from ? 1 : 0; });
    bands.forEach(function (band) {
      band.day = dayOf(band.from);
      band.ranked = ranked(band.controllers);
      band.fill = band.ranked.length ? colour(band.ranked[0]) : DATA.nobody;
      band.halfFill = band.ranked.length > 1 ? colour(band.ranked[1]) : band.fill;
      band.key = band.ranked.length ? (colorOf.has(band.ranked[0]) ? band.ranked[0] : "other") : "nobody";
      changes.add(band.day);
      band.claims.forEach(function (id) {
        if (!bandOfClaim.has(id)) { bandOfClaim.set(id, []); }
        bandOfClaim.get(id).push(band);
      });
    });
    bandIndex.set(place, { days: bands.map(function (b) { return b.day; }), bands: bands });
  });
  var changeDays = Array.from(changes).sort(function (a, b) { return a - b; });


  /* ---- the state of the page, and the answers the markers are drawn from */
  /* the slider spans the control claims (other relations' claims, in the timeline, may reach further) */
  var controlDays = claims.map(function (c) { return c.day; }).filter(function (d) { return d !== null; });
  var firstDay = controlDays.length ? controlDays.reduce(function (a, b) { return Math.min(a, b); }) : dayOf(DATA.first);
  var lastDay = controlDays.length ? controlDays.reduce(function (a, b) { return Math.max(a, b); }) : dayOf(DATA.last);
  var state = { day: lastDay, window: DATA.window, selected: null };
  var drawnBands = new Map(); // place -> the band drawn now (null: no controller known)
  var drawnContested = new Set();

  function bandAt(place, day) {
    var index = bandIndex.get(place);
    if (!index || day === null) { return null; }
    var i = upperBound(index.days, day) - 1;
    return i >= 0 ? index.bands[i] : null;
  }

  function contestedAt(place, day, window) {
    var index = contestIndex.get(place);
    if (!index || day === null) { return false; }
    var hi = upperBound(index.days, day);
    var first = null;
    for (var i = upperBound(index.days, day - window - 1); i < hi; i += 1) {
      if (first === null) { first = index.actors[i]; } else if (index.actors[i] !== first) { return true; }
    }
    return false;
  }

  /* ---- the map: projection fitted to the places drawn */
  var placed = DATA.places.filter(function (p) {
    return typeof p.lat === "number" && typeof p.long === "number" && Math.abs(p.lat) <= 85 && Math.abs(p.long) <= 180;
  });
  var unplaced = DATA.places.filter(function (p) { return placed.indexOf(p) < 0; });

  function fitted() {
    var projection = d3.geoMercator().precision(0);  // 1:50m outlines are dense: no resampling needed
    var right = placed.length && placed.length <= LABELS_MAX ? Math.min(LABEL_ROOM, WIDTH / 4) : 0;
    var extent = [[MARGIN, MARGIN], [WIDTH - MARGIN - right, HEIGHT - MARGIN]];
    if (!placed.length) {
      return projection.fitExtent(extent, { type: "MultiPoint", coordinates: [[-179, -58], [179, 80]] });
    }
    var lons = placed.map(function (p) { return p.long; });
    var lats = placed.map(function (p) { return p.lat; });
    var box = [Math.min.apply(null, lons), Math.min.apply(null, lats), Math.max.apply(null, lons), Math.max.apply(null, lats)];
    [0, 1].forEach(function (axis) {
      var span = box[axis + 2] - box[axis];
      if (span < MIN_SPAN) {
        box[axis] -= (MIN_SPAN - span) / 2;
        box[axis + 2] += (MIN_SPAN - span) / 2;
      }
    });
    box[1] = Math.max(box[1], -85);
    box[3] = Math.min(box[3], 85);
    return projection.fitExtent(extent, { type: "MultiPoint",
      coordinates: [[box[0], box[1]], [box[2], box[3]], [box[0], box[3]], [box[2], box[1]]] });
  }

  var projection = fitted();
  // outlines far outside the view are cut (smaller paths), leaving room to pan and zoom out
  projection.clipExtent([[-2 * WIDTH, -2 * HEIGHT], [3 * WIDTH, 3 * HEIGHT]]);
  var map = byId("ag-map");
  var outlines = byId("ag-outlines");
  var mapBox = MAP_BOX;
  var home = { x: 0, y: 0, w: WIDTH, h: HEIGHT };
  var view = Object.assign({}, home);

  /* a feature's extent in degrees ([west, south, east, north], planar: enough to leave out what lies
   * wholly outside the area drawn) */
  function extentOf(feature) {
    var box = [Infinity, Infinity, -Infinity, -Infinity];
    var geometry = feature.geometry || {};
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    polygons.forEach(function (rings) {
      rings.forEach(function (points) {
        points.forEach(function (p) {
          if (p[0] < box[0]) { box[0] = p[0]; }
          if (p[1] < box[1]) { box[1] = p[1]; }
          if (p[0] > box[2]) { box[2] = p[0]; }
          if (p[1] > box[3]) { box[3] = p[1]; }
        });
      });
    });
    return box;
  }

  /* the area the clip extent covers, in degrees (Mercator: x is linear in longitude, which invert()
   * would wrap); null when it spans the whole world */
  function drawnArea() {
    var degrees = 180 / Math.PI / projection.scale();
    var x0 = projection.translate()[0];
    var west = (-2 * WIDTH - x0) * degrees;
    var east = (3 * WIDTH - x0) * degrees;
    if (!placed.length || east - west >= 360) { return null; }
    return [west, projection.invert([x0, 3 * HEIGHT])[1], east, projection.invert([x0, -2 * HEIGHT])[1]];
  }

  function drawCountries() {
    var world = JSON.parse(byId("ag-world").textContent);
    var path = d3.geoPath(projection).digits(1);
    var group = svg("g", { "class": "ag-countries" });
    var area = drawnArea();
    topojson.feature(world, world.objects.countries).features.forEach(function (feature) {
      var box = area && extentOf(feature);
      if (box && box[2] - box[0] < 180 &&  // (a country across the antimeridian is always drawn)
          (box[2] < area[0] || box[0] > area[2] || box[3] < area[1] || box[1] > area[3])) { return; }
      var d = path(feature);
      if (!d) { return; }
      var shape = svg("path", { "class": "ag-country", d: d });
      var name = svg("title");
      name.textContent = (feature.properties && feature.properties.name) || "";
      shape.appendChild(name);
      group.appendChild(shape);
    });
    outlines.appendChild(group);
  }

  var markers = new Map(); // place -> {group, x, y (viewBox units), fill, halfFill, shared, contested, cls}
  var drawOrder = [];      // the markers, painted north to south
  var labels = [];         // the names drawn on the map: {id, x, y (viewBox units), node, width (marker units), side}

  /* each place is an SVG group (its data-place, title, name and an invisible circle that takes the
   * clicks), and its marker is painted on the canvas below: a new date repaints a canvas, never the SVG */
  function drawPlaces() {
    var group = svg("g", { "class": "ag-places" });
    placed.slice().sort(function (a, b) { return b.lat - a.lat; }).forEach(function (place) {
      var xy = projection([place.long, place.lat]);
      if (!xy || !isFinite(xy[0]) || !isFinite(xy[1])) { return; }
      var g = svg("g", { "class": "ag-place", "data-fill": DATA.nobody });
      g.setAttribute("data-place", place.id);
      var title = svg("title");
      title.textContent = place.label;
      g.appendChild(title);
      g.appendChild(svg("circle", { "class": "ag-dot", cx: xy[0].toFixed(2), cy: xy[1].toFixed(2) }));
      if (placed.length <= LABELS_MAX) {
        var label = svg("text", { "class": "ag-label", x: xy[0].toFixed(2), y: xy[1].toFixed(2) });
        label.textContent = place.label;
        g.appendChild(label);
        labels.push({ id: place.id, x: xy[0], y: xy[1], node: label, side: "right", weight: (claimsOf.get(place.id) || []).length });
      }
      group.appendChild(g);
      var marker = { group: g, x: xy[0], y: xy[1], fill: DATA.nobody, halfFill: DATA.nobody, shared: false,
                     contested: false, cls: "ag-place" };
      markers.set(place.id, marker);
      drawOrder.push(marker);
    });
    map.appendChild(group);
  }

  /* ---- the markers on the canvas, in the SVG's coordinates (its viewBox, fitted as xMidYMid meet) */
  var canvas = byId("ag-canvas");
  var context = canvas.getContext("2d");
  var screen = { width: 0, height: 0, ratio: 1 };

  function fitCanvas() {
    screen.width = mapBox.clientWidth || WIDTH;
    screen.height = mapBox.clientHeight || HEIGHT;
    screen.ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(screen.width * screen.ratio);
    canvas.height = Math.round(screen.height * screen.ratio);
  }

  function viewScale() { return Math.min(screen.width / view.w, screen.height / view.h); }

  function circle(path, x, y, r) {
    path.moveTo(x + r, y);
    path.arc(x, y, r, 0, 2 * Math.PI);
  }

  /* one path per colour, then the outlines, rings and halves in a few more: a few dozen draw calls
   * for thousands of markers */
  function paintMarkers() {
    var scale = viewScale();
    var r = screen.ratio;
    context.setTransform(1, 0, 0, 1, 0, 0);
    context.clearRect(0, 0, canvas.width, canvas.height);
    context.setTransform(r * scale, 0, 0, r * scale, r * ((screen.width - view.w * scale) / 2 - view.x * scale),
                         r * ((screen.height - view.h * scale) / 2 - view.y * scale));
    var k = markerUnits();
    var fills = new Map();
    var halves = new Map();
    var outline = new Path2D();
    var rings = new Path2D();
    var selected = null;
    drawOrder.forEach(function (m) {
      if (!fills.has(m.fill)) { fills.set(m.fill, new Path2D()); }
      circle(fills.get(m.fill), m.x, m.y, k);
      if (m.shared) {
        if (!halves.has(m.halfFill)) { halves.set(m.halfFill, new Path2D()); }
        var half = halves.get(m.halfFill);
        half.moveTo(m.x, m.y - 0.91 * k);
        half.arc(m.x, m.y, 0.91 * k, -Math.PI / 2, Math.PI / 2);
        half.closePath();
      }
      circle(outline, m.x, m.y, k);
      if (m.contested) { circle(rings, m.x, m.y, 1.75 * k); }
      if (m.cls.indexOf("ag-selected") >= 0) { selected = m; }
    });
    fills.forEach(function (path, fill) { context.fillStyle = fill; context.fill(path); });
    halves.forEach(function (path, fill) { context.fillStyle = fill; context.fill(path); });
    context.strokeStyle = "#1d2330";
    context.lineWidth = 0.18 * k;
    context.stroke(outline);
    context.setLineDash([0.55 * k, 0.35 * k]);
    context.lineWidth = 0.28 * k;
    context.stroke(rings);
    context.setLineDash([]);
    if (selected) {
      var mark = new Path2D();
      circle(mark, selected.x, selected.y, k);
      context.strokeStyle = "#000000";
      context.lineWidth = 0.45 * k;
      context.stroke(mark);
    }
  }

  /* the names' widths in marker units, once the view (and so their font size) is set */
  function measureLabels() {
    var k = markerUnits();
    labels.forEach(function (l) { l.width = l.node.getBBox().width / k; });
  }

  function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }

  /* names that would cover another name or a marker at this zoom are hidden (each stays on hover):
   * placed greedily, the selected place first, then the places with the most claims, right of the
   * marker, else left of it */
  function declutter() {
    var k = markerUnits();
    var taken = labels.map(function (l) { return [l.x - k, l.y - k, l.x + k, l.y + k]; });
    var order = labels.map(function (l, i) { return i; }).sort(function (a, b) {
      return (labels[b].id === state.selected) - (labels[a].id === state.selected) ||
        labels[b].weight - labels[a].weight || a - b;
    });
    order.forEach(function (i) {
      var l = labels[i];
      var w = (l.width + 0.2) * k;
      var h = 1.3 * k;
      var sides = { right: [l.x + 1.5 * k, l.y - h, l.x + 1.5 * k + w, l.y + h],
                    left: [l.x - 1.5 * k - w, l.y - h, l.x - 1.5 * k, l.y + h] };
      var side = ["right", "left"].find(function (name) {
        return !taken.some(function (box, j) { return j !== i && overlaps(sides[name], box); });
      }) || "hidden";
      if (side !== "hidden") { taken.push(sides[side]); }
      if (side !== l.side) {
        l.side = side;
        l.node.setAttribute("class", side === "hidden" ? "ag-label ag-off" : "ag-label");
        l.node.setAttribute("text-anchor", side === "left" ? "end" : "start");
      }
      l.node.setAttribute("x", (l.x + (side === "left" ? -1.6 : 1.6) * k).toFixed(2));
      l.node.setAttribute("y", (l.y + 0.75 * k).toFixed(2));
    });
  }

  var pendingDeclutter = false;
  function declutterSoon() {
    if (pendingDeclutter || !labels.length) { return; }
    pendingDeclutter = true;
    requestAnimationFrame(function () { pendingDeclutter = false; declutter(); });
  }

  /* ---- pan and zoom on the viewBox; markers keep their screen size through resize() */
  function unitsPerPixel() { return 1 / viewScale(); }


  /* viewBox units per marker unit: a marker's radius is one unit, MARKER_PX on screen */
  function markerUnits() { return MARKER_PX * unitsPerPixel(); }

  /* the markers' sizes in marker units, written in px (viewBox units) into rules of their own at each
   * zoom: one rule per kind rather than calc(var()) per element, which a new date would recompute */
  var SIZES = [
    [".ag-dot", { r: [1.2] }],  // the click target, a little larger than the painted marker
    [".ag-label", { "font-size": [2.2], "stroke-width": [0.5] }]
  ];
  var sizeRules = (function () {
    var sheet = Array.from(document.styleSheets).pop();
    return SIZES.map(function (entry) {
      var index = sheet.insertRule("#ag-map " + entry[0] + " {}", sheet.cssRules.length);
      return sheet.cssRules[index];
    });
  }());

  function resize(k) {
    SIZES.forEach(function (entry, i) {
      Object.keys(entry[1]).forEach(function (property) {
        sizeRules[i].style.setProperty(property, entry[1][property].map(function (v) { return (v * k).toFixed(4) + "px"; }).join(" "));
      });
    });
  }

  function applyView() {
    var viewBox = [view.x, view.y, view.w, view.h].map(function (v) { return v.toFixed(2); }).join(" ");
    map.setAttribute("viewBox", viewBox);
    outlines.setAttribute("viewBox", viewBox);
    resize(markerUnits());
    paintMarkers();
    declutterSoon();
  }

  function zoomAt(factor, cx, cy) {
    var w = Math.min(5 * WIDTH, Math.max(WIDTH / 400, view.w / factor));
    var ratio = w / view.w;
    view.x = cx - (cx - view.x) * ratio;
    view.y = cy - (cy - view.y) * ratio;
    view.w = w;
    view.h = view.h * ratio;
    applyView();
  }

  function svgPoint(event) {
    var point = map.createSVGPoint();
    point.x = event.clientX;
    point.y = event.clientY;
    var ctm = map.getScreenCTM();
    return ctm ? point.matrixTransform(ctm.inverse()) : { x: view.x + view.w / 2, y: view.y + view.h / 2 };
  }

  function enablePanZoom() {
    var drag = null;
    mapBox.addEventListener("wheel", function (event) {
      event.preventDefault();
      var p = svgPoint(event);
      zoomAt(Math.exp(-event.deltaY * 0.0015), p.x, p.y);
    }, { passive: false });
    mapBox.addEventListener("pointerdown", function (event) {
      if (event.target.closest("button")) { return; }
      drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, k: unitsPerPixel(), moved: false };
      mapBox.setPointerCapture(event.pointerId);
    });
    mapBox.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      var dx = event.clientX - drag.x;
      var dy = event.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) { return; }
      drag.moved = true;
      mapBox.classList.add("ag-dragging");
      view.x = drag.vx - dx * drag.k;
      view.y = drag.vy - dy * drag.k;
      applyView();
    });
    mapBox.addEventListener("pointerup", function (event) {
      var was = drag;
      drag = null;
      mapBox.classList.remove("ag-dragging");
      if (was && !was.moved) {
        var hit = document.elementFromPoint(event.clientX, event.clientY);
        var target = hit && hit.closest ? hit.closest("[data-place]") : null;
        if (target) { select(target.getAttribute("data-place")); }
      }
    });
    function centre() { return [view.x + view.w / 2, view.y + view.h / 2]; }
    byId("ag-zoom-in").addEventListener("click", function () { var c = centre(); zoomAt(1.6, c[0], c[1]); });
    byId("ag-zoom-out").addEventListener("click", function () { var c = centre(); zoomAt(1 / 1.6, c[0], c[1]); });
    byId("ag-zoom-reset").addEventListener("click", function () { view = Object.assign({}, home); applyView(); });

  }

  /* ---- redraw for a date: attributes only, and only those that changed */
  var legendCounts = new Map();
  var unplacedNow = new Map(); // place -> the span showing its controller now

  function controllerText(band) {
    if (!band) { return "no controller known"; }
    if (!band.ranked.length) { return "nobody known since " + band.from; }
    return band.ranked.map(actorLabel).join(" and ") + " since " + band.from;
  }

  function redraw() {
    var counts = new Map();
    drawnContested = new Set();
    places.forEach(function (place, id) {
      var band = bandAt(id, state.day);
      drawnBands.set(id, band);
      var contested = contestedAt(id, state.day, state.window);
      if (contested) { drawnContested.add(id); }
      var key = band ? band.key : "nobody";
      counts.set(key, (counts.get(key) || 0) + 1);
      var marker = markers.get(id);
      if (marker) {
        var fill = band ? band.fill : DATA.nobody;
        var halfFill = band ? band.halfFill : fill;
        var cls = "ag-place" + (contested ? " ag-contested" : "") + (band && band.ranked.length > 1 ? " ag-shared" : "") +
          (state.selected === id ? " ag-selected" : "");
        if (fill !== marker.fill) { marker.group.setAttribute("data-fill", fill); marker.fill = fill; }
        marker.halfFill = halfFill;
        marker.shared = Boolean(band) && band.ranked.length > 1;
        marker.contested = contested;
        if (cls !== marker.cls) { marker.group.setAttribute("class", cls); marker.cls = cls; }
      } else if (unplacedNow.has(id)) {
        var text = "\u2014 " + controllerText(band) + (contested ? " \u00b7 contested" : "");
        var span = unplacedNow.get(id);
        if (span.textContent !== text) { span.textContent = text; }
      }
    });
    legendCounts.forEach(function (node, key) {
      var text = String(counts.get(key) || 0);
      if (node.textContent !== text) { node.textContent = text; }
    });
    paintMarkers();
  }

  function setDay(day) {
    state.day = day;
    var label = byId("ag-date");
    label.textContent = day === null ? "no dated claims" : isoOf(day);
    if (day !== null && firstDay !== null) {
      byId("ag-slider").value = String(Math.max(0, Math.min(lastDay - firstDay, day - firstDay)));
    }
    redraw();
    updateDetails();
  }

  function setDate(iso) {
    var started = performance.now();
    var day = dayOf(iso);
    if (day === null) { throw new Error("agMap.setDate: expected YYYY-MM-DD, got " + iso); }
    setDay(day);
    return performance.now() - started;
  }

  /* ---- controls: slider, previous/next change, contested window */
  function enableControls() {
    var slider = byId("ag-slider");
    if (firstDay === null) {
      slider.disabled = true;
      byId("ag-prev").disabled = true;
      byId("ag-next").disabled = true;
    } else {
      slider.max = String(lastDay - firstDay);
      slider.setAttribute("aria-valuetext", isoOf(lastDay));
      slider.addEventListener("input", function () {
        setDay(firstDay + Number(slider.value));
        slider.setAttribute("aria-valuetext", isoOf(state.day));
      });
    }
    byId("ag-prev").addEventListener("click", function () {
      var i = upperBound(changeDays, state.day - 1) - 1;
      if (i >= 0) { setDay(changeDays[i]); }
    });
    byId("ag-next").addEventListener("click", function () {
      var i = upperBound(changeDays, state.day);
      if (i < changeDays.length) { setDay(changeDays[i]); }
    });
    var windowSelect = byId("ag-window");
    if (!Array.from(windowSelect.options).some(function (o) { return Number(o.value) === state.window; })) {
      var option = el("option", null, plural(state.window, "day"));
      option.value = String(state.window);
      windowSelect.appendChild(option);
    }
    windowSelect.value = String(state.window);
    windowSelect.addEventListener("change", function () {
      state.window = Number(windowSelect.value);
      redraw();
      updateDetails();
    });
  }

  function swatch(fill) {
    var dot = el("span", "ag-swatch");
    dot.style.background = fill;
    return dot;
  }

  function markSwatch(kind) {
    var image = svg("svg", { width: 22, height: 22, viewBox: "-2 -2 4 4", "aria-hidden": "true", "class": "ag-" + kind });
    if (kind === "contested") { image.appendChild(svg("circle", { "class": "ag-ring", cx: 0, cy: 0 })); }
    image.appendChild(svg("circle", { "class": "ag-dot", cx: 0, cy: 0, fill: "#ffffff" }));
    if (kind === "shared") { image.appendChild(svg("circle", { "class": "ag-half", cx: 0, cy: 0, pathLength: 2, stroke: "#888888" })); }
    return image;
  }

  function buildLegend() {
    var legend = byId("ag-legend");
    var rows = DATA.palette.map(function (p) { return [p.actor, actorLabel(p.actor), p.color]; });
    rows.push(["other", "other controllers", DATA.other], ["nobody", "no controller known", DATA.nobody]);
    rows.forEach(function (row) {
      var item = el("li");
      item.setAttribute("data-controller", row[0]);
      item.appendChild(swatch(row[2]));
      item.appendChild(el("span", "ag-name", row[1]));
      var count = el("span", "ag-count", "0");
      count.title = "places held as of the date";
      legendCounts.set(row[0], count);
      item.appendChild(count);
      legend.appendChild(item);
    });
    var marks = byId("ag-legend-marks");
    [["contested", "contested: claims by two sides in the window"],
     ["shared", "two controllers at once (the marker in halves)"]].forEach(function (row) {
      var item = el("li");
      item.appendChild(markSwatch(row[0]));
      item.appendChild(el("span", null, row[1]));
      marks.appendChild(item);
    });
  }

  function buildUnplaced() {
    var list = byId("unplaced");
    if (!unplaced.length) {
      list.appendChild(el("li", "ag-muted", "none: every place is on the map"));
      return;
    }
    unplaced.slice().sort(function (a, b) { return a.label < b.label ? -1 : a.label > b.label ? 1 : 0; })
      .forEach(function (place) {
        var item = el("li");
        item.setAttribute("data-unplaced", place.id);
        var button = el("button", null, place.label + (place.countryLabel ? " (" + place.countryLabel + ")" : ""));
        button.type = "button";
        button.addEventListener("click", function () { select(place.id); });
        item.appendChild(button);
        var now = el("span", "ag-now");
        unplacedNow.set(place.id, now);
        item.appendChild(now);
        list.appendChild(item);
      });
  }

  /* ---- the evidence panel of a place */
  var details = byId("ag-details");

  function bandText(band) {
    return "from " + band.from + ": " + (band.ranked.length ? band.ranked.map(actorLabel).join(", ") : "nobody");
  }

  function claimItem(claim) {
    var item = el("li", "ag-claim");
    item.setAttribute("data-claim", String(claim.index));
    var head = el("div");
    head.appendChild(evidence.status(claim.status, STATUSES));
    head.appendChild(document.createTextNode(" " + actorLabel(claim.actor) + " " +
      (claim.relation === "withdrewFrom" ? "withdrew from" : "controls") + " \u00b7 " + (claim.date || "undated")));
    item.appendChild(head);
    item.appendChild(el("blockquote", null, claim.sentence || ""));
    var list = el("dl");
    field(list, "Source", evidence.source({ publisher: claim.publisher, title: claim.title, url: claim.url,
                                            name: claim.docIri ? claim.docIri.replace(/^.*\//, "document ") : null }));
    field(list, "Reporter", claim.reporter || evidence.dash);
    field(list, "Date", claim.date || evidence.dash);
    field(list, "Confidence", evidence.confidence(claim.confidence));
    field(list, "Rule", claim.rule || evidence.dash);
    var bands = bandOfClaim.get(claim.index);
    if (bands) { field(list, "Band", bands.map(bandText).join("; ")); }
    item.appendChild(list);
    return item;
  }

  var timelineBand = null;

  function showPlace(id) {
    var place = places.get(id);
    clear(details);
    details.setAttribute("data-place", id);
    details.appendChild(el("h2", "ag-heading", place.label));
    var where = [place.type || "Place"];
    if (place.countryLabel) { where.push(place.countryLabel); }
    where.push(markers.has(id) ? place.lat.toFixed(3) + ", " + place.long.toFixed(3) : "no coordinates: not on the map");
    details.appendChild(el("p", "ag-muted", where.join(" \u00b7 ")));
    details.appendChild(el("p", "ag-now"));
    var index = bandIndex.get(id);
    var box = el("div", "ag-band");
    details.appendChild(box);
    timelineBand = null;
    if (index && index.bands.length) {
      var colors = {};
      index.bands.forEach(function (b) { b.controllers.forEach(function (a) { colors[a] = colour(a); }); });
      timelineBand = window.agTimeline.band(box, index.bands, DATA.actors, { colors: colors, last: DATA.last });
    }
    details.appendChild(el("h3", null, "Control history"));
    var history = el("ol", "ag-bands");
    (index ? index.bands : []).forEach(function (band) {
      var item = el("li", null, bandText(band));
      item.setAttribute("data-from", band.from);
      history.appendChild(item);
    });
    if (!history.firstChild) { history.appendChild(el("li", "ag-muted", "no asserted, dated claim of control")); }
    details.appendChild(history);
    var own = claimsOf.get(id) || [];
    details.appendChild(el("h3", null, plural(own.length, "claim") + ", newest first"));
    var list = el("ul", "ag-claims");
    own.forEach(function (claim) { list.appendChild(claimItem(claim)); });
    details.appendChild(list);
    updateDetails();
  }

  /* what depends on the date in the open panel: the controller now, the current band and its claims */
  function updateDetails() {
    var id = state.selected;
    if (id === null) { return; }
    var band = bandAt(id, state.day);
    var now = details.querySelector(".ag-now");
    var contested = drawnContested.has(id);
    now.textContent = (state.day === null ? "" : "As of " + isoOf(state.day) + ": ") + controllerText(band) +
      (contested ? " \u00b7 contested (claims by two sides within " + plural(state.window, "day") + ")" : "");
    details.querySelectorAll(".ag-bands li[data-from]").forEach(function (item) {
      item.classList.toggle("ag-current", Boolean(band) && item.getAttribute("data-from") === band.from);
    });
    var current = new Set(band ? band.claims : []);
    details.querySelectorAll(".ag-claim").forEach(function (item) {
      item.classList.toggle("ag-current", current.has(Number(item.getAttribute("data-claim"))));
    });
  }

  function select(id) {
    if (!places.has(id)) { return false; }
    var previous = state.selected === null ? null : markers.get(state.selected);
    state.selected = id;
    if (previous) {
      previous.cls = previous.cls.replace(" ag-selected", "");
      previous.group.setAttribute("class", previous.cls);
    }
    var marker = markers.get(id);
    if (marker) {
      marker.cls += " ag-selected";
      marker.group.setAttribute("class", marker.cls);
    }
    showPlace(id);
    paintMarkers();
    declutterSoon();
    return true;
  }

  /* ---- find a place by name: open its evidence and bring it to the middle of the map */
  function findPlace(query) {
    var key = query.trim().toLocaleLowerCase();
    if (!key) { return null; }
    var all = Array.from(places.values());
    var found = all.find(function (p) { return p.label.toLocaleLowerCase() === key; }) ||
      all.find(function (p) { return p.label.toLocaleLowerCase().indexOf(key) >= 0; });
    return found ? found.id : null;
  }

  function enableFind() {
    var input = byId("ag-find");
    var names = byId("ag-place-names");
    Array.from(places.values()).map(function (p) { return p.label; }).sort().forEach(function (label) {
      var option = el("option");
      option.value = label;
      names.appendChild(option);
    });
    function find() {
      var id = findPlace(input.value);
      byId("ag-find-status").textContent = id === null && input.value.trim() ? "No place matches." : "";
      if (id === null) { return; }
      var place = places.get(id);
      if (markers.has(id)) {
        var xy = projection([place.long, place.lat]);
        view.x = xy[0] - view.w / 2;
        view.y = xy[1] - view.h / 2;
        applyView();
      } else {
        byId("ag-find-status").textContent = place.label + " has no coordinates: it is listed below.";
      }
      select(id);
    }
    input.addEventListener("change", find);
    input.addEventListener("keydown", function (event) { if (event.key === "Enter") { find(); } });
  }

  /* ---- the claims over time, filtered by actor, relation and confidence (graph/views/assets/timeline.js) */
  function buildTimeline() {
    if (!DATA.events.length) { return; }
    var events = DATA.events.map(function (e) { return [e[0], NAMES[e[1]], NAMES[e[2]], e[3], IRIS[e[4]], IRIS[e[5]]]; });
    var chart = window.agTimeline.stacked(byId("ag-timeline"), events, { height: 150 });
    window.agTimeline.filters(byId("ag-timeline-filters"), { actors: DATA.actors }, function (filter) { chart.update(filter); });
  }

  /* ---- header, then draw */
  function header() {
    byId("ag-title").textContent = DATA.title;
    var parts = [plural(places.size, "place"), markers.size + " on the map", unplaced.length + " without coordinates",
      plural(claims.length, "claim")];
    if (firstDay !== null) { parts.push("control claims " + isoOf(firstDay) + " \u2013 " + isoOf(lastDay)); }
    byId("ag-counts").textContent = parts.join(" \u00b7 ");
  }

  drawCountries();
  drawPlaces();
  fitCanvas();
  applyView();
  measureLabels();
  declutter();
  enablePanZoom();
  buildLegend();
  buildUnplaced();
  enableControls();
  enableFind();
  header();
  setDay(lastDay);
  buildTimeline();

  window.agMap = {
    setDate: setDate,
    date: function () { return state.day === null ? null : isoOf(state.day); },
    controllersOf: function (id) { var band = drawnBands.get(id); return band ? band.ranked.slice() : []; },
    contested: function () { return Array.from(drawnContested).sort(); },
    select: select,
    view: function () { return Object.assign({}, view); }
  };
  /* the canvas follows the map's box (its size settles once the panels around it are laid out); the
   * page is drawn once it has */
  new ResizeObserver(function () {
    fitCanvas();
    applyView();
    document.body.setAttribute("data-stable", "true");
  }).observe(mapBox);
}());
