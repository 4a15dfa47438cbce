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
  var picker = document.getElementById("province-pick");
  // the agencies that lead most keep labels of LABEL_PX on screen however far out the view is
  var LABEL_PX = data.labelPx || 12;
  var LABEL_KEEP = data.labelKeep || 0; // the agencies that lead most: enlarged even where they overlap
  var GROUP_PX = 15; // province names on screen, as long as their band in the layout has room
  var GROUP_CAP = data.groupCap || 60; // canvas units: the band the layout kept above each group (viz/layout.py)
  var baseFont = ((data.options.nodes || {}).font || {}).size || 14;
  var NODE_FONT = ((data.options.nodes || {}).font || {}).face || "sans-serif";
  var prominent = allNodes.get({ filter: function (n) { return n.prominent; } })
    .sort(function (a, b) { return (b.led || 0) - (a.led || 0) || (a.id < b.id ? -1 : 1); })
    .map(function (n) { return n.id; });

  window.network = network;
  window.cancu = { ready: false, allNodes: allNodes, allEdges: allEdges, select: select, applyFilters: applyFilters,
                   groupBoxes: function () { return groupBoxes(); } };

  // ------------------------------------------------------------ ready: positions are final (physics off)
  setTimeout(function () {
    computeGroupLabels();
    fitView();
    fromHash();
    window.cancu.ready = true;
    document.body.setAttribute("data-ready", "1"); // what tests and scripts wait for
  }, 0);
  network.on("dragEnd", function () { computeGroupLabels(); });
  network.on("zoom", function () { sizeLabels(); });
  network.on("animationFinished", function () { sizeLabels(); }); // after focus() on a selected node

  // ------------------------------------------------------------ fitting the view, label sizes
  // prominent labels at LABEL_PX on screen; where two would overlap, the one that leads less moves
  // below or above its node to the first free slot (vis' per-node vadjust); past the first LABEL_KEEP,
  // a label with no free slot goes back to its usual size (shown when zoomed in)
  function sizeLabels() {
    if (!prominent.length) { return; }
    var size = Math.max(baseFont, LABEL_PX / network.getScale());
    var font = { size: size, strokeWidth: Math.max(4, size / 4), vadjust: 0 };
    allNodes.update(prominent.map(function (id) { return { id: id, font: font }; }));
    network.redraw(); // vis measures the labels as it draws them: where each sits before it is moved
    var kept = groupBoxes();
    allNodes.update(prominent.map(function (id, rank) {
      var drawn = network.body.nodes[id]; // only the nodes shown are in vis' body
      if (!drawn || !visibleNodes.has(id) || !drawn.labelModule.size.width) { return { id: id, font: font }; }
      var label = drawn.labelModule.size;
      var p = network.getPositions([id])[id];
      var r = allNodes.get(id).size || 10;
      var h = label.height * 1.15; // a line and a little: stacked labels must not touch
      var gap = h / 2; // side by side, two labels need a space between them to read as two
      var above = p.y - r - 3 - h - label.top; // the shift that puts the label right above its node
      // farther than a line or two from its node, a label names the wrong one: it waits for the zoom
      var shifts = [0, h, above, 2 * h, above - h];
      for (var i = 0; i < shifts.length; i++) {
        var b = { l: label.left - gap, r: label.left + label.width + gap, t: label.top + shifts[i],
                  b: label.top + shifts[i] + h };
        if (!kept.some(function (k) { return k.l < b.r && b.l < k.r && k.t < b.b && b.t < k.b; })) {
          kept.push(b);
          return { id: id, font: { size: size, strokeWidth: font.strokeWidth, vadjust: shifts[i] } };
        }
      }
      if (rank < LABEL_KEEP) { return { id: id, font: font }; }
      return { id: id, font: { size: baseFont, strokeWidth: 4, vadjust: 0 } };
    }));
  }

  function groupBoxes() {
    var ctx = container.querySelector("canvas").getContext("2d");
    var px = groupPx();
    ctx.save();
    ctx.font = "600 " + px + "px " + GROUP_FONT;
    var boxes = groupLabels.filter(function (g) {
      return g.members.some(function (id) { return visibleNodes.has(id); });
    }).map(function (g) {
      var half = ctx.measureText(g.label).width / 2;
      var y = groupLabelY(g, px);
      return { l: g.x - half, r: g.x + half, t: y - px, b: y + px / 4 };
    });
    ctx.restore();
    return boxes;
  }

  function groupPx() { return Math.min(GROUP_PX / Math.max(network.getScale(), 0.01), GROUP_CAP); }

  // what is shown, in canvas units: every visible node with its label, and the names of the groups
  function contentBox() {
    var box = null;
    function add(l, t, r, b) {
      if (!box) { box = { left: l, top: t, right: r, bottom: b }; return; }
      box.left = Math.min(box.left, l); box.top = Math.min(box.top, t);
      box.right = Math.max(box.right, r); box.bottom = Math.max(box.bottom, b);
    }
    visibleNodes.forEach(function (id) {
      var b = network.getBoundingBox(id);
      if (b) { add(b.left, b.top, b.right, b.bottom); }
    });
    groupBoxes().forEach(function (b) { add(b.l, b.t, b.r, b.b); });
    return box;
  }

  // like network.fit, but with the labels as drawn and the group names inside the view too; the
  // prominent labels grow as the view zooms out, so fit, size them, and fit again
  function fitView() {
    var w = container.clientWidth, h = container.clientHeight;
    var hint = container.parentNode.querySelector(".hint"); // written over the canvas's foot: keep clear of it
    var foot = hint ? hint.offsetHeight + 6 : 0;
    for (var i = 0; i < 5; i++) {
      if (i < 4) { sizeLabels(); }
      network.redraw(); // bounding boxes follow the labels' new sizes
      var box = contentBox();
      if (!box || !w || !h) { return; }
      var scale = Math.min(w / Math.max(box.right - box.left, 1), (h - foot) / Math.max(box.bottom - box.top, 1)) * 0.96;
      network.moveTo({ position: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 + foot / 2 / scale },
                       scale: scale, animation: false });
    }
  }

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
    var px = groupPx(); // the same size on screen at any zoom, within the band kept for it
    ctx.font = "600 " + px + "px " + GROUP_FONT;
    ctx.textAlign = "center";
    ctx.textBaseline = "alphabetic"; // vis leaves its own behind; groupBoxes measures from this one
    ctx.lineWidth = px / 3;
    ctx.strokeStyle = "rgba(255,255,255,0.9)";
    ctx.fillStyle = "rgba(52,73,94,0.75)";
    groupLabels.forEach(function (g) {
      if (!g.members.some(function (id) { return visibleNodes.has(id); })) { return; }
      var y = groupLabelY(g, px);
      ctx.strokeText(g.label, g.x, y);
      ctx.fillText(g.label, g.x, y);
    });
    ctx.restore();
  });

  var GROUP_FONT = "system-ui, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";
  function groupLabelY(g, px) {
    return g.below ? g.y + 58 + px : g.y - 45; // clear of the nodes and of their own labels
  }

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

  if (picker) {
    picker.addEventListener("change", function () {
      applyFilters();
      fitView();
    });
  }

  function resetFilters() {
    if (picker) { picker.value = ""; }
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
    var picked = picker ? picker.value : "";
    var candidates = new Set(allNodes.get({ filter: function (n) {
      return passes(n, false) && (!picked || n.home === undefined || n.home === picked);
    } })
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
        if (!exact.has(k)) { exact.set(k, []); }
        if (exact.get(k).indexOf(n.id) < 0) { exact.get(k).push(n.id); }
        entries.push({ key: k, id: n.id, rank: i });
      });
      if (n.search && n.search.length) {
        var opt = document.createElement("option");
        opt.value = n.search[0];
        if (n.home) { opt.label = n.home; } // several provinces have a Sở Nội vụ: say whose
        list.appendChild(opt);
      }
    });
    return { exact: exact, entries: entries };
  }

  // every node the best matching term names: one name can be an agency of several provinces
  function find(query) {
    var q = norm(query);
    if (!q) { return []; }
    if (searchIndex.exact.has(q)) { return searchIndex.exact.get(q); }
    var best = null;
    searchIndex.entries.forEach(function (e) {
      var at = e.key.indexOf(q);
      if (at < 0) { return; }
      var score = (at === 0 ? 0 : 10) + e.rank;
      if (!best || score < best.score) { best = { score: score, key: e.key }; }
    });
    return best ? searchIndex.exact.get(best.key) : [];
  }

  var searchBox = document.getElementById("search");
  var searchMsg = document.getElementById("search-msg");
  var searchChoices = document.getElementById("search-choices");
  searchBox.addEventListener("input", function () {
    var ids = searchIndex.exact.get(norm(searchBox.value));
    if (ids) { choose(ids); }
  });
  document.getElementById("search-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var ids = find(searchBox.value);
    if (!ids.length) {
      clearChoices();
      searchMsg.textContent = "Không tìm thấy (not found)";
      return;
    }
    choose(ids);
  });

  // the match in the province being looked at, else the first; and, when the name is in several
  // provinces, which ones, each a button that shows that province's
  function choose(ids) {
    var picked = picker ? picker.value : "";
    var here = ids.filter(function (id) { return allNodes.get(id).home === picked; });
    select((here.length ? here : ids)[0]);
    clearChoices();
    var homes = ids.map(function (id) { return allNodes.get(id).home; }).filter(Boolean);
    if (new Set(homes).size < 2) { return; }
    searchChoices.appendChild(el("p", "Có ở " + homes.length + " tỉnh (in " + homes.length + " provinces): " +
                                 homes.join(", "), "note"));
    ids.forEach(function (id) {
      var b = el("button", allNodes.get(id).home);
      b.type = "button";
      b.setAttribute("data-node", id);
      b.addEventListener("click", function () {
        if (picker && picker.value && picker.value !== allNodes.get(id).home) { resetFilters(); applyFilters(); }
        select(id);
      });
      searchChoices.appendChild(b);
    });
  }
  function clearChoices() {
    while (searchChoices && searchChoices.firstChild) { searchChoices.removeChild(searchChoices.firstChild); }
  }

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
