// Filtering, regrouping and collapsing. Without this script every finding is shown,
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

  function fileGroups() {
    var map = new Map();
    findings.forEach(function (a) {
      var p = a.dataset.path;
      if (!map.has(p)) map.set(p, []);
      map.get(p).push(a);
    });
    var keys = Array.from(map.keys()).sort();
    return keys.map(function (p) {
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
      map.get(p).forEach(function (a) { d.appendChild(a); });
      return d;
    });
  }

  function regroup(how) {
    var list;
    if (how === "file") {
      byFile = byFile || fileGroups();
      list = byFile;
      // fileGroups moved the articles; give them back to the file groups each time.
      byFile.forEach(function (d) {
        findings.filter(function (a) { return a.dataset.path === d.dataset.key; })
          .forEach(function (a) { d.appendChild(a); });
      });
    } else {
      list = byRule;
      byRule.forEach(function (d) {
        findings.filter(function (a) { return a.dataset.code === d.dataset.key; })
          .forEach(function (a) { d.appendChild(a); });
      });
    }
    groups.replaceChildren.apply(groups, list);
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
    if (e.target.name === "group") regroup(e.target.value); else apply();
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
