// Enhancements only: every page works without this file.
(function () {
  "use strict";
  // Quick exit: replace this page in the history, so "back" does not return here.
  document.querySelectorAll("[data-quick-exit]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      window.location.replace(link.href);
    });
  });
  // Pressing Escape three times quickly also leaves.
  var presses = [];
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var now = Date.now();
    presses = presses.filter(function (t) { return now - t < 1500; }).concat(now);
    if (presses.length >= 3) {
      var link = document.querySelector("[data-quick-exit]");
      if (link) window.location.replace(link.href);
    }
  });
  // A double tap on "send" sends once.
  document.querySelectorAll("form[data-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
    });
  });
  // How to contact someone matters only if they want to be contacted: hide those questions
  // while "stay anonymous" is chosen (without this script they are simply always shown).
  var wantsContact = document.querySelectorAll("input[name='wants_contact']");
  if (wantsContact.length) {
    var contactFields = ["contact_method", "contact_value", "contact_safe"]
      .map(function (name) { return document.getElementById("field-" + name); })
      .filter(Boolean);
    var showContactFields = function () {
      var chosen = document.querySelector("input[name='wants_contact']:checked");
      contactFields.forEach(function (field) { field.hidden = !(chosen && chosen.value === "yes"); });
    };
    wantsContact.forEach(function (input) { input.addEventListener("change", showContactFields); });
    showContactFields();
  }
  // Move focus to the error summary so screen readers announce it; its links then move
  // focus to the answer to fix (a plain "#id" link only scrolls), with its question in view.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var target = link && document.getElementById(link.getAttribute("href").slice(1));
      if (!target) return;
      event.preventDefault();
      (target.closest(".field") || target).scrollIntoView();
      target.focus({ preventScroll: true });
    });
  }
})();
