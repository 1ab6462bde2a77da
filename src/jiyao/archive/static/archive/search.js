/* Search page: on a phone, fold the filters away unless one is set, so the results
 * come first. Without JavaScript (or on a wide screen) the filters stay open. */
(function () {
  "use strict";
  var box = document.querySelector("details.filter-box");
  if (!box || box.hasAttribute("data-active")) return;
  if (window.matchMedia && window.matchMedia("(max-width: 48rem)").matches) {
    box.removeAttribute("open");
  }
})();
