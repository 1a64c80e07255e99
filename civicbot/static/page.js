/* The public pages' one behaviour of their own. On phones the page scrolls in its own box above the
 * strip kept for the chat launcher (style.css). Browsers send Page Down, Space and the arrow keys to
 * the document when nothing has focus yet, and the document no longer scrolls: the first such key
 * gives the page's box the focus (tabindex=-1, no outline), so it and every later key scroll it.
 */
(function () {
  "use strict";

  var page = document.querySelector("body.with-launcher > .page");
  if (!page) return;
  var SCROLL_KEYS = { PageDown: 1, PageUp: 1, " ": 1, ArrowDown: 1, ArrowUp: 1, Home: 1, End: 1 };

  document.addEventListener("keydown", function (event) {
    if (!SCROLL_KEYS[event.key] || event.altKey || event.ctrlKey || event.metaKey) return;
    var active = document.activeElement;
    if (active && active !== document.body && active !== document.documentElement) return;
    if (window.getComputedStyle(page).overflowY === "visible") return; // wide screens: the document scrolls
    page.focus({ preventScroll: true });
  });
})();
