// Dates are typed as dd.mm.yyyy (sargs/core/widgets.py). Where the browser has a calendar,
// a small one is put beside each date box: choosing a day writes it in dd.mm.yyyy, and a
// typed date moves the calendar along. The calendar has no name, so it is never sent.
//
// Every form also leaves checking to the page: the browser's own messages (in the browser's
// language, gone when the field is left) are replaced by the server's, which say in the
// page's language what to fix.
(function () {
  "use strict";

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function toIso(text) {
    var m = /^\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*$/.exec(text);
    if (m) {
      return m[3] + "-" + pad(+m[2]) + "-" + pad(+m[1]);
    }
    return /^\d{4}-\d{2}-\d{2}$/.test(text.trim()) ? text.trim() : "";
  }

  function fromIso(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return m ? m[3] + "." + m[2] + "." + m[1] : "";
  }

  function enhance(input) {
    if (input.dataset.dateEnhanced) {
      return;
    }
    input.dataset.dateEnhanced = "true";
    var picker = document.createElement("input");
    picker.type = "date";
    if (picker.type !== "date") {
      return; // no calendar in this browser: typing is enough
    }
    picker.className = "date-picker";
    picker.tabIndex = -1;
    picker.setAttribute("aria-label", input.dataset.pickerLabel || "");
    picker.value = toIso(input.value);
    picker.addEventListener("change", function () {
      input.value = fromIso(picker.value);
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    input.addEventListener("input", function () {
      picker.value = toIso(input.value);
    });
    var wrap = document.createElement("span");
    wrap.className = "date-field";
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(input);
    wrap.appendChild(picker);
  }

  function run(root) {
    root.querySelectorAll("input[data-date-input]").forEach(enhance);
    root.querySelectorAll("form").forEach(function (form) {
      form.noValidate = true;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    run(document);
  });
  // Fragments htmx swaps in get the same.
  document.addEventListener("htmx:afterSwap", function (event) {
    run(event.target);
  });
})();
