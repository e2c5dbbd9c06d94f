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
  // A field marked data-shown-when="place=table,online" shows only while the form's "place" is one of those.
  function showDependentFields(form) {
    form.querySelectorAll("[data-shown-when]").forEach(function (input) {
      var rule = input.getAttribute("data-shown-when").split("=");
      var control = form.elements[rule[0]];
      var field = input.closest(".field") || input;
      field.hidden = control ? rule[1].split(",").indexOf(control.value) === -1 : false;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form").forEach(showDependentFields);
  });
  document.addEventListener("change", function (event) {
    if (event.target.form) showDependentFields(event.target.form);
  });
  // The agenda offline (see the service worker); a note says when a page is the copy kept on the device.
  function showOfflineNotes() {
    document.querySelectorAll("[data-offline-note]").forEach(function (note) {
      note.hidden = navigator.onLine;
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var worker = document.body.getAttribute("data-service-worker");
    if (worker && "serviceWorker" in navigator) navigator.serviceWorker.register(worker);
    showOfflineNotes();
  });
  window.addEventListener("online", showOfflineNotes);
  window.addEventListener("offline", showOfflineNotes);
  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches && target.matches("select[data-autosubmit]")) {
      target.form.requestSubmit ? target.form.requestSubmit() : target.form.submit();
    }
  });
})();
