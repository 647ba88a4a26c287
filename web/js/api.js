// GraphQL over same-origin fetch. Errors the user can fix come back in result unions; top-level
// errors (not signed in, not allowed, network, bugs) become a GraphQLFailure with a code.
import { t, lang } from "./i18n.js";

export class GraphQLFailure extends Error {
  constructor(errors) {
    super(errors[0]?.message || "GraphQL error");
    this.errors = errors;
    this.code = errors[0]?.extensions?.code || "ERROR";
  }
}

let onUnauthenticated = () => {};
/** What to do when the server says the session is gone (set by the app shell). */
export function whenUnauthenticated(fn) { onUnauthenticated = fn; }

export async function gql(query, variables = {}) {
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ query, variables }),
    });
  } catch {
    throw new GraphQLFailure([{ message: t("error.network"), extensions: { code: "NETWORK" } }]);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new GraphQLFailure([{ message: t("error.server"), extensions: { code: `HTTP_${response.status}` } }]);
  }
  if (body.errors?.length) {
    const failure = new GraphQLFailure(body.errors);
    if (failure.code === "UNAUTHENTICATED") onUnauthenticated();
    throw failure;
  }
  return body.data;
}

/** Readable text for a failure of either kind (a typed result error or a GraphQLFailure). */
export function problemText(problem) {
  // The server words its messages in Indonesian and more precisely than a code can; in another
  // language the code's translation is shown instead.
  if (lang() === "id" && problem?.message) return problem.message;
  const known = problem?.code && t(`error.${problem.code}`, {}, null);
  return known || problem?.message || t("error.server");
}

/**
 * Runs a mutation whose answer is a result union: { data } (the success payload) or
 * { problem, code } with a readable text, for typed errors and top-level failures alike.
 */
export async function mutate(document, input, field) {
  try {
    const result = (await gql(document, { input }))[field];
    if (result.__typename?.endsWith("Error")) return { problem: problemText(result), code: result.code };
    return { data: result };
  } catch (failure) {
    return { problem: problemText(failure), code: failure.code };
  }
}
