// Adds a harvestkit server to the official TypeScript MCP client by its URL, as a hosted
// connector does: the client discovers the authorization server from the 401, registers,
// sends the person to sign in (here: the console's login and consent pages, answered by
// form posts), exchanges the code with PKCE, calls tools, steps up to writing when the
// server answers 403 insufficient_scope, refreshes, and is refused once the person revokes
// the connection in the console.
//
// Usage: node oauth.mjs PLAN.json  (the report is printed on stdout as JSON)
// PLAN: {"url": "http://127.0.0.1:PORT/mcp", "user": "...", "password": "...",
//        "redirect_uri": "http://127.0.0.1:PORT/callback", "read": {tool, arguments},
//        "write": {tool, arguments}}
import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { auth, UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";

const plan = JSON.parse(readFileSync(process.argv[2], "utf8"));
const origin = new URL(plan.url).origin;

// A browser reduced to forms and redirects, keeping the console's cookies.
const cookies = new Map();
const pages = [];

async function request(method, url, form) {
  const headers = {};
  if (cookies.size) headers.cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  let body;
  if (form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(form).toString();
  }
  const response = await fetch(url, { method, headers, body, redirect: "manual" });
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const at = pair.indexOf("=");
    const name = pair.slice(0, at);
    if (/max-age=0/i.test(line)) cookies.delete(name);
    else cookies.set(name, pair.slice(at + 1));
  }
  return response;
}

async function go(method, url, form) {
  for (;;) {
    if (url.startsWith(plan.redirect_uri)) return url;
    const response = await request(method, url, form);
    if ([302, 303, 307].includes(response.status)) {
      url = new URL(response.headers.get("location"), url).href;
      method = "GET";
      form = undefined;
      continue;
    }
    pages.push(await response.text());
    return url;
  }
}

const csrf = (html) => html.match(/name="csrf" value="([^"]+)"/)[1];

async function signIn(authorizationUrl, answer) {
  let at = await go("GET", authorizationUrl);
  if (at.startsWith(plan.redirect_uri)) return at;
  if (at.includes("/login")) {
    const next = new URL(at).searchParams.get("next");
    const form = { csrf: csrf(pages.at(-1)), name: plan.user, password: plan.password };
    if (next) form.next = next;
    at = await go("POST", at.split("?")[0], form);
  }
  if (!at.includes("/consent/")) throw new Error(`expected the consent page, got ${at}`);
  return go("POST", at, { csrf: csrf(pages.at(-1)), answer });
}

// The client's side: what an app keeps between runs, in memory.
const state = { answer: "approve", code: null, authorizations: 0 };
const store = {};
const provider = {
  get redirectUrl() {
    return plan.redirect_uri;
  },
  get clientMetadata() {
    return {
      client_name: "harvestkit TypeScript connector test",
      redirect_uris: [plan.redirect_uri],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_post",
    };
  },
  clientInformation: () => store.client,
  saveClientInformation: (info) => {
    store.client = info;
  },
  tokens: () => store.tokens,
  saveTokens: (tokens) => {
    store.tokens = tokens;
  },
  saveCodeVerifier: (verifier) => {
    store.verifier = verifier;
  },
  codeVerifier: () => store.verifier,
  async redirectToAuthorization(url) {
    state.authorizations += 1;
    const back = new URL(await signIn(url.href, state.answer));
    state.code = back.searchParams.get("code");
    state.error = back.searchParams.get("error");
  },
};

const newTransport = () => new StreamableHTTPClientTransport(new URL(plan.url), { authProvider: provider });
let transport = newTransport();
const client = new Client({ name: "harvestkit-ts-oauth-test", version: "1.0.0" });

// Signing in: a request gets a 401 (or a 403 asking for more scope); the person answers in
// the browser; the client exchanges the code and tries again.
async function signedIn(action, fresh = false) {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof UnauthorizedError) || !state.code) throw error;
    const code = state.code;
    state.code = null;
    await transport.finishAuth(code);
    if (fresh) transport = newTransport(); // connect() starts a transport only once
    return action();
  }
}

const report = { steps: {} };
const text = (result) => (result.content || []).map((b) => b.text || "").join("\n");
const summary = (result) => ({ is_error: Boolean(result.isError), text: text(result).slice(0, 500) });

try {
  await signedIn(() => client.connect(transport), true);
  report.steps.connected = { authorizations: state.authorizations, scope: store.tokens?.scope };
  const listed = (await client.listTools()).tools.map((t) => t.name);
  report.steps.listed = listed;
  report.steps.read = summary(await client.callTool(plan.read));
  report.steps.write = summary(await client.callTool(plan.write));
  report.steps.after_write = { authorizations: state.authorizations, scope: store.tokens?.scope };

  const before = store.tokens;
  report.steps.refresh = await auth(provider, { serverUrl: new URL(plan.url) });
  report.steps.rotated = {
    access: before.access_token !== store.tokens.access_token,
    refresh: before.refresh_token !== store.tokens.refresh_token,
  };
  report.steps.after_refresh = summary(await client.callTool(plan.read));

  // The person revokes the connection in the console.
  const listing = await request("GET", `${origin}/connectors`);
  const html = await listing.text();
  const ids = [...html.matchAll(/name="connection" value="(\d+)"/g)].map((m) => m[1]);
  for (const id of ids) {
    await request("POST", `${origin}/connectors/revoke`, { csrf: csrf(html), connection: id });
  }
  report.steps.revoked = ids.length;
  const raw = await fetch(plan.url, {
    method: "POST",
    headers: {
      authorization: `Bearer ${store.tokens.access_token}`,
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 9, method: "tools/list" }),
  });
  report.steps.raw_after_revoke = { status: raw.status, www_authenticate: raw.headers.get("www-authenticate") };
  state.answer = "decline";
  try {
    await client.callTool(plan.read);
    report.steps.after_revoke = "answered";
  } catch (error) {
    report.steps.after_revoke = `${error?.name}: ${error?.message}`;
    report.steps.after_revoke_error = state.error;
  }
} catch (error) {
  report.exception = `${error?.name}: ${error?.message}\n${error?.stack}`;
}
report.pages = pages.map((p) => p.slice(0, 4000));
await transport.close().catch(() => {});
process.stdout.write(JSON.stringify(report));
