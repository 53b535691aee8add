/* The timeline of an actor page of `actorgraph serve`: its claims per relation over time, a place's
 * controllers, the filters, and the claims table below following the same filters.
 * Data: the JSON block #agt-data (graph.views.timeline_view.actor_timeline); drawing: timeline.js. */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("agt-data").textContent);
  var actors = DATA.actors || {};
  var label = function (iri) { return (actors[iri] && actors[iri].label) || String(iri).split(/[/#]/).pop(); };
  var band = null;
  /* a place's band spans the chart's dates, and follows them when the chart is zoomed */
  function drawBand(domain, clip) {
    if (!DATA.bands) { return; }
    band = window.agTimeline.band(document.getElementById("agt-band"), DATA.bands, actors, {
      first: domain.first, last: domain.last, unit: domain.unit, clip: clip, label: "Who held " + DATA.label + " when"
    });
    if (window.agActorPage) { window.agActorPage.band = band; }
  }
  var chart = window.agTimeline.stacked(document.getElementById("agt-chart"), DATA.events, {
    first: DATA.first, last: DATA.last, label: "Claims about " + DATA.label + " per relation over time",
    onRange: function (domain) { drawBand(domain, chart.range() !== null); }
  });
  drawBand(chart.domain || {}, false);

  var others = new Set();
  DATA.events.forEach(function (e) {
    if (e[4] !== DATA.actor) { others.add(e[4]); }
    if (e[5] !== DATA.actor) { others.add(e[5]); }
  });
  var present = window.agTimeline.relations.filter(function (r) {
    return DATA.events.some(function (e) { return e[1] === r; });
  });

  var rows = Array.prototype.slice.call(document.querySelectorAll("#agt-claims tbody tr"));
  var count = document.getElementById("agt-table-count");

  function rowPasses(row, filter) {
    var d = row.dataset;
    if (filter.relations !== null && filter.relations.indexOf(d.relation) < 0) { return false; }
    if (filter.statuses !== null && filter.statuses.indexOf(d.status) < 0) { return false; }
    if (filter.minConfidence > 0 && !(d.confidence !== "" && Number(d.confidence) >= filter.minConfidence)) { return false; }
    return filter.actor === null || d.s === filter.actor || d.o === filter.actor;
  }

  function apply(filter) {
    chart.update(filter);
    var shown = 0;
    rows.forEach(function (row) {
      row.hidden = !rowPasses(row, filter);
      if (!row.hidden) { shown += 1; }
    });
    count.textContent = "The table below shows " + shown + " of its " + rows.length + " claims under these filters.";
  }

  var controls = window.agTimeline.filters(document.getElementById("agt-filters"), {
    actors: Array.from(others).map(function (iri) { return { id: iri, label: label(iri) }; }),
    actorLabel: "With", anyActor: "any actor", relations: present.length ? present : null
  }, apply);
  if (DATA.truncated) {
    document.getElementById("agt-truncated").hidden = false;
  }
  apply(controls.filter());
  window.agActorPage = { chart: chart, band: band, filters: controls, apply: apply };
  document.body.setAttribute("data-stable", "true");
}());
