// Enhancements only: every page works without this file.
(function () {
  "use strict";
  var exitLink = document.querySelector("[data-quick-exit]");

  // Quick exit: hide the page at once, then leave through our exit address (it ends the draft
  // and the follow-up on the server) with this page replaced in the history.
  function leave() {
    document.body.hidden = true;
    window.location.replace(exitLink.href);
  }
  if (exitLink) {
    exitLink.addEventListener("click", function (event) {
      event.preventDefault();
      leave();
    });
    // Pressing Escape three times quickly also leaves.
    var presses = [];
    document.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      var now = Date.now();
      presses = presses.filter(function (t) { return now - t < 1500; }).concat(now);
      if (presses.length >= 3) leave();
    });
  }
  // A page brought back from the back/forward cache is asked from the server again, which
  // shows nothing of a report once its visit has ended.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) window.location.reload();
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

  // Large pictures are made smaller before they are sent: a phone photo of 4 MB becomes a JPEG
  // of a few hundred KB, at most 2048 px on its longer side. The server takes the SHA-256 of what
  // arrives, so the fingerprint is that of the smaller copy (docs/portal.md, "Pictures").
  var MAX_SIDE = 2048;
  var MAX_BYTES = 1500 * 1024;
  var QUALITY = 0.85;

  function smaller(file) {
    // GIF may move, HEIC often cannot be drawn here: they go as they are, as does anything else.
    if (!/^image\/(jpeg|png|webp)$/.test(file.type)) return Promise.resolve(file);
    return createImageBitmap(file).then(function (bitmap) {
      var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
      if (scale === 1 && file.size <= MAX_BYTES) return file;
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(bitmap.width * scale);
      canvas.height = Math.round(bitmap.height * scale);
      var context = canvas.getContext("2d");
      context.fillStyle = "#ffffff";  // a transparent screenshot gets a white background, not black
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
      return new Promise(function (resolve) {
        canvas.toBlob(function (blob) {
          if (!blob || blob.size >= file.size) { resolve(file); return; }
          var name = file.name.replace(/\.[^.]*$/, "") + ".jpg";
          resolve(new File([blob], name, { type: "image/jpeg", lastModified: file.lastModified }));
        }, "image/jpeg", QUALITY);
      });
    }).catch(function () { return file; });
  }

  document.querySelectorAll("input[type='file'][data-shrink-images]").forEach(function (input) {
    if (!window.DataTransfer || !window.createImageBitmap || !HTMLCanvasElement.prototype.toBlob) return;
    var form = input.form;
    var pending = null;
    input.addEventListener("change", function () {
      var chosen = Array.prototype.slice.call(input.files);
      form.dataset.shrinking = "1";
      pending = Promise.all(chosen.map(smaller)).then(function (files) {
        var transfer = new DataTransfer();
        files.forEach(function (file) { transfer.items.add(file); });
        input.files = transfer.files;
      }).catch(function () { /* the files go as they were chosen */ }).then(function () {
        delete form.dataset.shrinking;
      });
    });
    // Sending before the pictures are ready waits for them, then sends with the same button.
    form.addEventListener("submit", function (event) {
      if (!form.dataset.shrinking || !pending) return;
      event.preventDefault();
      var button = event.submitter;
      pending.then(function () {
        if (form.requestSubmit) form.requestSubmit(button); else form.submit();
      });
    });
  });

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
