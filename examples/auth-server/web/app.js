// The page's whole client: the access token lives in this closure only (never in storage),
// and the refresh token only in its HttpOnly cookie, which the browser sends to /auth.
"use strict";

(() => {
  let accessToken = null;
  let refreshing = null;
  let mode = "login";
  let expiryTimer = null;

  const $ = (id) => document.getElementById(id);

  const post = (path, body) =>
    fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: body ? { "Content-Type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    });

  const readError = async (response) => {
    try {
      const body = await response.json();
      return body.message || body.error;
    } catch {
      return `HTTP ${response.status}`;
    }
  };

  const log = (text) => {
    const item = document.createElement("li");
    const time = document.createElement("time");
    time.textContent = new Date().toLocaleTimeString();
    item.append(time, text);
    $("log").prepend(item);
  };

  const show = (element, text, ok) => {
    element.textContent = text;
    element.className = `message ${ok ? "ok" : "bad"}`;
    element.hidden = !text;
  };

  // Display only: the server verified this token; the page just shows what it says.
  const claimsOf = (token) => {
    const payload = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
    return JSON.parse(new TextDecoder().decode(bytes));
  };

  const showToken = () => {
    const claims = claimsOf(accessToken);
    $("claims").textContent = JSON.stringify(claims, null, 2);
    clearInterval(expiryTimer);
    const tick = () => {
      const left = claims.exp - Math.floor(Date.now() / 1000);
      $("expiry").textContent = left > 0 ? `expires in ${left} s` : "expired";
      $("expiry").classList.toggle("expired", left <= 0);
    };
    tick();
    expiryTimer = setInterval(tick, 1000);
  };

  const useToken = (body) => {
    accessToken = body.access_token;
    showToken();
  };

  // One refresh at a time: parallel 401s share it, since a refresh token works only once.
  const refresh = () => {
    refreshing ??= post("/auth/refresh")
      .then(async (response) => {
        if (!response.ok) return false;
        useToken(await response.json());
        return true;
      })
      .finally(() => {
        refreshing = null;
      });
    return refreshing;
  };

  // GET with the access token; on a 401, refresh once through the cookie and retry.
  const api = async (path) => {
    const call = () =>
      fetch(path, { headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {} });
    let response = await call();
    if (response.status === 401) {
      if (!(await refresh())) {
        signedOut("Your session ended. Please sign in again.");
        return null;
      }
      log("Access token expired: refreshed it with the refresh cookie");
      response = await call();
    }
    return response;
  };

  const loadMe = async () => {
    const response = await api("/api/me");
    if (!response) return;
    if (!response.ok) {
      show($("api-message"), await readError(response), false);
      return;
    }
    const me = await response.json();
    $("me-email").textContent = me.email;
    $("me-role").textContent = me.role;
    $("me-id").textContent = me.id;
    $("who").textContent = me.email;
    $("who").hidden = false;
    show($("api-message"), `GET /api/me answered 200 at ${new Date().toLocaleTimeString()}`, true);
    log("GET /api/me: 200");
  };

  const signedIn = async () => {
    $("signed-out").hidden = true;
    $("signed-in").hidden = false;
    await loadMe();
  };

  const signedOut = (message) => {
    accessToken = null;
    clearInterval(expiryTimer);
    $("signed-in").hidden = true;
    $("signed-out").hidden = false;
    $("who").hidden = true;
    $("claims").textContent = "";
    show($("form-message"), message || "", false);
  };

  const setMode = (next) => {
    mode = next;
    const login = mode === "login";
    $("tab-login").classList.toggle("active", login);
    $("tab-register").classList.toggle("active", !login);
    $("tab-login").setAttribute("aria-selected", String(login));
    $("tab-register").setAttribute("aria-selected", String(!login));
    $("submit").textContent = login ? "Sign in" : "Create account";
    $("password").autocomplete = login ? "current-password" : "new-password";
    $("password-hint").hidden = login;
    show($("form-message"), "", true);
  };

  $("tab-login").addEventListener("click", () => setMode("login"));
  $("tab-register").addEventListener("click", () => setMode("register"));

  $("credentials").addEventListener("submit", async (event) => {
    event.preventDefault();
    const credentials = { email: $("email").value, password: $("password").value };
    $("submit").disabled = true;
    try {
      if (mode === "register") {
        const created = await post("/auth/register", credentials);
        if (!created.ok) {
          show($("form-message"), await readError(created), false);
          return;
        }
        log(`Account created for ${(await created.json()).email}`);
      }
      const response = await post("/auth/login", credentials);
      if (!response.ok) {
        const wait = response.headers.get("Retry-After");
        const text = await readError(response);
        show($("form-message"), wait ? `${text} (in ${Math.ceil(wait / 60)} min)` : text, false);
        return;
      }
      useToken(await response.json());
      $("password").value = "";
      log("Signed in");
      await signedIn();
    } finally {
      $("submit").disabled = false;
    }
  });

  $("call-me").addEventListener("click", loadMe);

  $("call-admin").addEventListener("click", async () => {
    const response = await api("/api/admin/users");
    if (!response) return;
    if (response.ok) {
      const { users } = await response.json();
      show($("api-message"), `${users.length} users: ${users.map((u) => u.email).join(", ")}`, true);
    } else {
      show($("api-message"), `${response.status}: ${await readError(response)}`, false);
    }
    log(`GET /api/admin/users: ${response.status}`);
  });

  $("logout").addEventListener("click", async () => {
    await post("/auth/logout");
    signedOut("");
    show($("form-message"), "Signed out. The session is revoked on the server.", true);
  });

  // A reload loses the in-memory token; the refresh cookie, if any, brings the session back.
  refresh().then((ok) => (ok ? signedIn() : signedOut("")));
})();
