// What the pages share: calls to the API (shared/API.md) with the signed-in token, its problems as errors,
// the session kept in this browser, and small DOM and formatting helpers.

const TokenKey = "shop.session";

/** An API answer that was not a success: the problem's status, code and detail (API.md, Errors). */
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.code = problem?.code;
    this.errors = problem?.errors;
  }
}

export const session = {
  get() {
    try {
      const saved = JSON.parse(localStorage.getItem(TokenKey) || "null");
      return saved && saved.expiresAt > Date.now() ? saved : null;
    } catch {
      return null;
    }
  },

  /** Signs in: a bearer token for the API, and the same token as the dashboards' cookie (POST /api/auth/session). */
  async signIn(email, password) {
    const token = await api("/api/auth/token", { method: "POST", body: { email, password }, anonymous: true });
    const saved = { token: token.accessToken, email, expiresAt: Date.now() + token.expiresIn * 1000 };
    localStorage.setItem(TokenKey, JSON.stringify(saved));
    const me = await api("/api/users/me");
    saved.name = me.name;
    saved.userId = me.userId;
    localStorage.setItem(TokenKey, JSON.stringify(saved));
    await api("/api/auth/session", { method: "POST" });
    return saved;
  },

  async signOut() {
    localStorage.removeItem(TokenKey);
    await fetch("/api/auth/session", { method: "DELETE" }).catch(() => {});
  },
};

/** Calls the API; resolves to the JSON body (or null), with the response's headers when asked; rejects with ApiError. */
export async function api(path, { method = "GET", body, headers = {}, anonymous = false, withResponse = false } = {}) {
  const request = { method, headers: { Accept: "application/json", ...headers } };
  const saved = session.get();
  if (saved && !anonymous) {
    request.headers.Authorization = `Bearer ${saved.token}`;
  }
  if (body !== undefined) {
    request.headers["Content-Type"] = "application/json";
    request.body = JSON.stringify(body);
  }
  const response = await fetch(path, request);
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    if (response.status === 401 && saved && !anonymous) {
      localStorage.removeItem(TokenKey);
    }
    throw new ApiError(response.status, json);
  }
  return withResponse ? { body: json, response } : json;
}

/** Creates an element: el("a", { href: "#/" , class: "x" }, "text", child, ...). Text is always text, never HTML. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function money(m) {
  if (!m) return "";
  try {
    return new Intl.NumberFormat(undefined, { style: "currency", currency: m.currency }).format(m.amount);
  } catch {
    return `${m.amount} ${m.currency}`;
  }
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : "";
}

export function notice(message, kind = "error") {
  return el("div", { class: `notice ${kind}`, role: kind === "error" ? "alert" : "status" }, message);
}

/** A message for an error, with the fields of a validation problem. */
export function describe(error) {
  if (error instanceof ApiError && error.errors) {
    return `${error.message} ${Object.values(error.errors).flat().join(" ")}`;
  }
  return error?.message || String(error);
}

export function newIdempotencyKey() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}
