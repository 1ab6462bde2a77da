// Topic form: when the kind changes, open and mark the checks that kind requires.
(function () {
  var box = document.getElementById("checks");
  var kind = document.querySelector("select[name=kind]");
  if (!box || !kind) return;
  var rules = JSON.parse(box.getAttribute("data-rules") || "{}");
  function mark() {
    var needed = rules[kind.value] || [];
    box.querySelectorAll("details[data-check]").forEach(function (d) {
      var code = d.getAttribute("data-check");
      var tag = d.querySelector(".needed-now");
      var on = needed.indexOf(code) >= 0;
      if (tag) tag.hidden = !on;
      if (on) d.open = true;
    });
  }
  kind.addEventListener("change", mark);
  mark();
})();
