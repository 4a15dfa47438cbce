/* cancu network page: filters, search, details panel and #node=<key> on top of vis-network.
 * Every string from the plans is set with textContent (or as a plain-text vis tooltip), never as HTML. */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("graph-data").textContent);
  var allNodes = new vis.DataSet(data.nodes);
  var allEdges = new vis.DataSet(data.edges);
  var visibleNodes = new Set(allNodes.getIds());
  var visibleEdges = new Set(allEdges.getIds());
  var nodesView = new vis.DataView(allNodes, { filter: function (n) { return visibleNodes.has(n.id); } });
  var edgesView = new vis.DataView(allEdges, { filter: function (e) { return visibleEdges.has(e.id); } });
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodesView, edges: edgesView }, data.options);
  var fullDegree = degrees(allEdges.get());
  var groupLabels = [];
  var searchIndex = buildSearchIndex();

  window.network = network;
  window.cancu = { ready: false, allNodes: allNodes, allEdges: allEdges, select: select, applyFilters: applyFilters };

  // ------------------------------------------------------------ ready: positions are final (physics off)
  setTimeout(function () {
    network.fit({ animation: false });
    computeGroupLabels();
    fromHash();
    window.cancu.ready = true;
    document.body.setAttribute("data-ready", "1"); // what tests and scripts wait for
  }, 0);
  network.on("dragEnd", function () { computeGroupLabels(); });

  // ------------------------------------------------------------ province labels drawn on the canvas
  function computeGroupLabels() {
    groupLabels = (data.groups || []).map(function (g) {
      var pos = network.getPositions(g.members);
      var ids = Object.keys(pos);
      if (!ids.length) { return null; }
      var xs = ids.map(function (k) { return pos[k].x; });
      var ys = ids.map(function (k) { return pos[k].y; });
      var x = xs.reduce(function (a, b) { return a + b; }, 0) / xs.length;
      var below = Boolean(g.below);
      return { label: g.label, x: x, y: below ? Math.max.apply(null, ys) : Math.min.apply(null, ys), below: below,
               members: g.members };
    }).filter(Boolean);
  }
  network.on("afterDrawing", function (ctx) {
    ctx.save();
    var px = 15 / Math.max(network.getScale(), 0.05); // the same size on screen at any zoom
    ctx.font = "600 " + px + "px system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";
    ctx.textAlign = "center";
    ctx.lineWidth = px / 3;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.fillStyle = "rgba(52,73,94,0.75)";
    groupLabels.forEach(function (g) {
      if (!g.members.some(function (id) { return visibleNodes.has(id); })) { return; }
      var y = g.below ? g.y + 58 + px : g.y - 30 - px; // clear of the nodes and of their own labels
      ctx.strokeText(g.label, g.x, y);
      ctx.fillText(g.label, g.x, y);
    });
    ctx.restore();
  });

  // ------------------------------------------------------------ filters
  var selects = (data.filters || []).map(function (f) {
    var s = document.getElementById("filter-" + f.id);
    s.neighbours = f.neighbours;
    return s;
  });
  var edgeBoxes = Array.prototype.slice.call(document.querySelectorAll("input[data-edge-type]"));
  selects.forEach(function (s) { s.addEventListener("change", applyFilters); });
  edgeBoxes.forEach(function (b) { b.addEventListener("change", applyFilters); });
  document.getElementById("filter-reset").addEventListener("click", function () {
    resetFilters();
    applyFilters();
  });

  function resetFilters() {
    selects.forEach(function (s) { s.value = ""; });
    edgeBoxes.forEach(function (b) { b.checked = true; });
  }

  // a select filters items that carry its field (a list); items without the field always pass
  function matches(s, item) {
    var field = s.getAttribute("data-field");
    return !s.value || !Array.isArray(item[field]) || item[field].indexOf(s.value) >= 0;
  }
  function passes(item, neighbours) {
    return selects.every(function (s) { return s.neighbours !== neighbours || matches(s, item); });
  }

  function applyFilters() {
    var types = new Set(edgeBoxes.filter(function (b) { return b.checked; })
      .map(function (b) { return b.getAttribute("data-edge-type"); }));
    var candidates = new Set(allNodes.get({ filter: function (n) { return passes(n, false); } })
      .map(function (n) { return n.id; }));
    // 'neighbours' selects (kind of agency) keep an edge when either end matches
    var focus = new Set(Array.from(candidates).filter(function (id) { return passes(allNodes.get(id), true); }));
    var edges = allEdges.get({ filter: function (e) {
      return types.has(e.etype) && candidates.has(e.from) && candidates.has(e.to) && passes(e, false) &&
        (focus.has(e.from) || focus.has(e.to));
    } });
    var shown = degrees(edges);
    visibleEdges = new Set(edges.map(function (e) { return e.id; }));
    // a node that only made sense through edges now hidden goes too (plans stay: they are the subject)
    visibleNodes = new Set(Array.from(candidates).filter(function (id) {
      if (shown[id]) { return true; }
      return focus.has(id) && (allNodes.get(id).anchor || !fullDegree[id]);
    }));
    nodesView.refresh();
    edgesView.refresh();
    var count = document.getElementById("filter-count");
    count.textContent = visibleNodes.size + " nút, " + visibleEdges.size + " cạnh (nodes, edges)";
  }

  function degrees(edges) {
    var d = {};
    edges.forEach(function (e) { d[e.from] = (d[e.from] || 0) + 1; d[e.to] = (d[e.to] || 0) + 1; });
    return d;
  }

  // ------------------------------------------------------------ colour modes (level / type)
  Array.prototype.slice.call(document.querySelectorAll("input[name=colour-mode]")).forEach(function (r) {
    r.addEventListener("change", function () { setColourMode(r.value); });
  });
  function setColourMode(mode) {
    allNodes.update(allNodes.get().filter(function (n) { return n.colors; })
      .map(function (n) { return { id: n.id, color: n.colors[mode] }; }));
    Array.prototype.slice.call(document.querySelectorAll("[data-mode]")).forEach(function (el) {
      el.hidden = el.getAttribute("data-mode") !== mode;
    });
  }

  // ------------------------------------------------------------ search
  function norm(s) { return String(s).normalize("NFC").toLowerCase().replace(/\s+/g, ""); }

  function buildSearchIndex() {
    var exact = new Map();
    var entries = [];
    var list = document.getElementById("search-options");
    allNodes.get({ order: "id" }).forEach(function (n) {
      (n.search || []).forEach(function (term, i) {
        var k = norm(term);
        if (!exact.has(k)) { exact.set(k, n.id); }
        entries.push({ key: k, id: n.id, rank: i });
      });
      if (n.search && n.search.length) {
        var opt = document.createElement("option");
        opt.value = n.search[0];
        list.appendChild(opt);
      }
    });
    return { exact: exact, entries: entries };
  }

  function find(query) {
    var q = norm(query);
    if (!q) { return null; }
    if (searchIndex.exact.has(q)) { return searchIndex.exact.get(q); }
    var best = null;
    searchIndex.entries.forEach(function (e) {
      var at = e.key.indexOf(q);
      if (at < 0) { return; }
      var score = (at === 0 ? 0 : 10) + e.rank;
      if (!best || score < best.score) { best = { score: score, id: e.id }; }
    });
    return best && best.id;
  }

  var searchBox = document.getElementById("search");
  var searchMsg = document.getElementById("search-msg");
  searchBox.addEventListener("input", function () {
    var id = searchIndex.exact.get(norm(searchBox.value));
    if (id !== undefined) { select(id); }
  });
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var id = find(searchBox.value);
    searchMsg.textContent = id === null || id === undefined ? "Không tìm thấy (not found)" : "";
    if (id !== null && id !== undefined) { select(id); }
  });

  // ------------------------------------------------------------ selection, #node=<key>
  function select(id) {
    if (!allNodes.get(id)) { return false; }
    if (!visibleNodes.has(id)) { resetFilters(); applyFilters(); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: { duration: 300 } });
    showNode(id);
    searchMsg.textContent = "";
    if (history.replaceState) { history.replaceState(null, "", "#node=" + encodeURIComponent(id).replace(/%2F/g, "/")); }
    return true;
  }

  function fromHash() {
    var m = /(?:^#|&)node=([^&]*)/.exec(location.hash);
    if (m) { select(decodeURIComponent(m[1])); }
  }
  window.addEventListener("hashchange", fromHash);

  network.on("click", function (p) {
    if (p.nodes.length) { select(p.nodes[0]); }
    else if (p.edges.length) { showEdge(p.edges[0]); }
  });

  // ------------------------------------------------------------ details panel (DOM built from text)
  var panel = document.getElementById("details");

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function where(o) {
    var file = o.file ? String(o.file).split("/").pop() : "";
    return o.line ? (file ? file + ":" + o.line : "dòng " + o.line) : file;
  }

  function occurrenceList(items, describe) {
    var ul = el("ul", null, "occ");
    items.forEach(function (o) {
      var li = el("li");
      var loc = el("div", where(o), "occ-where");
      if (o.file) { loc.title = o.file; }
      li.appendChild(loc);
      var what = describe ? describe(o) : "";
      if (what) { li.appendChild(el("div", what, "occ-what")); }
      if (o.text) { li.appendChild(el("blockquote", o.text)); }
      ul.appendChild(li);
    });
    return ul;
  }

  function clearPanel() {
    while (panel.firstChild) { panel.removeChild(panel.firstChild); }
  }

  function showNode(id) {
    var n = allNodes.get(id);
    clearPanel();
    panel.appendChild(el("h2", n.heading || n.label));
    var dl = el("dl");
    (n.info || []).forEach(function (pair) {
      dl.appendChild(el("dt", pair[0]));
      dl.appendChild(el("dd", pair[1]));
    });
    panel.appendChild(dl);
    if (n.page) {
      var a = el("a", "Mở trang kế hoạch (open plan page) →", "button-link");
      a.setAttribute("href", n.page);
      panel.appendChild(a);
    }
    var incident = allEdges.get({ filter: function (e) { return e.to === id || e.from === id; } });
    incident.sort(function (a, b) { return a.id < b.id ? -1 : 1; });
    incident.forEach(function (e) {
      var other = allNodes.get(e.from === id ? e.to : e.from);
      var sec = el("section", null, "edge-block");
      var h = el("h3", (e.from === id ? "→ " : "← ") + (other.heading || other.label));
      h.title = e.heading;
      sec.appendChild(h);
      sec.appendChild(el("div", e.heading + (e.weight ? " · " + e.weight + " hoạt động" : ""), "edge-kind"));
      if (e.cites && e.cites.length) { sec.appendChild(occurrenceList(e.cites, describeCite)); }
      sec.addEventListener("click", function () { network.selectEdges([e.id]); });
      panel.appendChild(sec);
    });
    if (n.prov && n.prov.length) {
      panel.appendChild(el("h3", "Nguồn (provenance)"));
      panel.appendChild(occurrenceList(n.prov));
    }
  }

  function describeCite(o) {
    if (o.activity || o.title) { return [o.activity, o.title].filter(Boolean).join(" "); }
    return o.clause ? o.clause.replace(/_/g, " ") : "";
  }

  function showEdge(eid) {
    var e = allEdges.get(eid);
    clearPanel();
    var from = allNodes.get(e.from);
    var to = allNodes.get(e.to);
    panel.appendChild(el("h2", e.heading));
    panel.appendChild(el("p", (from.heading || from.label) + " → " + (to.heading || to.label), "edge-ends"));
    if (e.cites && e.cites.length) { panel.appendChild(occurrenceList(e.cites, describeCite)); }
  }

  // a fresh page: the list is empty until a click
  applyFilters();
})();
