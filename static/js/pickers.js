// Search pickers (sargs/core/pickers.py): htmx fetches the matches as the user types; this
// takes the chosen match into the form. Without it the typed name is resolved on the server.
// Keyboard: Down arrow from the text box to the matches, Up/Down between them, Escape back.
(function () {
  "use strict";

  function parts(element) {
    var box = element.closest("[data-picker]");
    if (!box) {
      return null;
    }
    return {
      box: box,
      text: box.querySelector("[data-picker-text]"),
      value: box.querySelector("[data-picker-value]"),
      chosen: box.querySelector("[data-picker-chosen]"),
      results: box.querySelector("[data-picker-results]"),
    };
  }

  function addChecked(p, id, label) {
    var existing = Array.prototype.find.call(
      p.chosen.querySelectorAll("input[type=checkbox]"),
      function (input) { return input.value === id; }
    );
    if (existing) {
      existing.checked = true;
      return;
    }
    var item = document.createElement("li");
    var wrap = document.createElement("label");
    var input = document.createElement("input");
    input.type = "checkbox";
    input.name = p.box.dataset.name;
    input.value = id;
    input.checked = true;
    wrap.appendChild(input);
    wrap.appendChild(document.createTextNode(" " + label));
    item.appendChild(wrap);
    p.chosen.appendChild(item);
  }

  function choose(button) {
    var p = parts(button);
    if (!p) {
      return;
    }
    var id = button.dataset.id;
    var label = button.dataset.label;
    if (p.box.dataset.picker === "multiple") {
      addChecked(p, id, label);
      p.text.value = "";
    } else {
      p.value.value = id;
      p.text.value = label;
    }
    // The results region is a live region: this line is announced.
    var said = document.createElement("p");
    said.className = "help";
    said.textContent = (p.box.dataset.chosenText ? p.box.dataset.chosenText + " " : "") + label;
    p.results.replaceChildren(said);
    p.text.focus();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-picker-choice]");
    if (button) {
      event.preventDefault();
      choose(button);
    }
  });

  // A single picker's id belongs to the name shown: typing again forgets it.
  document.addEventListener("input", function (event) {
    if (!event.target.matches || !event.target.matches("[data-picker-text]")) {
      return;
    }
    var p = parts(event.target);
    if (p && p.value) {
      p.value.value = "";
    }
  });

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (!target.closest) {
      return;
    }
    var p = parts(target);
    if (!p) {
      return;
    }
    var buttons = Array.prototype.slice.call(p.results.querySelectorAll("[data-picker-choice]"));
    var at = buttons.indexOf(target);
    if (event.key === "ArrowDown" && (target === p.text || at >= 0) && buttons.length) {
      event.preventDefault();
      buttons[Math.min(at + 1, buttons.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      (at === 0 ? p.text : buttons[at - 1]).focus();
    } else if (event.key === "Escape" && (target === p.text || at >= 0)) {
      p.results.replaceChildren();
      p.text.focus();
    }
  });
})();
