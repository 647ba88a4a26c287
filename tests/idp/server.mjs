// Test-only OpenID Connect provider for the Portal ASN test suite.
//
// A real `oidc-provider` instance (no mocks) configured from a JSON file:
//
//   node tests/idp/server.mjs [CONFIG.json] [--exit-on-stdin-close]
//
// CONFIG defaults to accounts.example.json next to this file. The port comes
// from $PORT, else config.port, else 0 (= let the OS pick a free one). The
// issuer is always http://127.0.0.1:<port>. Once listening, exactly one line
// `READY http://127.0.0.1:<port>` is printed to stdout.
//
// With --exit-on-stdin-close the process exits as soon as its stdin is closed,
// so a test runner that dies without calling stop() does not leave an orphan
// server behind (the Python fixture uses this).
//
// See README.md for the config format and the endpoints / flows it supports.
// NOT for production use: keys, sessions and grants live in memory only.

import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

import Provider, { errors } from 'oidc-provider';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const HOST = '127.0.0.1';

const args = process.argv.slice(2);
const exitOnStdinClose = args.includes('--exit-on-stdin-close');
const configPath = args.find((a) => !a.startsWith('--')) ?? path.join(HERE, 'accounts.example.json');
const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));

// ---------------------------------------------------------------------------
// Config normalisation
// ---------------------------------------------------------------------------

const clientConfig = config.client ?? {};
for (const key of ['client_id', 'client_secret', 'redirect_uris']) {
  if (!clientConfig[key]) throw new Error(`config.client.${key} is required`);
}

// `aud` claim of JWT access tokens (any string, e.g. "portal-api").
const audience = config.audience ?? 'portal-api';
// oidc-provider only accepts absolute URIs as RFC 8707 resource indicators,
// so a bare audience such as "portal-api" cannot be used as `resource=`. The
// indicator therefore defaults to the audience when that is already an absolute
// URI, and to "urn:<audience>" otherwise. The issued token's `aud` is always
// `audience` (see getResourceServerInfo below).
const resourceIndicator = config.resource ?? (URL.parse(audience) ? audience : `urn:${audience}`);
// Scope(s) that belong to the API resource server (appear in the JWT `scope`).
const apiScope = config.api_scope ?? 'api';
const accessTokenTTL = config.access_token_ttl ?? 3600;

// Accounts keyed by `sub`. `password` is checked at login (an account without a
// password accepts any password); every other member is an OIDC claim.
const accounts = new Map((config.accounts ?? []).map((a) => [a.sub, a]));

function publicClaims(account) {
  const { password, ...claims } = account; // never leak the password
  return claims;
}

// ---------------------------------------------------------------------------
// Provider configuration
// ---------------------------------------------------------------------------

// Signing key generated per process; consumers must use the JWKS endpoint.
const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingJwk = {
  ...privateKey.export({ format: 'jwk' }),
  kid: crypto.randomBytes(8).toString('hex'),
  use: 'sig',
  alg: 'RS256',
};

function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({
    '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;',
  }[c]));
}

function page(title, body) {
  return `<!DOCTYPE html>
<html>
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<h1>${escapeHtml(title)}</h1>
${body}
</body>
</html>`;
}

const providerConfig = {
  clients: [{
    client_id: clientConfig.client_id,
    client_secret: clientConfig.client_secret,
    client_name: clientConfig.client_name ?? 'Portal ASN (test)',
    redirect_uris: clientConfig.redirect_uris,
    post_logout_redirect_uris: clientConfig.post_logout_redirect_uris ?? [],
    grant_types: clientConfig.grant_types ?? ['authorization_code', 'refresh_token', 'client_credentials'],
    response_types: ['code'],
    // client_secret_post is accepted too: oidc-provider treats basic/post as
    // interchangeable for a client registered with either of them.
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: 'RS256',
  }],

  jwks: { keys: [signingJwk] },

  // Signed cookies; names prefixed so they never collide with the portal's own
  // cookies (cookie jars ignore ports, and both servers live on 127.0.0.1).
  cookies: {
    keys: [crypto.randomBytes(32).toString('hex')],
    names: {
      session: 'idp_session',
      interaction: 'idp_interaction',
      resume: 'idp_interaction_resume',
    },
  },

  scopes: ['openid', 'offline_access', 'profile', 'email', 'nip'],
  claims: {
    openid: ['sub'],
    profile: ['name', 'given_name', 'family_name', 'preferred_username', 'nip'],
    email: ['email', 'email_verified'],
    nip: ['nip'],
  },
  // Put the scope-requested claims into the ID token itself (not only userinfo).
  conformIdTokenClaims: false,

  responseTypes: ['code'],
  clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
  pkce: { required: () => true }, // S256 is the only method oidc-provider v9 supports

  async findAccount(ctx, sub) {
    const account = accounts.get(sub);
    if (!account) return undefined;
    return {
      accountId: sub,
      // oidc-provider filters these by the granted scopes / claims.
      async claims() { return publicClaims(account); },
    };
  },

  // Every JWT/opaque access token issued for a user carries the user's nip
  // (plus e-mail) so the portal API can map it without calling userinfo.
  async extraTokenClaims(ctx, token) {
    const account = token.accountId && accounts.get(token.accountId);
    if (!account) return undefined;
    const extra = {};
    if (account.nip) extra.nip = account.nip;
    if (account.email) {
      extra.email = account.email;
      extra.email_verified = account.email_verified ?? false;
    }
    return extra;
  },

  formats: {
    customizers: {
      // oidc-provider emits iat but no nbf in JWT access tokens; add one.
      async jwt(ctx, token, jwt) {
        jwt.payload.nbf = jwt.payload.iat;
      },
    },
  },

  // Refresh tokens whenever the client may use them (no offline_access dance).
  async issueRefreshToken(ctx, client) {
    return client.grantTypeAllowed('refresh_token');
  },

  ttl: {
    AccessToken: accessTokenTTL,
    ClientCredentials: accessTokenTTL,
    AuthorizationCode: 60,
    IdToken: 3600,
    RefreshToken: 24 * 3600,
    Interaction: 3600,
    Session: 24 * 3600,
    Grant: 24 * 3600,
  },

  // Test IdP: allow CORS from any origin (e.g. a browser test calling /me).
  clientBasedCORS: () => true,

  features: {
    devInteractions: { enabled: false }, // replaced by the interaction routes below
    clientCredentials: { enabled: true },
    introspection: { enabled: true, allowedPolicy: async () => true },
    revocation: { enabled: true, allowedPolicy: async () => true },
    userinfo: { enabled: true },
    resourceIndicators: {
      enabled: true,
      // Authorization requests without `resource` are granted the API anyway,
      // so a token request may later ask for `resource=<indicator>`.
      defaultResource: async () => resourceIndicator,
      // Token request without `resource` (and scope openid) => opaque token
      // usable at userinfo; with `resource=<indicator>` => JWT for the API.
      useGrantedResource: async () => false,
      async getResourceServerInfo(ctx, indicator) {
        if (indicator !== resourceIndicator) throw new errors.InvalidTarget();
        return {
          audience,
          scope: apiScope,
          accessTokenFormat: 'jwt',
          accessTokenTTL,
          jwt: { sign: { alg: 'RS256' } },
        };
      },
    },
    rpInitiatedLogout: {
      enabled: true,
      // oidc-provider asks "Do you want to sign out?" by default. Here the form
      // always means "yes" (hidden logout=yes, which ends the whole IdP
      // session) and auto-submits in a browser; an HTTP client POSTs the form
      // fields (xsrf + logout) to its action (/session/end/confirm).
      async logoutSource(ctx, form) {
        const confirmForm = form.replace(
          '</form>',
          '<input type="hidden" name="logout" value="yes"/><button type="submit">Sign out</button></form>',
        );
        ctx.body = page('Sign out', `${confirmForm}
<script>document.getElementById('op.logoutForm').submit();</script>`);
      },
      async postLogoutSuccessSource(ctx) {
        ctx.body = page('Signed out', '<p>You have been signed out.</p>');
      },
    },
  },

  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Error', Object.entries(out)
      .map(([k, v]) => `<p><strong>${escapeHtml(k)}</strong>: <span class="${escapeHtml(k)}">${escapeHtml(v)}</span></p>`)
      .join('\n'));
  },
};

// ---------------------------------------------------------------------------
// Interactions (login + automatic consent)
// ---------------------------------------------------------------------------

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

function loginPage(uid, { loginHint = '', error } = {}) {
  const action = `/interaction/${escapeHtml(uid)}`;
  return page('Sign in', `${error ? `<p class="error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${action}/login">
<input name="login" value="${escapeHtml(loginHint)}" autocomplete="username" autofocus>
<input name="password" type="password" autocomplete="current-password">
<button type="submit">Sign in</button>
</form>
<form method="post" action="${action}/abort"><button type="submit">Cancel</button></form>`);
}

// Grants everything the client asked for: the only client is the first-party
// portal, so a consent screen adds nothing but an extra step for tests.
async function autoConsent(provider, details) {
  const { prompt: { details: missing }, params, session: { accountId } } = details;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId, clientId: params.client_id });
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) {
    grant.addResourceScope(indicator, scopes.join(' '));
  }
  const grantId = await grant.save();
  return { consent: details.grantId ? {} : { grantId } };
}

function interactionRoutes(provider) {
  return async function interactions(ctx, next) {
    const match = /^\/interaction\/([^/]+)(?:\/(login|abort))?$/.exec(ctx.path);
    if (!match) return next();
    const [, , action] = match;
    ctx.set('cache-control', 'no-store');

    try {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      const { uid, prompt, params } = details;
      let result;

      if (ctx.method === 'GET' && !action) {
        if (prompt.name === 'consent') {
          result = await autoConsent(provider, details);
        } else {
          ctx.type = 'html';
          ctx.body = loginPage(uid, { loginHint: params.login_hint });
          return undefined;
        }
      } else if (ctx.method === 'POST' && action === 'login') {
        const form = await readForm(ctx.req);
        const login = form.get('login') ?? '';
        const account = accounts.get(login);
        if (!account || (account.password !== undefined && account.password !== form.get('password'))) {
          ctx.status = 401;
          ctx.type = 'html';
          ctx.body = loginPage(uid, { loginHint: login, error: 'Invalid login or password' });
          return undefined;
        }
        result = { login: { accountId: account.sub } };
      } else if (ctx.method === 'POST' && action === 'abort') {
        result = { error: 'access_denied', error_description: 'End-User aborted interaction' };
      } else {
        ctx.status = 405;
        return undefined;
      }

      // Merging keeps the login result next to the consent one, which matters
      // for prompt=login (the login must count as done in this request chain).
      const redirectTo = await provider.interactionResult(ctx.req, ctx.res, result, {
        mergeWithLastSubmission: true,
      });
      ctx.status = 303;
      ctx.redirect(redirectTo);
    } catch (err) {
      // e.g. SessionNotFound when the interaction cookie is missing/expired.
      ctx.status = err.statusCode ?? 500;
      ctx.type = 'html';
      ctx.body = page('Error', `<p class="error">${escapeHtml(err.error ?? err.name)}: ${escapeHtml(err.error_description ?? err.message)}</p>`);
      if (ctx.status >= 500) console.error(err);
    }
    return undefined;
  };
}

// ---------------------------------------------------------------------------
// Start: listen first (port 0 => OS-chosen port), then build the provider for
// the now-known issuer and attach it.
// ---------------------------------------------------------------------------

const server = http.createServer();
const requestedPort = Number(process.env.PORT ?? config.port ?? 0);

server.listen(requestedPort, HOST, () => {
  const { port } = server.address();
  const issuer = `http://${HOST}:${port}`;
  const provider = new Provider(issuer, providerConfig);
  provider.use(interactionRoutes(provider));
  provider.on('server_error', (ctx, err) => console.error('server_error', err));

  server.on('request', provider.callback());
  process.stdout.write(`READY ${issuer}\n`);
});

function shutdown() {
  server.close();
  server.closeAllConnections();
  process.exit(0);
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
if (exitOnStdinClose) {
  process.stdin.on('end', shutdown);
  process.stdin.on('close', shutdown);
  process.stdin.resume();
}
