// The app's live layer: one LiveClient for the signed-in person, the app-wide subscriptions,
// and a small event hub that screens listen to ("notification", "enrollment", "inbox",
// "status", "resync" after a reconnect, "unauthenticated").
import { LiveClient } from "./ws.js";
import * as ops from "./ops.js";

const hub = new EventTarget();
let client = null;

export function emit(type, detail) {
  hub.dispatchEvent(new CustomEvent(type, { detail }));
}

/** fn(detail) on each event of this type; returns the function that stops listening. */
export function on(type, fn) {
  const handler = (event) => fn(event.detail);
  hub.addEventListener(type, handler);
  return () => hub.removeEventListener(type, handler);
}

/** Runs a subscription on the shared socket; onData(data) per result. Returns unsubscribe. */
export function subscribe(query, variables, onData) {
  if (!client) return () => {};
  return client.subscribe(query, variables, {
    next: (payload) => { if (payload.data) onData(payload.data); },
    error: (errors) => {
      const code = errors?.[0]?.extensions?.code;
      emit(code === "UNAUTHENTICATED" ? "unauthenticated" : "live-error", errors);
    },
  });
}

export const liveStatus = () => client?.status ?? "closed";

export function startLive() {
  if (client) return;
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  client = new LiveClient(`${scheme}://${location.host}/graphql`, {
    onStatus: (status, resumed) => {
      emit("status", status);
      if (resumed) emit("resync");
    },
  });
  client.start();
  subscribe(ops.NotificationReceived, {}, (d) => emit("notification", d.notificationReceived));
  subscribe(ops.MyEnrollmentChanged, {}, (d) => emit("enrollment", d.myEnrollmentChanged));
  subscribe(ops.ApprovalInboxChanged, {}, (d) => emit("inbox", d.approvalInboxChanged));
}

export function stopLive() {
  client?.stop();
  client = null;
}
