// The queries page: binds each form's values into its saved query as a VALUES block of escaped
// literals, asks the SPARQL endpoint beside the pages (cancu serve), shows the answer as a sortable
// table (textContent only: nothing from a value is parsed as markup) with a CSV download.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("queries-data").textContent);
  var XSD = "http://www.w3.org/2001/XMLSchema#";
  var DATATYPES = { integer: "integer", decimal: "decimal", boolean: "boolean", date: "date" };
  var CHECKS = {
    integer: /^[+-]?\d+$/, decimal: /^[+-]?(\d+\.?\d*|\.\d+)$/, boolean: /^(true|false)$/,
    date: /^\d{4}-\d{2}-\d{2}$/
  };
  var NUMERIC = /#(integer|decimal|double|float|int|long)$/;
  var offline = location.protocol === "file:";
  var byName = {};
  data.queries.forEach(function (q) { byName[q.name] = q; });

  // a string as a SPARQL literal: quotes, backslashes and line breaks escaped, so it stays one term
  function quoted(value) {
    return '"' + value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")
      .replace(/\r/g, "\\r").replace(/\t/g, "\\t") + '"';
  }

  function term(value, type) {
    if (type === "string") return quoted(value);
    if (type === "text" || type === "province") return quoted(value) + "@vi";  // as queries/run.py binds them
    if (type === "iri") {
      if (/[\s<>"{}|\\^`]/.test(value)) throw new Error("not an IRI: " + value);
      return "<" + value + ">";
    }
    if (!CHECKS[type].test(value.trim())) throw new Error("not a" + (type === "integer" ? "n " : " ") + type + ": " + value);
    return quoted(value.trim()) + "^^<" + XSD + DATATYPES[type] + ">";
  }

  function bound(q, form) {
    if (!q.params.length) return q.head + q.tail;
    var names = [], terms = [];
    q.params.forEach(function (p) {
      var field = form.elements[p.name];
      var value = field.value;  // required, as on the command line: the example is a placeholder, not a default
      if (value.trim() === "") throw new Error(p.name + " needs a value (e.g. " + p.example + ")");
      names.push("?" + p.name);
      terms.push(term(value, p.type));
    });
    return q.head + "\n  VALUES (" + names.join(" ") + ") { (" + terms.join(" ") + ") }\n" + q.tail;
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function csv(columns, rows) {
    var cell = function (v) { return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v; };
    return [columns.map(cell).join(",")].concat(rows.map(function (r) {
      return r.map(function (t) { return cell(t ? t.value : ""); }).join(",");
    })).join("\r\n") + "\r\n";
  }

  function compare(a, b) {
    if (!a || !b) return a ? 1 : b ? -1 : 0;
    if (NUMERIC.test(a.datatype || "") && NUMERIC.test(b.datatype || "")) return Number(a.value) - Number(b.value);
    return a.value.localeCompare(b.value, "vi");
  }

  function show(box, name, text, result) {
    var columns = result.head.vars;
    var rows = result.results.bindings.map(function (b) { return columns.map(function (c) { return b[c]; }); });
    box.replaceChildren();
    box.appendChild(el("p", rows.length + " dòng (rows)", "count"));
    var table = el("table", undefined, "answer");
    table.dataset.rows = String(rows.length);
    var head = el("tr"), body = el("tbody"), order = { col: -1, dir: 1 };
    function fill() {
      body.replaceChildren();
      rows.forEach(function (r) {
        var tr = el("tr");
        r.forEach(function (t) { tr.appendChild(el("td", t ? t.value : "")); });
        body.appendChild(tr);
      });
    }
    columns.forEach(function (c, i) {
      var th = el("th"), button = el("button", c, "sort");
      button.type = "button";
      button.title = "Sắp xếp (sort)";
      button.addEventListener("click", function () {
        order.dir = order.col === i ? -order.dir : 1;
        order.col = i;
        rows.sort(function (x, y) { return order.dir * compare(x[i], y[i]); });
        head.querySelectorAll("th").forEach(function (h, j) {
          h.setAttribute("aria-sort", j === i ? (order.dir > 0 ? "ascending" : "descending") : "none");
        });
        fill();
      });
      th.appendChild(button);
      head.appendChild(th);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    table.appendChild(body);
    fill();
    var download = el("a", "Tải CSV (download CSV)", "csv");
    download.download = (name || "sparql") + ".csv";
    download.addEventListener("click", function () {
      download.href = URL.createObjectURL(new Blob(["\ufeff" + csv(columns, rows)], { type: "text/csv" }));
    });
    box.appendChild(download);
    box.appendChild(table);
    var sent = el("details", undefined, "sent");
    sent.appendChild(el("summary", "Truy vấn đã gửi (the query sent)"));
    sent.appendChild(el("pre", text));
    box.appendChild(sent);
  }

  function fail(box, message) {
    box.replaceChildren(el("p", message, "msg warn"));
  }

  function run(form, box, name) {
    var text;
    try {
      text = name ? bound(byName[name], form) : form.elements.sparql.value;
    } catch (e) {
      fail(box, e.message);
      return;
    }
    box.replaceChildren(el("p", "Đang chạy… (running)", "muted"));
    fetch(data.endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json" },
      body: new URLSearchParams({ query: text })
    }).then(function (resp) {
      if (!resp.ok) return resp.text().then(function (t) { throw new Error(resp.status + ": " + t.slice(0, 500)); });
      return resp.json();
    }).then(function (result) {
      if (!result.head) throw new Error("the endpoint answered no table (only SELECT queries are shown)");
      show(box, name, text, result);
    }).catch(function (e) { fail(box, "Lỗi (error) " + e.message); });
  }

  if (offline) document.getElementById("offline").hidden = false;
  document.querySelectorAll("section.query").forEach(function (section) {
    var form = section.querySelector("form"), box = section.querySelector(".result");
    if (offline) form.querySelector("button[type=submit]").disabled = true;
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      if (!offline) run(form, box, section.dataset.query);
    });
  });
  document.body.dataset.ready = "1";
}());
