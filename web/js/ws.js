// A small graphql-transport-ws client: one socket, many subscriptions. After a drop it reconnects
// with exponential backoff (with jitter), sends connection_init again and re-subscribes everything.
// A ping every PING_MS notices a dead link that never reported a close.

const PROTOCOL = "graphql-transport-ws";
const PING_MS = 15000;
const ACK_TIMEOUT_MS = 10000;
const MAX_DELAY_MS = 30000;

export class LiveClient {
  /** onStatus(status, resumed): "connecting" | "open" | "reconnecting" | "closed". */
  constructor(url, { onStatus = () => {}, baseDelay = 500 } = {}) {
    this.url = url;
    this.onStatus = onStatus;
    this.baseDelay = baseDelay;
    this.subs = new Map();
    this.nextId = 1;
    this.attempt = 0;
    this.everOpen = false;
    this.status = "closed";
    this.onOnline = () => { if (this.status !== "open") this.retryNow(); };
  }

  start() {
    this.stopped = false;
    window.addEventListener("online", this.onOnline);
    this.open();
  }

  stop() {
    this.stopped = true;
    window.removeEventListener("online", this.onOnline);
    clearTimeout(this.retryTimer);
    this.drop(1000);
    this.setStatus("closed");
  }

  /** sink: { next(payload), error(errors), complete() }. Returns the unsubscribe function. */
  subscribe(query, variables, sink) {
    const id = String(this.nextId++);
    this.subs.set(id, { query, variables, sink });
    if (this.acked) this.sendSubscribe(id);
    return () => {
      if (this.subs.delete(id) && this.acked) this.send({ id, type: "complete" });
    };
  }

  open() {
    this.setStatus(this.everOpen ? "reconnecting" : "connecting");
    const ws = new WebSocket(this.url, PROTOCOL);
    this.ws = ws;
    this.acked = false;
    ws.onopen = () => {
      this.send({ type: "connection_init", payload: {} });
      this.ackTimer = setTimeout(() => this.lost(), ACK_TIMEOUT_MS);
    };
    ws.onmessage = (event) => this.receive(JSON.parse(event.data));
    ws.onclose = () => { if (this.ws === ws) this.lost(); };
  }

  receive(message) {
    const sub = this.subs.get(message.id);
    switch (message.type) {
      case "connection_ack": {
        clearTimeout(this.ackTimer);
        this.acked = true;
        this.attempt = 0;
        const resumed = this.everOpen;
        this.everOpen = true;
        for (const id of this.subs.keys()) this.sendSubscribe(id);
        this.heartbeat = setInterval(() => this.ping(), PING_MS);
        this.setStatus("open", resumed);
        break;
      }
      case "ping": this.send({ type: "pong" }); break;
      case "pong": this.awaitingPong = false; break;
      case "next": sub?.sink.next?.(message.payload); break;
      case "error": this.subs.delete(message.id); sub?.sink.error?.(message.payload); break;
      case "complete": this.subs.delete(message.id); sub?.sink.complete?.(); break;
    }
  }

  ping() {
    if (this.awaitingPong) { this.lost(); return; }  // no pong since the last ping: the link is dead
    this.awaitingPong = true;
    this.send({ type: "ping" });
  }

  /** The connection is gone (closed, timed out, or silent): try again later. */
  lost() {
    this.drop(4000);
    if (this.stopped) return;
    const delay = Math.min(MAX_DELAY_MS, this.baseDelay * 2 ** this.attempt);
    this.attempt += 1;
    this.setStatus(this.everOpen ? "reconnecting" : "connecting");
    this.retryTimer = setTimeout(() => this.open(), delay * (0.5 + Math.random() / 2));
  }

  retryNow() {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    this.attempt = 0;
    if (!this.ws) this.open();
  }

  drop(code) {
    clearTimeout(this.ackTimer);
    clearInterval(this.heartbeat);
    this.awaitingPong = false;
    this.acked = false;
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      ws.onclose = ws.onmessage = ws.onopen = null;
      try { ws.close(code); } catch { /* already closing */ }
    }
  }

  sendSubscribe(id) {
    const { query, variables } = this.subs.get(id);
    this.send({ id, type: "subscribe", payload: { query, variables } });
  }

  send(message) {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(message));
  }

  setStatus(status, resumed = false) {
    this.status = status;
    this.onStatus(status, resumed);
  }
}
