// Sargs' own script (no inline script: the Content-Security-Policy forbids it).
//
// A form that changes something is sent once: after the first submit its buttons are
// disabled and further submits ignored, so a double click never sends it twice. The server
// refuses a second use of the form's one-time token anyway (sargs/core/forms.py); this only
// spares the user the round trip. Forms htmx sends itself are left to htmx.
(function () {
  "use strict";

  function buttons(form) {
    return form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || (form.method || "").toLowerCase() !== "post") {
      return;
    }
    if (form.hasAttribute("hx-post") || form.hasAttribute("data-hx-post")) {
      return;
    }
    if (form.dataset.sent === "true") {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "true";
    // Disabled only after this event, so the clicked button's name and value are still sent.
    window.setTimeout(function () {
      buttons(form).forEach(function (button) {
        button.disabled = true;
        button.setAttribute("aria-disabled", "true");
      });
    }, 0);
    // A form that answers with a download leaves the page in place: usable again after a while.
    window.setTimeout(function () {
      enable(form);
    }, 8000);
  });

  function enable(form) {
    delete form.dataset.sent;
    buttons(form).forEach(function (button) {
      button.disabled = false;
      button.removeAttribute("aria-disabled");
    });
  }

  // Back to a page kept in the browser's memory: its forms may be used again (a second use of
  // the same token is still caught by the server).
  window.addEventListener("pageshow", function (event) {
    if (!event.persisted) {
      return;
    }
    document.querySelectorAll("form[data-sent]").forEach(enable);
  });
})();
