/* Meeting page: choosing a fact highlights where it came from in the source text.
 *
 * Every fact on the record side is a link `.fact` with `data-span="start,end"`
 * (character offsets into the normalized text, as the parser gave them) and an href
 * `?hl=<path>#hl` that the server also understands, so the page works without
 * JavaScript. Here a click, Enter or keyboard focus highlights at once: the text node
 * of #source is rebuilt as before + <mark class="hl"> + after (textContent only, so
 * the source stays inert text), and the pane scrolls the mark into view. Escape clears.
 */
(function () {
  "use strict";
  var source = document.getElementById("source");
  if (!source) return;
  var pane = source.closest(".source-pane") || source.parentElement;
  var original = source.textContent;

  // The parser counts code points; JavaScript strings count UTF-16 units. Map once
  // when the text holds characters outside the BMP (rare names such as 𠮷).
  var toUnit = null;
  if (/[\uD800-\uDFFF]/.test(original)) {
    toUnit = [];
    var u = 0;
    for (var ch of original) { toUnit.push(u); u += ch.length; }
    toUnit.push(u);
  }
  function unit(i) {
    if (!toUnit) return i;
    return toUnit[Math.min(Math.max(i, 0), toUnit.length - 1)];
  }

  var active = null;

  // On a phone the source is a bottom sheet: folded to its title bar until a fact is
  // chosen (or its button pressed), so that it hides neither the record nor the focus.
  var root = document.documentElement;
  var toggle = pane.querySelector(".sheet-toggle");
  var narrow = window.matchMedia ? window.matchMedia("(max-width: 48rem)") : null;
  function isNarrow() { return !!(narrow && narrow.matches); }
  function setOpen(open) {
    pane.classList.toggle("folded", !open);
    root.classList.toggle("sheet-open", open && isNarrow());
    if (toggle) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.textContent = open ? "收起原文" : "展开原文";
    }
  }
  function layout() {
    var sheet = isNarrow();
    root.classList.toggle("has-sheet", sheet);
    if (toggle) toggle.hidden = !sheet;
    setOpen(!sheet);
  }
  layout();
  if (narrow && narrow.addEventListener) narrow.addEventListener("change", layout);
  if (toggle) {
    toggle.addEventListener("click", function () {
      setOpen(pane.classList.contains("folded"));
    });
  }

  function setActive(fact) {
    if (active && active !== fact) {
      active.classList.remove("active");
      active.removeAttribute("aria-current");
    }
    active = fact;
    if (fact) {
      fact.classList.add("active");
      fact.setAttribute("aria-current", "true");
    }
  }

  function clear() {
    source.textContent = original;
    setActive(null);
  }

  function highlight(fact, scroll) {
    var parts = (fact.getAttribute("data-span") || "").split(",");
    if (parts.length !== 2) return false;
    var start = unit(parseInt(parts[0], 10));
    var end = unit(parseInt(parts[1], 10));
    if (!(start >= 0 && start <= end && end <= original.length)) return false;
    var mark = document.createElement("mark");
    mark.className = "hl";
    mark.id = "hl";
    mark.textContent = original.slice(start, end);
    source.textContent = "";
    source.append(original.slice(0, start), mark, original.slice(end));
    setActive(fact);
    if (scroll !== false) {
      var top = mark.offsetTop - pane.clientHeight / 3;
      if (pane.scrollHeight > pane.clientHeight) {
        pane.scrollTo({ top: Math.max(top, 0), behavior: "smooth" });
      } else {
        mark.scrollIntoView({ block: "nearest", behavior: "smooth" });
      }
    }
    var live = document.getElementById("hl-status");
    if (live) live.textContent = "已在原文中标出：" + mark.textContent;
    return true;
  }

  document.addEventListener("click", function (event) {
    var fact = event.target.closest && event.target.closest(".fact[data-span]");
    if (!fact) return;
    event.preventDefault();
    if (pane.classList.contains("folded")) {
      setOpen(true);
      fact.scrollIntoView({ block: "nearest" });
    }
    if (highlight(fact)) {
      var path = fact.getAttribute("data-path");
      if (path && window.history && history.replaceState) {
        var url = new URL(window.location.href);
        url.searchParams.set("hl", path);
        url.hash = "";
        history.replaceState(null, "", url);
      }
    }
  });

  document.addEventListener("focusin", function (event) {
    var fact = event.target.closest && event.target.closest(".fact[data-span]");
    if (fact && fact !== active) highlight(fact);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && active) clear();
  });

  // A link with ?hl=path (shared, or the server's no-JS rendering): sync the state.
  var wanted = new URL(window.location.href).searchParams.get("hl");
  if (wanted) {
    var facts = document.querySelectorAll(".fact[data-span]");
    for (var i = 0; i < facts.length; i++) {
      if (facts[i].getAttribute("data-path") === wanted) {
        setOpen(true);
        highlight(facts[i]);
        break;
      }
    }
  }
})();
