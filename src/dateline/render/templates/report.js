/* dateline report: search and source filter, article panel.  Article text is only ever put
   into the page as text nodes (textContent / createTextNode), never parsed as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dateline-data").textContent);
  var $ = function (id) { return document.getElementById(id); };

  /* ---- search and source filter ---- */
  var controls = $("controls");
  var q = $("q");
  var sourceSel = $("source");
  var status = $("filter-status");
  var noMatch = $("no-match");
  var entries = Array.prototype.slice.call(document.querySelectorAll(".entry"));
  var marks = {};
  Array.prototype.forEach.call(document.querySelectorAll(".mark[data-entry]"), function (m) {
    marks[m.getAttribute("data-entry")] = m;
  });

  function norm(s) {
    return s.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ");
  }
  var index = entries.map(function (el) {
    var head = el.querySelector(".when");
    var when = norm(head.textContent + " " + el.querySelector("time").getAttribute("datetime"));
    var sents = Array.prototype.map.call(el.querySelectorAll(".sent"), function (li) {
      return { el: li, text: norm(li.textContent), source: li.getAttribute("data-source") };
    });
    return { el: el, when: when, sents: sents };
  });

  function apply() {
    var terms = norm(q.value).split(" ").filter(Boolean);
    var source = sourceSel.value;
    var shown = 0;
    index.forEach(function (e) {
      var any = false;
      e.sents.forEach(function (s) {
        var ok = (!source || s.source === source) && terms.every(function (t) {
          return s.text.indexOf(t) >= 0 || e.when.indexOf(t) >= 0;
        });
        s.el.hidden = !ok;
        any = any || ok;
      });
      e.el.hidden = !any;
      if (any) shown++;
      var m = marks[e.el.id];
      if (m) m.classList.toggle("dim", !any);
    });
    var filtering = terms.length > 0 || source !== "";
    status.textContent = filtering
      ? "Showing " + shown + " of " + entries.length + " date" + (entries.length === 1 ? "" : "s")
      : "";
    if (noMatch) noMatch.hidden = shown > 0 || entries.length === 0;
  }

  function clearFilters() {
    q.value = "";
    sourceSel.value = "";
    apply();
  }

  if (controls && entries.length) {
    controls.hidden = false;
    q.addEventListener("input", apply);
    sourceSel.addEventListener("change", apply);
    controls.addEventListener("submit", function (ev) { ev.preventDefault(); });
    controls.addEventListener("reset", function () { setTimeout(apply, 0); });
    var clearBtn = $("clear-filters");
    if (clearBtn) clearBtn.addEventListener("click", function () { clearFilters(); q.focus(); });
    document.addEventListener("keydown", function (ev) {
      var t = ev.target;
      var typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
      if (ev.key === "/" && !typing && !ev.ctrlKey && !ev.metaKey && !ev.altKey && !panel.open) {
        ev.preventDefault();
        q.focus();
      }
    });
  }

  /* chart marks: make sure the target entry is visible, then let the link jump */
  Object.keys(marks).forEach(function (id) {
    marks[id].addEventListener("click", function () {
      var target = $(id);
      if (target && target.hidden) clearFilters();
      if (target) {
        target.classList.remove("flash");
        void target.offsetWidth;
        target.classList.add("flash");
      }
    });
  });

  /* ---- article panel ---- */
  var panel = $("panel");
  var pTitle = $("panel-title");
  var pSource = $("panel-source");
  var pMeta = $("panel-meta");
  var pNote = $("panel-note");
  var pBody = $("panel-body");
  var opener = null;

  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text != null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  function metaRow(label, value) {
    if (value == null || value === "") return;
    pMeta.appendChild(el("dt", label));
    var dd = el("dd");
    if (typeof value === "string") dd.textContent = value; else dd.appendChild(value);
    pMeta.appendChild(dd);
  }

  /* ranges: [[start, end, current]] into text; returns the paragraph elements */
  function renderText(text, ranges) {
    clear(pBody);
    ranges = ranges.slice().sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var re = /\n[ \t]*\n\s*/g;
    var pos = 0;
    var paras = [];
    var m;
    while ((m = re.exec(text)) !== null) {
      paras.push([pos, m.index]);
      pos = m.index + m[0].length;
    }
    paras.push([pos, text.length]);
    var first = null;
    paras.forEach(function (p) {
      if (p[1] <= p[0]) return;
      var para = el("p");
      var at = p[0];
      ranges.forEach(function (r) {
        var s = Math.max(r[0], at), e = Math.min(r[1], p[1]);
        if (e <= s) return;
        if (s > at) para.appendChild(document.createTextNode(text.slice(at, s)));
        var mk = el("mark", text.slice(s, e), r[2] ? "current" : "");
        para.appendChild(mk);
        if (r[2] && !first) first = mk;
        at = e;
      });
      if (at < p[1]) para.appendChild(document.createTextNode(text.slice(at, p[1])));
      pBody.appendChild(para);
    });
    return first;
  }

  function openDoc(docN, citeN, from) {
    var d = data.docs[docN];
    if (!d) return;
    opener = from || null;
    pTitle.textContent = d.title || d.id;
    pSource.textContent = d.source || "Article";
    clear(pMeta);
    var when = d.published || "unknown";
    if (d.date_source === "inferred") {
      when += " (inferred from the content" +
        (d.confidence != null ? ", confidence " + d.confidence.toFixed(2) : "") + ")";
    } else if (d.date_source) {
      when += " (" + d.date_source + ")";
    }
    metaRow("Published", when);
    if (d.url) {
      var a = el("a", d.url);
      a.href = d.url;
      a.rel = "noopener noreferrer nofollow";
      a.target = "_blank";
      metaRow("Original", a);
    }
    metaRow("Document", d.id);
    if (d.path && d.path !== d.id) metaRow("Read from", d.path);

    var ranges = [];
    var seen = {};
    var missing = false;
    data.cites.forEach(function (c, i) {
      if (c.doc !== docN) return;
      if (!c.span) { if (i === citeN) missing = true; return; }
      var key = c.span[0] + ":" + c.span[1];
      var cur = i === citeN;
      if (seen[key] !== undefined) { if (cur) ranges[seen[key]][2] = true; return; }
      seen[key] = ranges.length;
      ranges.push([c.span[0], c.span[1], cur]);
    });
    var notes = [];
    if (d.cut) notes.push("This article is long; only its opening and the passages around the cited sentences are shown.");
    if (missing) notes.push("The cited sentence could not be located verbatim in the cleaned text.");
    if (!d.text) notes.push("The cleaned text of this article is not available.");
    pNote.textContent = notes.join(" ");
    pNote.hidden = notes.length === 0;
    var current = renderText(d.text || "", ranges);

    if (!panel.open) {
      if (typeof panel.showModal === "function") panel.showModal();
      else panel.setAttribute("open", "");
    }
    var inner = panel.querySelector(".panel-inner");
    inner.scrollTop = 0;
    var target = current || pBody.querySelector("mark");
    if (target) {  /* scroll the cited sentence into view unless it already is */
      var head = panel.querySelector(".panel-head");
      var box = target.getBoundingClientRect();
      var top = box.top - inner.getBoundingClientRect().top;
      if (top + box.height > inner.clientHeight - 24) {
        inner.scrollTop = Math.max(0, top - head.offsetHeight - 40);
      }
    }
    $("panel-close").focus();
  }

  function closePanel() {
    if (panel.open) {
      if (typeof panel.close === "function") panel.close(); else panel.removeAttribute("open");
    }
  }

  document.addEventListener("click", function (ev) {
    var t = ev.target.closest ? ev.target.closest("[data-doc]") : null;
    if (!t) return;
    ev.preventDefault();
    var cite = t.getAttribute("data-cite");
    openDoc(parseInt(t.getAttribute("data-doc"), 10), cite == null ? null : parseInt(cite, 10), t);
  });
  $("panel-close").addEventListener("click", closePanel);
  panel.addEventListener("click", function (ev) { if (ev.target === panel) closePanel(); });
  panel.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { ev.preventDefault(); closePanel(); }
  });
  panel.addEventListener("close", function () {
    if (opener && document.contains(opener)) opener.focus();
    opener = null;
  });
})();
