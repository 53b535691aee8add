/* actorgraph evidence: how the graph page (view.js) and the map page (map.js) show a claim and its
 * source. Both pages inline this file ahead of their own script (graph/views/html_view.py and
 * map_view.py), under a policy that runs only the pages' own scripts.
 *
 * Every text from the data reaches the DOM through textContent (never as markup), and a link is
 * made only for an http(s) URL: a javascript: or data: URL in the data stays text, or nothing. */
(function () {
  "use strict";

  var DASH = "\u2014";

  /* an element with a class and a text (set as text: markup in it stays visible characters) */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function clear(node) {
    while (node.firstChild) { node.removeChild(node.firstChild); }
  }

  /* the URL, normalised, if it is http(s); else null */
  function safeUrl(value) {
    if (typeof value !== "string") { return null; }
    try {
      var url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") ? url.href : null;
    } catch (error) {
      return null;
    }
  }

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }

  /* a readable name from a URL: its host (without www.) and its last wordy path segment as a title */
  function urlName(value) {
    var url = safeUrl(value);
    if (!url) { return {}; }
    var parsed = new URL(url);
    var host = parsed.hostname.replace(/^www\./, "");
    var parts = parsed.pathname.split("/").filter(Boolean);
    for (var i = parts.length - 1; i >= 0; i -= 1) {
      var part = parts[i];
      try { part = decodeURIComponent(part); } catch (error) { /* keep it as written */ }
      part = part.replace(/\.[a-z0-9]{2,5}$/i, "").replace(/[-_+]+/g, " ").trim();
      if (/[^\d\s]{3}/.test(part)) {
        return { host: host, title: part.charAt(0).toUpperCase() + part.slice(1) };
      }
    }
    return { host: host };
  }

  /* a document as a reader names it: outlet (or the URL's host), then the title (or a name made from
   * the URL, or the document's own name), linked to the article when it has an http(s) URL: never a
   * bare URL. doc: {publisher, title, url, name} */
  function source(doc) {
    var named = urlName(doc.url);
    var span = el("span");
    var outlet = doc.publisher || named.host;
    if (outlet) { span.appendChild(el("span", "ag-outlet", outlet + ": ")); }
    var title = doc.title || named.title || doc.name || "untitled document";
    var url = safeUrl(doc.url);
    if (!url) {
      span.appendChild(el("span", null, title));
      return span;
    }
    var link = el("a", null, title);
    link.href = url;
    link.rel = "noopener noreferrer";
    link.target = "_blank";
    link.title = url;
    span.appendChild(link);
    return span;
  }

  /* one name and value of a <dl>: a value that is a node is put in as it is, anything else as text */
  function field(list, name, value) {
    list.appendChild(el("dt", null, name));
    var dd = el("dd");
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = value; }
    list.appendChild(dd);
  }

  /* a claim's status as a badge, classed by the status when it is one of the known ones */
  function status(name, known) {
    return el("span", "ag-status ag-status-" + (known.indexOf(name) >= 0 ? name : "other"), name);
  }

  function confidence(value) { return typeof value === "number" ? value.toFixed(2) : DASH; }

  window.agEvidence = Object.freeze({
    el: el, clear: clear, safeUrl: safeUrl, plural: plural, urlName: urlName, source: source, field: field,
    status: status, confidence: confidence, dash: DASH
  });
}());
