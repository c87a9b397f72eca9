// A real OpenID Connect provider for the tests: panva's oidc-provider (OpenID Certified) on loopback.
//
// Usage: node provider.mjs CONFIG.json   (written by tests/support/oidc.py)
// CONFIG: { port, client: {client_id, client_secret, redirect_uris, post_logout_redirect_uris},
//           users: [{sub, email, password, name, groups}], control_token }
//
// What is ours and not the library's: the account store (findAccount), the sign-in and account-selection
// pages (the library's development pages load a Google font, and these check the password), and a test-only
// switch that makes the NEXT token response carry an ID token that is expired or signed with a wrong key.
// Prints "READY <issuer>" once it listens.

import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

import { Provider, interactionPolicy } from 'oidc-provider';
import { SignJWT, decodeJwt, decodeProtectedHeader, exportJWK, generateKeyPair } from 'jose';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const issuer = `http://127.0.0.1:${config.port}`;
const usersBySub = new Map(config.users.map((u) => [u.sub, u]));
const usersByEmail = new Map(config.users.map((u) => [u.email.toLowerCase(), u]));

async function signingKey() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  return privateKey;
}
const kid = `qsmo-test-${randomBytes(4).toString('hex')}`;
const realKey = await signingKey();
const wrongKey = await signingKey(); // same kid and alg, different key: what a forged token looks like
const realJwk = { ...(await exportJWK(realKey)), kid, alg: 'RS256', use: 'sig' };

// select_account is what Streamlit asks for by default (prompt=select_account); the base policy lacks it.
const policy = interactionPolicy.base();
policy.add(new interactionPolicy.Prompt({ name: 'select_account', requestable: true }));

const provider = new Provider(issuer, {
  clients: [{
    client_id: config.client.client_id,
    client_secret: config.client.client_secret,
    redirect_uris: config.client.redirect_uris,
    post_logout_redirect_uris: config.client.post_logout_redirect_uris,
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
  }],
  jwks: { keys: [realJwk] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  claims: {
    openid: ['sub'],
    email: ['email', 'email_verified'],
    profile: ['name', 'preferred_username'],
    groups: ['groups'],
  },
  // Streamlit reads the claims from the ID token only (it never calls userinfo), as Entra and Okta put them there.
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
  },
  interactions: { policy, url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  async findAccount(ctx, sub) {
    const user = usersBySub.get(sub);
    if (!user) return undefined;
    return {
      accountId: sub,
      async claims() {
        return {
          sub, email: user.email, email_verified: true, name: user.name, preferred_username: user.email,
          groups: user.groups,
        };
      },
    };
  },
  // A first-party client: no consent screen; the grant covers what the client asked for.
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    const existing = grantId && await ctx.oidc.provider.Grant.find(grantId);
    if (existing) return existing;
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope([...ctx.oidc.requestParamScopes].join(' '));
    await grant.save();
    return grant;
  },
  renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Sign-in error', Object.entries(out).map(([k, v]) => `<p><b>${esc(k)}</b>: ${esc(v)}</p>`).join(''));
  },
  ttl: { AccessToken: 3600, AuthorizationCode: 60, Grant: 3600, IdToken: 3600, Interaction: 600, Session: 3600 },
});

function esc(value) {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function page(title, body) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:sans-serif;max-width:26rem;margin:3rem auto}label,input,button{display:block;margin:.4rem 0}
input{width:100%;padding:.4rem}button{padding:.5rem 1rem}.error{color:#b50909}</style></head>
<body><h1>QSMO test identity provider</h1><h2>${esc(title)}</h2>${body}</body></html>`;
}

async function logoutSource(ctx, form) {
  ctx.body = page('Sign out', `${form}<p>Sign out of the test identity provider?</p>
<button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button>
<button type="submit" form="op.logoutForm">No, stay signed in</button>`);
}

async function postLogoutSuccessSource(ctx) {
  ctx.body = page('Signed out', '<p>You are signed out of the test identity provider.</p>');
}

function loginForm(uid, error = '') {
  return page('Sign in', `${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/interaction/${uid}/login" autocomplete="off">
<label for="email">Email</label><input id="email" name="email" type="email" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit">Sign in</button></form>`);
}

async function formBody(ctx) {
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

let nextIdToken = 'normal';

async function tamper(idToken, mode) {
  const header = decodeProtectedHeader(idToken);
  const claims = decodeJwt(idToken);
  const now = Math.floor(Date.now() / 1000);
  if (mode === 'expired') Object.assign(claims, { iat: now - 7200, exp: now - 3600, auth_time: now - 7200 });
  return new SignJWT(claims).setProtectedHeader(header).sign(mode === 'wrong-key' ? wrongKey : realKey);
}

provider.use(async (ctx, next) => {
  const match = ctx.path.match(/^\/interaction\/([^/]+)(\/login|\/select)?$/);
  if (ctx.path === '/__test__/next-id-token' && ctx.method === 'POST') {
    if (ctx.get('x-control-token') !== config.control_token) ctx.throw(403);
    const mode = (await formBody(ctx)).get('mode');
    if (!['normal', 'expired', 'wrong-key'].includes(mode)) ctx.throw(400, 'mode must be normal, expired or wrong-key');
    nextIdToken = mode;
    ctx.body = { next_id_token: mode };
    return;
  }
  if (match) {
    const [, uid, action] = match;
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    ctx.set('cache-control', 'no-store');
    ctx.type = 'html';
    if (!action && details.prompt.name === 'select_account' && ctx.query.switch === undefined) {
      const user = usersBySub.get(details.session?.accountId);
      ctx.body = page('Choose an account', `<form method="post" action="/interaction/${uid}/select">
<button type="submit" name="choice" value="continue">Continue as ${esc(user?.email ?? 'current user')}</button></form>
<p><a href="/interaction/${uid}?switch=1">Use another account</a></p>`);
    } else if (!action) {
      ctx.body = loginForm(uid);
    } else if (action === '/select' && ctx.method === 'POST') {
      await formBody(ctx);
      ctx.status = 303;
      ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, { select_account: {} }, { mergeWithLastSubmission: true }));
    } else if (action === '/login' && ctx.method === 'POST') {
      const form = await formBody(ctx);
      const user = usersByEmail.get((form.get('email') || '').toLowerCase());
      if (!user || form.get('password') !== user.password) {
        ctx.status = 401;
        ctx.body = loginForm(uid, 'Wrong email or password.');
        return;
      }
      // Signing in is choosing the account, so select_account is answered too.
      const result = { login: { accountId: user.sub }, select_account: {} };
      ctx.status = 303;
      ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: false }));
    } else {
      ctx.throw(405);
    }
    return;
  }
  await next();
  if (ctx.path === '/token' && ctx.status === 200 && ctx.body?.id_token && nextIdToken !== 'normal') {
    const mode = nextIdToken;
    nextIdToken = 'normal';
    ctx.body = { ...ctx.body, id_token: await tamper(ctx.body.id_token, mode) };
    console.log(`issued a ${mode} ID token (test switch)`);
  }
});

provider.listen(config.port, '127.0.0.1', () => console.log(`READY ${issuer}`));
