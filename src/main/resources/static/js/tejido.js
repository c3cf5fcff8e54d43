// Forms sent by htmx keep what was typed when the request fails: on a lost connection or an error
// answer htmx leaves the page as it is, and this says why in the page's language, next to the
// button, instead of seeming to do nothing. Nothing is stored on the device.
(function () {
  "use strict";

  function message(name) {
    var meta = document.querySelector('meta[name="tejido-' + name + '"]');
    return meta ? meta.getAttribute("content") : "";
  }

  function formOf(evt) {
    var elt = evt.detail && evt.detail.elt;
    return elt && elt.closest ? elt.closest("form") : null;
  }

  function show(form, text) {
    var notice = form.querySelector(".send-failed");
    if (!notice) {
      notice = document.createElement("p");
      notice.className = "notice error send-failed";
      notice.setAttribute("role", "alert");
      var button = form.querySelector('button[type="submit"], button:not([type])');
      if (button && button.parentNode) {
        button.parentNode.insertBefore(notice, button);
      } else {
        form.appendChild(notice);
      }
    }
    notice.textContent = text + " " + message("kept");
  }

  // What Tejido's error page says (a file too large, an expired form), in the person's language.
  function detailOf(xhr) {
    try {
      var page = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
      var detail = page.querySelector(".error-detail");
      return detail ? detail.textContent.trim() : "";
    } catch (e) {
      return "";
    }
  }

  document.addEventListener("htmx:beforeRequest", function (evt) {
    var form = formOf(evt);
    var notice = form && form.querySelector(".send-failed");
    if (notice) {
      notice.remove();
    }
  });
  document.addEventListener("htmx:sendError", function (evt) {
    var form = formOf(evt);
    if (form) {
      show(form, message("offline"));
    }
  });
  document.addEventListener("htmx:responseError", function (evt) {
    var form = formOf(evt);
    if (form) {
      var xhr = evt.detail.xhr;
      var detail = xhr && xhr.status < 500 ? detailOf(xhr) : "";
      show(form, detail || message("server-error"));
    }
  });
})();

// A button marked data-print prints the page (the recovery key's page prints as the key alone).
// It is hidden in the HTML, and shown here, where it can work.
document.querySelectorAll("[data-print][hidden]").forEach(function (button) {
  "use strict";
  button.hidden = false;
});
document.addEventListener("click", function (evt) {
  "use strict";
  var button = evt.target && evt.target.closest ? evt.target.closest("[data-print]") : null;
  if (button) {
    window.print();
  }
});

// Reviewing a de-identification: text selected in the source's words fills the "add a term" field,
// so a name nobody proposed is added where it was read. Without JavaScript the field is typed in.
(function () {
  "use strict";
  var pending = null;

  // The words selected, without the proposal numbers and the screen-reader notes around marks.
  function selectedWords(selection, source) {
    var range = selection.getRangeAt(0);
    if (!source.contains(range.commonAncestorContainer)) {
      return "";
    }
    var copy = range.cloneContents();
    copy.querySelectorAll(".ref, .visually-hidden, .proposals-list").forEach(function (e) {
      e.remove();
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  document.addEventListener("selectionchange", function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      var source = document.querySelector("[data-term-source]");
      var term = document.getElementById("term");
      var selection = window.getSelection();
      if (!source || !term || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
        return;
      }
      var words = selectedWords(selection, source);
      if (words.length >= 2 && words.length <= 200) {
        term.value = words;
      }
    }, 150);
  });
})();

// "Cancel" inside a confirmation closes it and returns focus to what opened it. Without JavaScript
// the button stays hidden and the disclosure's own summary closes it.
(function () {
  "use strict";
  function ready() {
    document.querySelectorAll("details.confirm .confirm-cancel").forEach(function (b) {
      b.hidden = false;
    });
  }
  document.addEventListener("DOMContentLoaded", ready);
  document.addEventListener("htmx:afterSettle", ready);
  document.addEventListener("click", function (evt) {
    var button = evt.target.closest ? evt.target.closest(".confirm-cancel") : null;
    var details = button ? button.closest("details") : null;
    if (details) {
      details.open = false;
      details.querySelector("summary").focus();
    }
  });
})();

// A long list of checkboxes (who was present) gets a filter: typing part of a code or a group hides
// the others; ticks are never changed, hidden or not, and are sent with the form. Without
// JavaScript the filter stays hidden and the whole list is shown.
(function () {
  "use strict";

  function normal(text) {
    return (text || "").toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "").trim();
  }

  function update(picker) {
    var input = picker.querySelector("[data-picker-filter]");
    var query = normal(input ? input.value : "");
    var items = picker.querySelectorAll("[data-search]");
    var shown = 0;
    var ticked = 0;
    items.forEach(function (item) {
      var box = item.querySelector("input[type=checkbox]");
      var match = query === "" || normal(item.getAttribute("data-search")).indexOf(query) !== -1;
      item.classList.toggle("filtered-out", !match);
      if (match) {
        shown++;
      }
      if (box && box.checked) {
        ticked++;
      }
    });
    var status = picker.querySelector("[data-picker-status]");
    if (status) {
      status.textContent = (picker.getAttribute("data-picker-count") || "")
        .replace("{0}", shown)
        .replace("{1}", items.length)
        .replace("{2}", ticked);
    }
  }

  function ready() {
    document.querySelectorAll("[data-picker]").forEach(function (picker) {
      var filter = picker.querySelector(".picker-filter");
      if (filter) {
        filter.hidden = false;
      }
      update(picker);
    });
  }

  document.addEventListener("DOMContentLoaded", ready);
  document.addEventListener("htmx:afterSettle", ready);
  document.addEventListener("input", function (evt) {
    var picker = evt.target.closest ? evt.target.closest("[data-picker]") : null;
    if (picker) {
      update(picker);
    }
  });
  document.addEventListener("change", function (evt) {
    var picker = evt.target.closest ? evt.target.closest("[data-picker]") : null;
    if (picker) {
      update(picker);
    }
  });
  // Enter in the filter must not send the form half filled in.
  document.addEventListener("keydown", function (evt) {
    if (evt.key === "Enter" && evt.target.matches && evt.target.matches("[data-picker-filter]")) {
      evt.preventDefault();
    }
  });
})();
// Enter in a field marked data-enter-presses="ID" presses that button (the review page's term
// field adds its term), where the form's own default would press another, or nothing.
document.addEventListener("keydown", function (evt) {
  "use strict";
  var field = evt.target;
  if (evt.key !== "Enter" || evt.isComposing || !field || !field.getAttribute) {
    return;
  }
  var id = field.getAttribute("data-enter-presses");
  var button = id ? document.getElementById(id) : null;
  if (button) {
    evt.preventDefault();
    button.click();
  }
});

// The header's menu closes when the person taps or clicks outside it, or presses Escape.
(function () {
  "use strict";
  function close(except) {
    document.querySelectorAll("details.nav-menu[open]").forEach(function (menu) {
      if (!except || !menu.contains(except)) {
        menu.open = false;
      }
    });
  }
  document.addEventListener("click", function (evt) {
    close(evt.target);
  });
  document.addEventListener("keydown", function (evt) {
    var menu = evt.key === "Escape" ? document.querySelector("details.nav-menu[open]") : null;
    if (menu && getComputedStyle(menu.querySelector("summary")).display !== "none") {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });
})();

// On a phone the site's sections scroll sideways in one row: the current one is brought into it.
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var row = document.querySelector(".site-menu ul");
  var current = row && row.querySelector("a[aria-current]");
  if (current && row.scrollWidth > row.clientWidth) {
    var item = current.parentNode;
    row.scrollLeft = Math.max(0, item.offsetLeft - row.offsetLeft - 24);
  }
});

// Coding a source: words selected inside one turn fill the coding form with the turn and the span,
// counted in code points (as the server counts them), and the form shows what was selected.
// Choosing codes then does not lose it. Without JavaScript the positions are typed in.
(function () {
  "use strict";
  var pending = null;

  function codePoints(text) {
    return Array.from(text).length;
  }

  function turnOf(node) {
    var element = node && node.nodeType === 1 ? node : node && node.parentElement;
    return element && element.closest ? element.closest("[data-turn]") : null;
  }

  document.addEventListener("selectionchange", function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      var form = document.querySelector("[data-coding-form]");
      var selection = window.getSelection();
      if (!form || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
        return;
      }
      var range = selection.getRangeAt(0);
      var turn = turnOf(range.startContainer);
      if (!turn || turn !== turnOf(range.endContainer)) {
        return;
      }
      var before = document.createRange();
      before.selectNodeContents(turn);
      before.setEnd(range.startContainer, range.startOffset);
      var start = codePoints(before.toString());
      var words = range.toString();
      var end = start + codePoints(words);
      if (end <= start) {
        return;
      }
      form.querySelector('[name="turn"]').value = turn.getAttribute("data-turn");
      form.querySelector('[name="start"]').value = start;
      form.querySelector('[name="end"]').value = end;
      var preview = form.querySelector("[data-selection-preview]");
      if (preview) {
        preview.textContent = "\u201c" + words + "\u201d";
        preview.classList.add("selected-words");
      }
    }, 100);
  });
})();

// Panic alert: a 5-second countdown that can be cancelled before the alert is sent. Without
// JavaScript the confirmation disclosure sends it directly.
(function () {
  var box = document.querySelector("[data-panic-countdown]");
  if (!box) {
    return;
  }
  var form = box.parentElement.querySelector("details.confirm form");
  if (!form) {
    return;
  }
  var timer = null;
  // Her location goes only if she ticks the box, and only if the phone gives it before the
  // countdown ends: the alert never waits for it. The box shows only where the phone can locate.
  var choice = box.parentElement.querySelector("[data-panic-location-choice]");
  var wantsLocation = box.parentElement.querySelector("[data-panic-location]");
  if (choice && wantsLocation && "geolocation" in navigator) {
    choice.hidden = false;
  }
  function addField(name, value) {
    var input = form.querySelector("input[name='" + name + "']");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }
  function locate() {
    if (!wantsLocation || !wantsLocation.checked || !("geolocation" in navigator)) {
      return;
    }
    navigator.geolocation.getCurrentPosition(
      function (position) {
        addField("lat", String(position.coords.latitude));
        addField("lon", String(position.coords.longitude));
        addField("accuracy", String(Math.round(position.coords.accuracy || 0)));
      },
      function () {},
      { enableHighAccuracy: true, timeout: 4500, maximumAge: 60000 }
    );
  }
  form.addEventListener("submit", function (evt) {
    if (form.dataset.countdownDone === "yes") {
      return;
    }
    evt.preventDefault();
    locate();
    var left = 5;
    var seconds = box.querySelector("[data-seconds]");
    seconds.textContent = String(left);
    box.hidden = false;
    box.querySelector("[data-panic-cancel]").focus();
    timer = window.setInterval(function () {
      left -= 1;
      seconds.textContent = String(left);
      if (left <= 0) {
        window.clearInterval(timer);
        form.dataset.countdownDone = "yes";
        form.submit();
      }
    }, 1000);
  });
  box.querySelector("[data-panic-cancel]").addEventListener("click", function () {
    window.clearInterval(timer);
    box.hidden = true;
    var details = form.closest("details");
    if (details) {
      details.open = false;
    }
  });
})();
