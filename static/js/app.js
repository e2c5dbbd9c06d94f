// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  // Phone menu: the navigation shows in full without JavaScript; with it, a button folds it away.
  document.addEventListener("DOMContentLoaded", function () {
    var toggle = document.querySelector(".nav-toggle");
    if (!toggle) return;
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var header = toggle.closest(".site-header");
      var open = header.classList.toggle("nav-open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  });
  // On a phone the results come first: fold the filters away unless one is in use.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("details[data-fold-on-phone]").forEach(function (panel) {
      if (window.matchMedia("(max-width: 899px)").matches && !panel.querySelector("input:checked")) {
        panel.open = false;
      }
    });
  });
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]")) {
      target.form.requestSubmit ? target.form.requestSubmit() : target.form.submit();
    }
  });
})();
