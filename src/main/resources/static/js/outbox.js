// What a phone could not send yet: diary entries sealed on the phone (ciphertext only) and
// check-ins, extensions and check-outs made without signal (the fields the member typed). Kept in
// IndexedDB until the server has them, sent when the connection comes back (the "online" event,
// each page load, and the service worker's background sync where the browser has it), and shown
// on the page as "not sent" meanwhile, with what to do if it never can be.
const DB = "tejido-outbox";
const STORE = "items";

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: "id" });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run(mode, action) {
  const db = await open();
  try {
    return await new Promise((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const result = action(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(result && "result" in result ? result.result : undefined);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

/** Whose outbox this page is: a shared phone keeps each person's items to herself. */
function owner() {
  const el = panel();
  return (el && el.getAttribute("data-owner")) || "";
}

/** The signed-in person's items (another person's, queued on this phone, stay as they are). */
export async function all() {
  const items = await run("readonly", (store) => store.getAll());
  return items.filter((item) => item.owner === owner());
}

function put(item) {
  return run("readwrite", (store) => store.put(item));
}

function remove(id) {
  return run("readwrite", (store) => store.delete(id));
}

/** Keeps an item to send, shows it, and asks for a background sync where there is one. */
export async function add(item) {
  item.owner = owner();
  await put(item);
  await render();
  try {
    const registration = await navigator.serviceWorker.ready;
    if (registration.sync) {
      await registration.sync.register("tejido-outbox");
    }
  } catch (e) {
    // No service worker or no background sync: the "online" event and page loads send it.
  }
}

function csrfToken() {
  const input = document.querySelector('input[name="_csrf"]');
  return input ? input.value : "";
}

function panel() {
  return document.querySelector("[data-outbox]");
}

function text(name, argument) {
  const el = panel();
  const template = (el && el.getAttribute("data-msg-" + name)) || "";
  return template.replace("{0}", argument == null ? "" : argument);
}

function time(iso) {
  const date = new Date(iso);
  return String(date.getHours()).padStart(2, "0") + ":" + String(date.getMinutes()).padStart(2, "0");
}

/** Redraws the "not sent" list from what IndexedDB holds. */
export async function render(status) {
  const el = panel();
  if (!el) {
    return;
  }
  const items = await all();
  const list = el.querySelector("[data-outbox-items]");
  list.replaceChildren(
    ...items.map((item) => {
      const li = document.createElement("li");
      li.textContent = text(item.kind, time(item.queuedAt));
      if (item.refused) {
        const why = document.createElement("strong");
        why.textContent = " " + text("refused", item.refused);
        li.appendChild(why);
      }
      return li;
    })
  );
  el.querySelector("[data-outbox-pending]").hidden = items.length === 0;
  const line = el.querySelector("[data-outbox-status]");
  if (status) {
    line.textContent = text(status);
  }
  el.hidden = items.length === 0 && !line.textContent;
}

async function reason(response) {
  try {
    if ((response.headers.get("Content-Type") || "").includes("json")) {
      const problem = await response.json();
      return problem.detail || String(response.status);
    }
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const detail = page.querySelector(".error-summary, .error-detail, .field-error");
    return detail ? detail.textContent.trim() : String(response.status);
  } catch (e) {
    return String(response.status);
  }
}

function send(item) {
  if (item.kind === "diary-entry") {
    const address = new URL(item.url, location.href);
    address.searchParams.set("id", item.id);
    address.searchParams.set("keyId", item.keyId);
    return fetch(address, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "Content-Type": "application/octet-stream",
        "X-CSRF-TOKEN": csrfToken(),
      },
      body: item.sealed,
    });
  }
  const body = new URLSearchParams(item.fields);
  body.set("_csrf", csrfToken());
  return fetch(item.url, { method: "POST", credentials: "same-origin", body });
}

/** Whether the server took it: for a form, the page it led to is the one it was sent from. */
function delivered(item, response) {
  if (!response.ok) {
    return false;
  }
  const landed = new URL(response.url, location.href).pathname;
  return item.kind === "diary-entry"
    ? response.headers.get("X-Tejido-Received") === item.id
    : landed === item.page;
}

let flushing = false;

/**
 * Sends what waits, oldest first. A lost connection, an expired session or form (401, 403, the
 * sign-in page) or a server error stops it and keeps everything for the next try; a refusal (the
 * server answered, and said no) stays on the list with the reason, for the member to see.
 */
export async function flush() {
  if (flushing || !navigator.onLine || !owner()) {
    return;
  }
  flushing = true;
  let sent = 0;
  try {
    const items = (await all()).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt));
    for (const item of items) {
      if (item.refused) {
        continue;
      }
      let response;
      try {
        response = await send(item);
      } catch (e) {
        break;
      }
      if (delivered(item, response)) {
        await remove(item.id);
        sent++;
      } else if (response.status === 400 || response.status === 409 || response.status === 422) {
        item.refused = await reason(response);
        await put(item);
      } else {
        break;
      }
    }
  } finally {
    flushing = false;
  }
  await render(sent > 0 ? "sent" : null);
  return sent;
}

/** Starts sending on load, when the connection comes back, and when the service worker asks. */
export function start(afterSent) {
  const go = async () => {
    const sent = await flush();
    if (sent && afterSent) {
      afterSent();
    }
  };
  window.addEventListener("online", go);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register("/sw.js", { scope: "/manage" }).catch(() => {});
    navigator.serviceWorker.addEventListener("message", (event) => {
      if (event.data === "tejido-outbox") {
        go();
      }
    });
  }
  render().then(go);
}
