// Filtering, sorting, regrouping and collapsing. Without this script every finding is shown,
// grouped by rule. Only textContent and DOM nodes are used: no markup is built from data.
(function () {
  "use strict";
  var form = document.getElementById("controls");
  var groups = document.getElementById("groups");
  if (!form || !groups) return;
  form.hidden = false;
  var findings = Array.prototype.slice.call(groups.querySelectorAll("article.finding"));
  var text = findings.map(function (a) { return a.textContent.toLowerCase(); });
  var byRule = Array.prototype.slice.call(groups.children);
  var byFile = null;

  // One empty group per file; regroup() fills them.
  function fileGroups() {
    var paths = Array.from(new Set(findings.map(function (a) { return a.dataset.path; }))).sort();
    return paths.map(function (p) {
      var d = document.createElement("details");
      d.className = "group";
      d.open = true;
      d.dataset.key = p;
      var s = document.createElement("summary");
      var c = document.createElement("code");
      c.textContent = p;
      var n = document.createElement("span");
      n.className = "count";
      s.appendChild(c);
      s.appendChild(document.createTextNode(" "));
      s.appendChild(n);
      d.appendChild(s);
      return d;
    });
  }

  function regroup(how) {
    var list = how === "file" ? (byFile = byFile || fileGroups()) : byRule;
    var keyOf = how === "file" ? function (a) { return a.dataset.path; }
      : function (a) { return a.dataset.code; };
    var home = new Map(list.map(function (d) { return [d.dataset.key, d]; }));
    findings.forEach(function (a) { home.get(keyOf(a)).appendChild(a); });
    groups.replaceChildren.apply(groups, list);
    sort();
  }

  // Within each group: by severity (errors first), else in file and line order.
  var rank = { error: 0, warning: 1, info: 2 };
  var order = new Map(findings.map(function (a, i) { return [a, i]; }));
  function sort() {
    var bySeverity = form.elements.sort.value === "severity";
    Array.prototype.forEach.call(groups.children, function (d) {
      var items = Array.prototype.slice.call(d.querySelectorAll("article.finding"));
      items.sort(function (a, b) {
        return (bySeverity ? rank[a.dataset.sev] - rank[b.dataset.sev] : 0) ||
          (a.dataset.path < b.dataset.path ? -1 : a.dataset.path > b.dataset.path ? 1 : 0) ||
          (Number(a.dataset.line) || 0) - (Number(b.dataset.line) || 0) ||
          order.get(a) - order.get(b);
      });
      items.forEach(function (a) { d.appendChild(a); });
    });
    apply();
  }

  function apply() {
    var sev = Array.prototype.slice.call(form.querySelectorAll("input[name=sev]:checked"))
      .map(function (i) { return i.value; });
    var family = form.elements.family.value;
    var rule = form.elements.rule.value;
    var q = form.elements.q.value.trim().toLowerCase();
    var shown = 0;
    findings.forEach(function (a, i) {
      var ok = sev.indexOf(a.dataset.sev) >= 0 &&
        (!family || a.dataset.family === family) &&
        (!rule || a.dataset.code === rule) &&
        (!q || text[i].indexOf(q) >= 0);
      a.hidden = !ok;
      if (ok) shown++;
    });
    Array.prototype.forEach.call(groups.children, function (d) {
      var n = d.querySelectorAll("article.finding:not([hidden])").length;
      d.hidden = n === 0;
      var c = d.querySelector("summary .count");
      if (c) c.textContent = String(n);
    });
    document.getElementById("shown").textContent = shown + " of " + findings.length + " shown";
    document.getElementById("none").hidden = shown > 0;
  }

  form.addEventListener("input", function (e) {
    if (e.target.name === "group") regroup(e.target.value);
    else if (e.target.name === "sort") sort();
    else apply();
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  function openAll(open) {
    document.querySelectorAll("details.group").forEach(function (d) { d.open = open; });
  }
  document.getElementById("expand").addEventListener("click", function () { openAll(true); });
  document.getElementById("collapse").addEventListener("click", function () { openAll(false); });

  // A link to a finding or a rule page opens what holds it.
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    if (!el) return;
    for (var p = el; p; p = p.parentElement) if (p.tagName === "DETAILS") p.open = true;
    if (el.hidden) { el.hidden = false; }
    el.scrollIntoView();
  }
  window.addEventListener("hashchange", reveal);
  reveal();

  // Printing shows everything that is collapsed on screen.
  var closed = [];
  window.addEventListener("beforeprint", function () {
    closed = Array.prototype.slice.call(document.querySelectorAll("details:not([open])"));
    closed.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () {
    closed.forEach(function (d) { d.open = false; });
  });
  apply();
})();
