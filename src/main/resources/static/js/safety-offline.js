// Check-in, extension and check-out without signal: the form is kept on the phone (the fields the
// member typed, nothing else) and shown as "not sent" until the connection comes back, when it is
// sent as if just submitted; the page then reloads to show what the server now knows. With
// signal, forms are sent as before.
import * as outbox from "./outbox.js";

if (window.indexedDB && window.crypto && crypto.randomUUID) {
  document.querySelectorAll("form[data-offline]").forEach((form) => {
    form.addEventListener("submit", async (event) => {
      if (navigator.onLine || !form.checkValidity()) {
        return;
      }
      event.preventDefault();
      const fields = {};
      for (const [name, value] of new FormData(form)) {
        if (name !== "_csrf" && typeof value === "string") {
          fields[name] = value;
        }
      }
      form.reset();
      await outbox.add({
        id: crypto.randomUUID(),
        kind: form.dataset.offline,
        url: form.action,
        page: location.pathname,
        fields,
        queuedAt: new Date().toISOString(),
      });
    });
  });
}

outbox.start(() => location.reload());
