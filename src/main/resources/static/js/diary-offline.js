// The field diary without signal. Saving the form while the phone is offline seals the entry here,
// in the browser, to the site's vault public key with the vault's own HPKE suite (DHKEM(X25519,
// HKDF-SHA256), HKDF-SHA256, AES-256-GCM; Tink's framing: the encapsulated key, then the
// ciphertext; the info binds it to its id), clears the form, and keeps only the ciphertext in the
// outbox until it can be sent. Nobody can read it on the phone afterwards, nor on the server
// until a reader opens the vault. With signal, the form is sent as before.
import { Aes256Gcm, CipherSuite, DhkemX25519HkdfSha256, HkdfSha256 } from "./vendor/hpke/hpke.js";
import * as outbox from "./outbox.js";

const form = document.querySelector("form[data-device-key]");

function fromBase64url(value) {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/");
  const binary = atob(base64 + "===".slice((base64.length + 3) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

function field(name) {
  const element = form.elements.namedItem(name);
  return element ? element : { value: "" };
}

async function seal(entry, id) {
  const suite = new CipherSuite({
    kem: new DhkemX25519HkdfSha256(),
    kdf: new HkdfSha256(),
    aead: new Aes256Gcm(),
  });
  const recipientPublicKey = await suite.kem.deserializePublicKey(
    fromBase64url(form.dataset.deviceKey).buffer
  );
  const plaintext = new TextEncoder().encode(JSON.stringify(entry));
  try {
    const { ct, enc } = await suite.seal(
      { recipientPublicKey, info: new TextEncoder().encode("diary_device_entry:" + id) },
      plaintext
    );
    const sealed = new Uint8Array(enc.byteLength + ct.byteLength);
    sealed.set(new Uint8Array(enc), 0);
    sealed.set(new Uint8Array(ct), enc.byteLength);
    return sealed.buffer;
  } finally {
    plaintext.fill(0);
  }
}

if (form && window.isSecureContext && window.indexedDB && window.crypto && crypto.randomUUID) {
  const note = document.querySelector("[data-offline-note]");
  const reflect = () => {
    if (note) {
      note.hidden = navigator.onLine;
    }
  };
  window.addEventListener("online", reflect);
  window.addEventListener("offline", reflect);
  reflect();

  // Offline, the draft kept on the server as she types cannot go, and must not seem to have
  // failed: what she types is sealed here when she saves.
  document.addEventListener("htmx:beforeRequest", (event) => {
    if (!navigator.onLine && form.contains(event.detail.elt) && event.detail.elt !== form) {
      event.preventDefault();
    }
  });

  // In the capture phase, before htmx sends the form: offline, nothing goes out in clear.
  document.addEventListener(
    "submit",
    async (event) => {
      if (event.target !== form || navigator.onLine) {
        return;
      }
      const file = form.querySelector('input[type="file"]');
      if (file && file.files.length > 0) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      const text = field("text");
      if (!text.value.trim()) {
        text.focus();
        return;
      }
      const id = crypto.randomUUID();
      const sealed = await seal(
        { title: field("title").value, day: field("day").value, text: text.value },
        id
      );
      field("title").value = "";
      text.value = "";
      form.querySelectorAll(".send-failed").forEach((notice) => notice.remove());
      await outbox.add({
        id,
        kind: "diary-entry",
        url: form.dataset.sealedUrl,
        keyId: form.dataset.deviceKeyId,
        sealed,
        queuedAt: new Date().toISOString(),
      });
    },
    true
  );
}

outbox.start();
