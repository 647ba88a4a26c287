// Hash routing: "#/katalog", "#/pegawai/199203152019032001". Other hashes (e.g. the skip link's
// "#main") are in-page anchors and are left to the browser.
import { routes, notFound } from "./routes.js";

export const isRouteHash = (hash) => hash === "" || hash === "#" || hash.startsWith("#/");

export function currentPath() {
  const hash = location.hash;
  return hash.startsWith("#/") ? hash.slice(1).split("?")[0] : "/";
}

function match(pattern, path) {
  const want = pattern.split("/");
  const have = path.split("/");
  if (want.length !== have.length) return null;
  const params = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) {
      if (!have[i]) return null;
      params[want[i].slice(1)] = decodeURIComponent(have[i]);
    } else if (want[i] !== have[i]) {
      return null;
    }
  }
  return params;
}

export function resolve(path) {
  for (const route of routes) {
    const params = match(route.path, path);
    if (params) return { route, params };
  }
  return { route: notFound, params: {} };
}
