/* actorgraph timeline: claims per relation over time (stacked bars), a place's controllers (a band),
 * and the filters both share. Used by the map page and by the actor pages of `actorgraph serve`.
 *
 * No dependency; SVG built with createElementNS; every text from the data reaches the DOM through
 * textContent or an attribute value (never as markup), so a hostile name stays text.
 *
 * Events are compact rows: [day "YYYY-MM-DD" | null, relation, status, confidence | null, subject IRI,
 * object IRI]. A filter is {actor: IRI | null, relations: [names] | null, minConfidence: number,
 * statuses: [names] | null}: null means all (a missing statuses means ["asserted"]). Non-asserted
 * claims are left out unless the filter's statuses name them; then they are drawn hatched, above the
 * asserted claims of their relation.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var RELATIONS = ["backs", "opposes", "controls", "withdrewFrom", "leads", "memberOf", "alliedWith"];
  /* html_view.RELATION_STYLES' colours (tests/test_timeline_view.py holds the two equal) */
  var COLORS = {
    backs: "#009E73", opposes: "#D55E00", controls: "#0072B2", withdrewFrom: "#56B4E9",
    leads: "#CC79A7", memberOf: "#E69F00", alliedWith: "#332288"
  };
  var STATUSES = ["asserted", "denied", "negated", "hypothetical", "intended"];
  /* colours for the controllers of a band when the caller gives none (Okabe-Ito, then Tol's muted) */
  var PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#332288", "#882255",
                 "#117733", "#999933", "#44AA99", "#AA4499"];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var MONTHLY_AFTER_DAYS = 731;  // a span over ~2 years is drawn per month, not per week
  var MARGIN = { left: 40, right: 14, top: 10, bottom: 26 };
  var MIN_TICK_SPACING = 64;     // px between two date labels at least
  var ISO = /^\d{4}-\d{2}-\d{2}$/;
  var RESIZE_MS = 150;           // a chart is redrawn this long after its container stopped resizing
  var uid = 0;

  /* ---- small helpers */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function svg(tag, attributes, text) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, String(attributes[key])); });
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function titled(node, text) {
    node.appendChild(svg("title", {}, text));
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  /* days since 1970-01-01 of an ISO day, or NaN */
  function dayNumber(text) {
    if (typeof text !== "string" || !ISO.test(text.slice(0, 10))) { return NaN; }
    return Date.UTC(+text.slice(0, 4), +text.slice(5, 7) - 1, +text.slice(8, 10)) / 864e5;
  }

  function isoDay(day) { return new Date(day * 864e5).toISOString().slice(0, 10); }

  function monthIndex(day) {
    var date = new Date(day * 864e5);
    return date.getUTCFullYear() * 12 + date.getUTCMonth();
  }

  function monthStart(index) { return Date.UTC(Math.floor(index / 12), index % 12, 1) / 864e5; }

  function monthName(index) { return MONTHS[index % 12] + " " + Math.floor(index / 12); }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  function relationColor(options, name) {
    return (options.colors && options.colors[name]) || COLORS[name] || "#777777";
  }

  function normalFilter(filter) {
    filter = filter || {};
    return {
      actor: filter.actor || null,
      relations: Array.isArray(filter.relations) ? filter.relations.slice() : null,
      minConfidence: Number(filter.minConfidence) || 0,
      statuses: filter.statuses === null ? null : Array.isArray(filter.statuses) ? filter.statuses.slice() : ["asserted"]
    };
  }

  /* ---- the time axis both charts share: bins of a week (from Monday) or a month */
  function domain(firstIso, lastIso, unit) {
    var first = dayNumber(firstIso), last = dayNumber(lastIso);
    if (isNaN(first) || isNaN(last)) { return null; }
    if (last < first) { var swap = first; first = last; last = swap; }
    unit = unit || (last - first > MONTHLY_AFTER_DAYS ? "month" : "week");
    var starts = [];
    if (unit === "month") {
      for (var m = monthIndex(first); m <= monthIndex(last) + 1; m += 1) { starts.push(monthStart(m)); }
    } else {
      var monday = first - ((first + 3) % 7);  // day 0 was a Thursday
      for (var d = monday; d <= last + 7; d += 7) {
        starts.push(d);
        if (d > last) { break; }
      }
    }
    return { unit: unit, start: starts[0], end: starts[starts.length - 1], starts: starts, bins: starts.length - 1,
             first: isoDay(starts[0]), last: isoDay(starts[starts.length - 1] - 1) };
  }

  function binOf(dom, day) {
    if (isNaN(day) || day < dom.start || day >= dom.end) { return -1; }
    if (dom.unit === "week") { return Math.floor((day - dom.start) / 7); }
    return monthIndex(day) - monthIndex(dom.start);
  }

  function binLabel(dom, bin) {
    var start = dom.starts[bin];
    if (dom.unit === "month") { return monthName(monthIndex(start)); }
    return "week of " + isoDay(start) + " to " + isoDay(start + 6);
  }

  function scaleX(dom, width) {
    var plot = Math.max(10, width - MARGIN.left - MARGIN.right);
    return function (day) { return MARGIN.left + (day - dom.start) / Math.max(1, dom.end - dom.start) * plot; };
  }

  /* date labels: each week's Monday when there is room, else month starts every 1, 2, 3, 6, 12, 24...
   * months, so that they do not collide */
  function drawTimeAxis(group, dom, x, y, width) {
    var plot = width - MARGIN.left - MARGIN.right;
    var firstMonth = monthIndex(dom.start), lastMonth = monthIndex(dom.end - 1);
    var steps = [1, 2, 3, 6, 12, 24, 60, 120, 240];
    var step = steps[steps.length - 1];
    for (var i = 0; i < steps.length; i += 1) {
      if ((lastMonth - firstMonth + 1) / steps[i] * MIN_TICK_SPACING <= plot) { step = steps[i]; break; }
    }
    group.appendChild(svg("line", { x1: MARGIN.left, x2: width - MARGIN.right, y1: y, y2: y, class: "agt-axis" }));
    if (dom.unit === "week" && dom.bins * MIN_TICK_SPACING <= plot) {  // room for every week: label its Monday
      for (var w = 0; w < dom.bins; w += 1) {
        var start = dom.starts[w], date = new Date(start * 864e5);
        var wx = x(start);
        group.appendChild(svg("line", { x1: wx, x2: wx, y1: y, y2: y + 4, class: "agt-axis" }));
        group.appendChild(svg("text", { x: wx + 2, y: y + 15, class: "agt-tick", "data-date": isoDay(start) },
          date.getUTCDate() + " " + (w === 0 || date.getUTCMonth() === 0 && date.getUTCDate() <= 7
            ? monthName(monthIndex(start)) : MONTHS[date.getUTCMonth()])));
      }
      return;
    }
    var labelled = false;
    for (var m = firstMonth; m <= lastMonth + 1; m += 1) {
      var day = monthStart(m);
      if (m % step !== 0 || day < dom.start || day >= dom.end) { continue; }
      var tx = x(day);
      group.appendChild(svg("line", { x1: tx, x2: tx, y1: y, y2: y + 4, class: "agt-axis" }));
      var text = step >= 12 ? String(Math.floor(m / 12)) : (m % 12 === 0 || !labelled ? monthName(m) : MONTHS[m % 12]);
      var tick = svg("text", { x: tx + 2, y: y + 15, class: "agt-tick" }, text);
      tick.setAttribute("data-date", isoDay(day));
      group.appendChild(tick);
      labelled = true;
    }
  }

  function niceStep(max, ticks) {
    var raw = Math.max(1, max / ticks);
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i += 1) {
      if (steps[i] * power >= raw) { return Math.max(1, steps[i] * power); }
    }
    return 10 * power;
  }

  function hatchPattern(defs, id, color) {
    var pattern = svg("pattern", { id: id, patternUnits: "userSpaceOnUse", width: 6, height: 6,
                                   patternTransform: "rotate(45)" });
    pattern.appendChild(svg("rect", { width: 6, height: 6, fill: color, "fill-opacity": 0.25 }));
    pattern.appendChild(svg("line", { x1: 0, y1: 0, x2: 0, y2: 6, stroke: color, "stroke-width": 3 }));
    defs.appendChild(pattern);
  }

  function swatch(color, hatched) {
    var image = svg("svg", { width: 14, height: 12, viewBox: "0 0 14 12", "aria-hidden": "true", class: "agt-swatch" });
    image.appendChild(svg("rect", { x: 1, y: 1, width: 12, height: 10, fill: color,
                                    "fill-opacity": hatched ? 0.35 : 1, stroke: color }));
    return image;
  }

  /* ---- watching a chart's width: redrawn when its container is resized (the window, a panel) */
  /* calls redraw(width) once the container's width has stayed changed for RESIZE_MS, and stops
   * watching once the chart has left the page */
  function watchWidth(container, root, width, redraw) {
    if (typeof ResizeObserver !== "function") { return; }
    var timer = null;
    var observer = new ResizeObserver(function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (!root.isConnected) { observer.disconnect(); return; }
        var now = container.clientWidth;
        if (now > 0 && Math.abs(now - width) >= 1) {
          width = now;
          redraw(now);
        }
      }, RESIZE_MS);
    });
    observer.observe(container);
  }

  /* ---- the range a chart shows: two date inputs and a reset button (keyboard-usable as they are) */
  function rangeControls(first, last, onChange) {
    var id = "agt" + (uid += 1);
    var box = el("div", "agt-range");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "Dates shown");
    var inputs = ["from", "to"].map(function (end) {
      var label = el("label", null, end === "from" ? "Dates shown: from " : " to ");
      label.htmlFor = id + "-" + end;
      var input = el("input", "agt-" + end);
      input.type = "date";
      input.id = id + "-" + end;
      input.min = first;
      input.max = last;
      input.value = end === "from" ? first : last;
      input.addEventListener("change", function () { onChange(inputs[0].value, inputs[1].value); });
      box.appendChild(label);
      box.appendChild(input);
      return input;
    });
    var reset = el("button", "agt-reset", "whole span");
    reset.type = "button";
    reset.title = "show every dated claim again";
    reset.disabled = true;
    reset.addEventListener("click", function () { onChange(first, last); });
    box.appendChild(document.createTextNode(" "));
    box.appendChild(reset);
    return {
      element: box,
      /* the range drawn; an input the reader is typing in is left as typed (each complete date
       * typed is drawn at once, clamped to the span, and writing it back would undo the keystroke) */
      show: function (from, to) {
        [from, to].forEach(function (value, k) {
          if (document.activeElement !== inputs[k]) { inputs[k].value = value; }
        });
        reset.disabled = from === first && to === last;
      }
    };
  }

  /* ---- stacked bars of claims per relation and week (or month) */
  function stacked(container, events, options) {
    options = options || {};
    events = Array.isArray(events) ? events : [];
    var id = "agt" + (uid += 1);
    var relations = (options.relations || RELATIONS).slice();
    events.forEach(function (e) { if (relations.indexOf(e[1]) < 0) { relations.push(e[1]); } });
    var relationIndex = new Map(relations.map(function (r, i) { return [r, i]; }));
    var R = relations.length;
    var days = new Float64Array(events.length);
    var firstDay = Infinity, lastDay = -Infinity, undated = 0;
    for (var i = 0; i < events.length; i += 1) {
      days[i] = dayNumber(events[i][0]);
      if (isNaN(days[i])) { undated += 1; continue; }
      if (days[i] < firstDay) { firstDay = days[i]; }
      if (days[i] > lastDay) { lastDay = days[i]; }
    }
    if (options.first && !isNaN(dayNumber(options.first))) { firstDay = Math.min(firstDay, dayNumber(options.first)); }
    if (options.last && !isNaN(dayNumber(options.last))) { lastDay = Math.max(lastDay, dayNumber(options.last)); }
    var full = isFinite(firstDay) ? domain(isoDay(firstDay), isoDay(lastDay), options.unit) : null;
    var dom = full;            // the bins drawn: the whole span, or the range chosen
    var zoomed = null;         // [first day, last day] of the range chosen, or null
    /* per event, once: its relation and status as numbers, so that update() only compares; its bin
     * (-1: outside the bins drawn) each time the range changes */
    var bins = new Int32Array(events.length);
    var rels = new Int16Array(events.length);
    var stats = new Int8Array(events.length);
    var seenRelations = new Set();
    for (var j = 0; j < events.length; j += 1) {
      rels[j] = relationIndex.get(events[j][1]);
      stats[j] = STATUSES.indexOf(events[j][2]);
      seenRelations.add(events[j][1]);
    }
    var width = options.width || container.clientWidth || 720;
    var height = options.height || 200;
    var x = null;

    clear(container);
    var root = el("div", "agt-chart");
    root.setAttribute("data-agt", "stacked");
    var image = svg("svg", { role: "img", class: "agt-svg" });
    image.setAttribute("aria-label", options.label || "Claims per relation over time");
    var defs = svg("defs");
    relations.forEach(function (r, k) { hatchPattern(defs, id + "-hatch-" + k, relationColor(options, r)); });
    image.appendChild(defs);
    var grid = svg("g", { class: "agt-grid" });
    var bars = svg("g", { class: "agt-bars" });
    var hits = svg("g", { class: "agt-hits" });
    var axis = svg("g", { class: "agt-x" });
    [grid, bars, hits, axis].forEach(function (g) { image.appendChild(g); });
    root.appendChild(image);
    var foot = el("div", "agt-foot");
    var legend = el("ul", "agt-legend");
    foot.appendChild(legend);
    var range = full ? rangeControls(isoDay(firstDay), isoDay(lastDay), function (from, to) { api.setRange(from, to); }) : null;
    if (range) { foot.appendChild(range.element); }
    root.appendChild(foot);
    var note = el("p", "agt-note");
    root.appendChild(note);
    container.appendChild(root);
    var baseline = height - MARGIN.bottom;

    var current = normalFilter(options.filter);
    var totals = {};
    var outside = 0;
    var api = { domain: null, element: root, lastMs: 0, draws: 0 };

    /* one path per relation and status holds every bar segment of that kind (14 elements, however many
     * bins), and one transparent column per bin, made with the bins, carries the hover title and the counts */
    var paths = [], columns = [];
    relations.forEach(function (r, k) {
      [0, 1].forEach(function (hatched) {
        var path = svg("path", { d: "", "data-relation": r, "data-status": hatched ? "other" : "asserted", "data-count": 0,
                                 fill: hatched ? "url(#" + id + "-hatch-" + k + ")" : relationColor(options, r) });
        paths[k * 2 + hatched] = path;
        bars.appendChild(path);
      });
    });

    /* the bins, the axis and the hover columns of the range and width drawn now */
    function layout() {
      image.setAttribute("width", width);
      image.setAttribute("height", height);
      image.setAttribute("viewBox", "0 0 " + width + " " + height);
      root.setAttribute("data-width", String(width));
      x = dom ? scaleX(dom, width) : null;
      for (var k = 0; k < events.length; k += 1) { bins[k] = dom ? binOf(dom, days[k]) : -1; }
      clear(axis);
      clear(hits);
      columns = [];
      if (!dom) { return; }
      drawTimeAxis(axis, dom, x, baseline, width);
      for (var c = 0; c < dom.bins; c += 1) {
        var cx0 = x(dom.starts[c]), cx1 = x(dom.starts[c + 1]);
        var column = svg("rect", { x: cx0, y: MARGIN.top, width: Math.max(1, cx1 - cx0), height: baseline - MARGIN.top,
                                   class: "agt-bar", "data-bin": isoDay(dom.starts[c]) });
        column.appendChild(svg("title"));
        columns.push(column);
        hits.appendChild(column);
      }
      api.domain = { unit: dom.unit, first: dom.first, last: dom.last, start: isoDay(dom.start), end: isoDay(dom.end) };
    }

    function count(filter) {
      var relOn = new Uint8Array(R), statusOn = new Uint8Array(STATUSES.length);
      relations.forEach(function (r, k) { relOn[k] = filter.relations === null || filter.relations.indexOf(r) >= 0 ? 1 : 0; });
      STATUSES.forEach(function (s, k) { statusOn[k] = filter.statuses === null || filter.statuses.indexOf(s) >= 0 ? 1 : 0; });
      var n = dom ? dom.bins : 0;
      var counts = new Int32Array(Math.max(1, n * R * 2));
      var actor = filter.actor, min = filter.minConfidence;
      outside = 0;
      for (var k = 0; k < events.length; k += 1) {
        if (!relOn[rels[k]] || stats[k] < 0 || !statusOn[stats[k]] || isNaN(days[k])) { continue; }
        var e = events[k];
        if (min > 0 && !(e[3] >= min)) { continue; }
        if (actor !== null && e[4] !== actor && e[5] !== actor) { continue; }
        var bin = bins[k];
        if (bin < 0) { outside += 1; continue; }
        counts[(bin * R + rels[k]) * 2 + (stats[k] === 0 ? 0 : 1)] += 1;
      }
      return counts;
    }

    function drawLegend(counts) {
      clear(legend);
      totals = {};
      relations.forEach(function (r, k) {
        var asserted = 0, other = 0;
        for (var b = 0; dom && b < dom.bins; b += 1) {
          asserted += counts[(b * R + k) * 2];
          other += counts[(b * R + k) * 2 + 1];
        }
        totals[r] = asserted + other;
        if (!seenRelations.has(r)) { return; }
        var item = el("li");
        item.setAttribute("data-relation", r);
        item.appendChild(swatch(relationColor(options, r), false));
        item.appendChild(el("span", "agt-name", r));
        item.appendChild(el("span", "agt-count", other ? asserted + " + " + other + " not asserted" : asserted));
        legend.appendChild(item);
      });
    }

    function drawGrid(top, step, unitHeight) {
      clear(grid);
      for (var t = 0; t <= top; t += step) {
        var ty = baseline - t * unitHeight;
        grid.appendChild(svg("line", { x1: MARGIN.left, x2: width - MARGIN.right, y1: ty, y2: ty, class: "agt-gridline" }));
        grid.appendChild(svg("text", { x: MARGIN.left - 5, y: ty + 4, class: "agt-tick agt-tick-y" }, t));
      }
    }

    function drawBars(counts) {
      if (!dom) { return; }
      var max = 0, bin, r, k;
      for (bin = 0; bin < dom.bins; bin += 1) {
        var total = 0;
        for (k = 0; k < R * 2; k += 1) { total += counts[bin * R * 2 + k]; }
        if (total > max) { max = total; }
      }
      var step = niceStep(max, 4);
      var top = Math.max(step, Math.ceil(max / step) * step);
      var unitHeight = (baseline - MARGIN.top) / top;
      drawGrid(top, step, unitHeight);
      var d = paths.map(function () { return []; }), sums = new Int32Array(R * 2);
      for (bin = 0; bin < dom.bins; bin += 1) {
        var x0 = x(dom.starts[bin]), x1 = x(dom.starts[bin + 1]);
        var w = Math.max(1, x1 - x0 - (x1 - x0 > 4 ? 1 : 0)).toFixed(2);
        var y = baseline, lines = [], found = {}, sum = 0;
        for (r = 0; r < R; r += 1) {
          var a = counts[(bin * R + r) * 2], o = counts[(bin * R + r) * 2 + 1];
          if (!a && !o) { continue; }
          [a, o].forEach(function (n, hatched) {
            if (!n) { return; }
            var h = n * unitHeight;
            y -= h;
            d[r * 2 + hatched].push("M" + x0.toFixed(2) + " " + y.toFixed(2) + "h" + w + "v" + h.toFixed(2) + "h-" + w + "z");
            sums[r * 2 + hatched] += n;
          });
          found[relations[r]] = [a, o];
          sum += a + o;
          lines.push(relations[r] + " " + a + (o ? " (+" + o + " not asserted)" : ""));
        }
        var column = columns[bin];
        column.setAttribute("data-total", sum);
        column.setAttribute("data-counts", JSON.stringify(found));
        column.firstChild.textContent = sum ? binLabel(dom, bin) + ": " + plural(sum, "claim") + "\n" + lines.join("\n") : "";
      }
      paths.forEach(function (path, i) {
        path.setAttribute("d", d[i].join(""));
        path.setAttribute("data-count", sums[i]);
      });
    }

    function drawNote() {
      var parts = [];
      if (!dom) { parts.push("No dated claims."); }
      else { parts.push("One bar per " + dom.unit + "."); }
      if (current.statuses === null || current.statuses.some(function (s) { return s !== "asserted"; })) {
        parts.push("Hatched: denied, negated, hypothetical or intended claims.");
      } else {
        parts.push("Asserted claims only.");
      }
      if (zoomed && outside) { parts.push(plural(outside, "claim") + " outside the dates shown not drawn."); }
      if (undated) { parts.push(plural(undated, "claim") + " without a date not drawn."); }
      note.textContent = parts.join(" ");
    }

    function draw() {
      var counts = count(current);
      drawBars(counts);
      drawLegend(counts);
      drawNote();
      api.draws += 1;
    }

    api.update = function (filter) {
      var began = performance.now();
      current = normalFilter(filter);
      draw();
      api.lastMs = performance.now() - began;
      return api.lastMs;
    };
    /* zoom to the days from..to (ISO; kept within the data's span, swapped when reversed); the whole
     * span again when they are its ends. Returns the domain drawn (null without dated claims). */
    api.setRange = function (from, to) {
      var a = dayNumber(from), b = dayNumber(to);
      if (!full || isNaN(a) || isNaN(b)) { return api.domain; }
      if (b < a) { var swap = a; a = b; b = swap; }
      a = Math.min(Math.max(a, firstDay), lastDay);
      b = Math.min(Math.max(b, firstDay), lastDay);
      zoomed = a === firstDay && b === lastDay ? null : [a, b];
      dom = zoomed ? domain(isoDay(a), isoDay(b), options.unit) : full;
      range.show(isoDay(a), isoDay(b));
      layout();
      draw();
      if (typeof options.onRange === "function") { options.onRange(api.domain); }
      return api.domain;
    };
    api.resetRange = function () { return full ? api.setRange(isoDay(firstDay), isoDay(lastDay)) : null; };
    /* the range chosen ({from, to}), or null when the whole span is shown */
    api.range = function () { return zoomed ? { from: isoDay(zoomed[0]), to: isoDay(zoomed[1]) } : null; };
    /* claims drawn per relation under the current filter */
    api.totals = function () { return Object.assign({}, totals); };
    api.filter = function () { return normalFilter(current); };
    api.width = function () { return width; };
    layout();
    api.update(current);
    if (!options.width) {
      watchWidth(container, root, width, function (now) {
        width = now;
        layout();
        draw();
      });
    }
    return api;
  }

  /* ---- a place's controllers over time: one segment per band, split when several hold it */
  /* options: first/last widen the span to those days; with clip, the span is exactly first..last
   * (a chart's zoomed range) and the bands are cut to it */
  function band(container, bands, actors, options) {
    options = options || {};
    actors = actors || {};
    bands = (Array.isArray(bands) ? bands : []).filter(function (b) { return b && !isNaN(dayNumber(b.from)); })
      .slice().sort(function (a, b) { return a.from < b.from ? -1 : a.from > b.from ? 1 : 0; });
    var width = options.width || container.clientWidth || 720;
    clear(container);
    var root = el("div", "agt-band");
    root.setAttribute("data-agt", "band");
    container.appendChild(root);
    var api = { element: root, segments: [] };
    if (!bands.length) {
      root.appendChild(el("p", "agt-note", "No control claim with a date."));
      return api;
    }
    var clip = Boolean(options.clip && !isNaN(dayNumber(options.first)) && !isNaN(dayNumber(options.last)));
    var first = clip || options.first && dayNumber(options.first) < dayNumber(bands[0].from) ? options.first : bands[0].from;
    var lastBand = bands[bands.length - 1].from;
    var last = clip || options.last && dayNumber(options.last) > dayNumber(lastBand) ? options.last : lastBand;
    var dom = domain(first, last, options.unit);
    var colors = Object.assign({}, options.colors || {});
    var next = 0;
    function colorOf(iri) {
      if (!colors[iri]) { colors[iri] = PALETTE[next % PALETTE.length]; next += 1; }
      return colors[iri];
    }
    function labelOf(iri) { return (actors[iri] && actors[iri].label) || String(iri).split(/[/#]/).pop(); }
    bands.forEach(function (b, i) {
      var to = i + 1 < bands.length ? dayNumber(bands[i + 1].from) : Math.max(dayNumber(last) + 1, dayNumber(b.from) + 1);
      var controllers = Array.isArray(b.controllers) ? b.controllers : [];
      controllers.forEach(colorOf);
      api.segments.push({ from: b.from, to: isoDay(to), controllers: controllers.slice() });
    });

    function draw() {
      clear(root);
      root.setAttribute("data-width", String(width));
      root.appendChild(bandImage(bands, dom, last, width, options, colors, labelOf));
      var legend = el("ul", "agt-legend");
      Object.keys(colors).forEach(function (iri) {
        var item = el("li");
        item.setAttribute("data-actor", iri);
        item.appendChild(swatch(colors[iri], false));
        item.appendChild(el("span", "agt-name", labelOf(iri)));
        legend.appendChild(item);
      });
      root.appendChild(legend);
    }
    draw();
    api.domain = { unit: dom.unit, first: dom.first, last: dom.last, start: isoDay(dom.start), end: isoDay(dom.end) };
    api.width = function () { return width; };
    if (!options.width) {
      watchWidth(container, root, width, function (now) {
        width = now;
        draw();
      });
    }
    return api;
  }

  /* the band's drawing at one width: a segment per band within the domain, cut at its ends */
  function bandImage(bands, dom, last, width, options, colors, labelOf) {
    var rowHeight = options.height || 24;
    var height = rowHeight + MARGIN.top + MARGIN.bottom;
    var x = scaleX(dom, width);
    var image = svg("svg", { width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img",
                             class: "agt-svg" });
    image.setAttribute("aria-label", options.label || "Controllers over time");
    var segments = svg("g", { class: "agt-segments" });
    image.appendChild(segments);
    var axis = svg("g", { class: "agt-x" });
    image.appendChild(axis);
    var end = dayNumber(last) + 1;  // the last band runs to the day after the span's last
    bands.forEach(function (b, i) {
      var from = dayNumber(b.from);
      var to = i + 1 < bands.length ? dayNumber(bands[i + 1].from) : Math.max(end, from + 1);
      if (to <= dom.start || from >= dom.end) { return; }  // outside the dates shown
      var controllers = Array.isArray(b.controllers) ? b.controllers : [];
      var x0 = x(Math.max(from, dom.start)), x1 = Math.max(x0 + 2, x(Math.min(to, dom.end)));
      var names = controllers.map(labelOf);
      var group = svg("g", { class: "agt-segment", "data-from": b.from, "data-to": isoDay(to),
                             "data-actors": controllers.join(" ") });
      var claims = Array.isArray(b.claims) ? b.claims.length : 0;
      titled(group, (names.length ? names.join(" and ") : "nobody known") + ": from " + b.from +
        (i + 1 < bands.length ? " to " + bands[i + 1].from : " on") + (claims ? " (" + plural(claims, "claim") + ")" : ""));
      if (!controllers.length) {
        group.appendChild(svg("rect", { x: x0, y: MARGIN.top, width: x1 - x0, height: rowHeight, class: "agt-nobody" }));
      }
      controllers.forEach(function (iri, k) {
        var h = rowHeight / controllers.length;
        group.appendChild(svg("rect", { x: x0, y: MARGIN.top + k * h, width: x1 - x0, height: h, fill: colors[iri],
                                        "data-actor": iri }));
      });
      var text = names.length ? names.join(" / ") : "nobody";
      if (text.length * 6.5 + 8 < x1 - x0) {
        group.appendChild(svg("text", { x: x0 + 4, y: MARGIN.top + rowHeight / 2 + 4,
                                        class: names.length ? "agt-segment-label" : "agt-segment-label agt-dark" }, text));
      }
      segments.appendChild(group);
    });
    drawTimeAxis(axis, dom, x, MARGIN.top + rowHeight, width);
    return image;
  }

  /* ---- the filter controls: counterpart actor, relations, confidence, non-asserted claims */
  function filters(container, options, onChange) {
    options = options || {};
    var current = normalFilter(options.filter);
    var relations = (options.relations || RELATIONS).slice();
    var actorList = Array.isArray(options.actors) ? options.actors.slice() : Object.keys(options.actors || {}).map(function (iri) {
      return { id: iri, label: options.actors[iri].label || iri };
    });
    actorList.sort(function (a, b) { return String(a.label).localeCompare(String(b.label)) || (a.id < b.id ? -1 : 1); });
    var id = "agt" + (uid += 1);
    var root = el("div", "agt-filters");
    root.setAttribute("data-agt", "filters");

    function changed() {
      if (typeof onChange === "function") { onChange(normalFilter(current)); }
    }

    var actorLabel = el("label", null, options.actorLabel || "Actor");
    actorLabel.htmlFor = id + "-actor";
    var select = el("select");
    select.id = id + "-actor";
    select.className = "agt-actor";
    var any = el("option", null, options.anyActor || "any actor");
    any.value = "";
    select.appendChild(any);
    actorList.forEach(function (actor) {
      var option = el("option", null, actor.label);
      option.value = actor.id;
      select.appendChild(option);
    });
    select.value = current.actor || "";
    select.addEventListener("change", function () {
      current.actor = select.value || null;
      changed();
    });
    var actorSection = el("section");
    actorSection.appendChild(actorLabel);
    actorSection.appendChild(select);
    root.appendChild(actorSection);

    var relationSection = el("section");
    relationSection.appendChild(el("h2", null, "Relations"));
    var list = el("ul", "agt-legend agt-relations");
    relations.forEach(function (r) {
      var item = el("li");
      item.setAttribute("data-relation", r);
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.value = r;
      box.checked = current.relations === null || current.relations.indexOf(r) >= 0;
      box.addEventListener("change", function () {
        var checked = Array.prototype.filter.call(list.querySelectorAll("input"), function (b) { return b.checked; })
          .map(function (b) { return b.value; });
        current.relations = checked.length === relations.length && !options.relations ? null : checked;
        changed();
      });
      label.appendChild(box);
      label.appendChild(swatch(relationColor(options, r), false));
      label.appendChild(el("span", "agt-name", r));
      item.appendChild(label);
      list.appendChild(item);
    });
    relationSection.appendChild(list);
    var nonAsserted = el("label", "agt-row");
    var showAll = el("input");
    showAll.type = "checkbox";
    showAll.className = "agt-non-asserted";
    showAll.checked = current.statuses === null || current.statuses.some(function (s) { return s !== "asserted"; });
    showAll.addEventListener("change", function () {
      current.statuses = showAll.checked ? STATUSES.slice() : ["asserted"];
      changed();
    });
    nonAsserted.appendChild(showAll);
    nonAsserted.appendChild(document.createTextNode(" show non-asserted claims (hatched)"));
    relationSection.appendChild(nonAsserted);
    root.appendChild(relationSection);

    var evidence = el("section");
    var confidenceLabel = el("label", null, "Minimum confidence ");
    confidenceLabel.htmlFor = id + "-confidence";
    var output = el("output", null, current.minConfidence.toFixed(2));
    confidenceLabel.appendChild(output);
    var slider = el("input");
    slider.type = "range";
    slider.id = id + "-confidence";
    slider.className = "agt-confidence";
    slider.min = "0";
    slider.max = "1";
    slider.step = "0.05";
    slider.value = String(current.minConfidence);
    slider.addEventListener("input", function () {
      current.minConfidence = Number(slider.value);
      output.textContent = current.minConfidence.toFixed(2);
      changed();
    });
    evidence.appendChild(confidenceLabel);
    evidence.appendChild(slider);
    root.appendChild(evidence);

    container.appendChild(root);
    return { element: root, filter: function () { return normalFilter(current); } };
  }

  window.agTimeline = { stacked: stacked, band: band, filters: filters, domain: domain, colors: COLORS,
                        relations: RELATIONS, statuses: STATUSES };
}());
