// The review page: facts ⇄ source lines. Text is only ever set with textContent: plan text stays text.
(function () {
  "use strict";
  const facts = Array.from(document.querySelectorAll(".fact"));
  const byLine = new Map();
  facts.forEach(function (f) {
    (f.dataset.lines || "").split(" ").filter(Boolean).forEach(function (n) {
      if (!byLine.has(n)) byLine.set(n, []);
      byLine.get(n).push(f);
    });
  });
  function clear() {
    document.querySelectorAll(".hl").forEach(function (e) { e.classList.remove("hl"); });
  }
  function lineOf(n) { return document.getElementById("L" + n); }
  facts.forEach(function (f) {
    f.querySelector(".fact-head").addEventListener("click", function () {
      clear();
      f.classList.add("hl");
      const ns = (f.dataset.lines || "").split(" ").filter(Boolean);
      ns.forEach(function (n) { const li = lineOf(n); if (li) li.classList.add("hl"); });
      const first = ns.length ? lineOf(ns[0]) : null;
      if (first) first.scrollIntoView({ block: "center" });
    });
    const copy = f.querySelector(".copy");
    const pre = f.querySelector("pre.yaml");
    if (copy && pre) {
      copy.addEventListener("click", function () {
        const done = function () { copy.textContent = "Đã chép (copied)"; };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(pre.textContent).then(done, function () { select(pre); });
        } else {
          select(pre);
        }
      });
    }
  });
  function select(el) {  // no clipboard from a file: page: the text is selected for Ctrl+C
    const r = document.createRange();
    r.selectNodeContents(el);
    const s = window.getSelection();
    s.removeAllRanges();
    s.addRange(r);
  }
  const panel = document.getElementById("line-facts");
  document.querySelectorAll("#source li").forEach(function (li) {
    li.addEventListener("click", function () {
      clear();
      li.classList.add("hl");
      const found = byLine.get(li.dataset.line) || [];
      found.forEach(function (f) { f.classList.add("hl"); });
      panel.textContent = "";
      const head = document.createElement("strong");
      head.textContent = "Dòng (line) " + li.dataset.line + ": " + found.length + " dữ kiện (facts)";
      panel.appendChild(head);
      const ul = document.createElement("ul");
      found.forEach(function (f) {
        const item = document.createElement("li");
        const a = document.createElement("a");
        a.href = "#" + f.id;
        a.textContent = f.querySelector(".fact-label").textContent + " " + f.querySelector(".fact-value").textContent;
        item.appendChild(a);
        ul.appendChild(item);
      });
      panel.appendChild(ul);
      if (found.length) found[0].scrollIntoView({ block: "nearest" });
    });
  });
})();
