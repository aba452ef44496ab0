// The storefront page: browse the category tree, search, a product page with live availability, the cart,
// checkout, and the order followed until the saga settles. Routes live in the URL's hash (#/product/12).
import { api, ApiError, describe, el, money, newIdempotencyKey, notice, session, when } from "/assets/shop.js";

const view = document.getElementById("view");
// The page's content; absent parts (null, false) are left out rather than shown as text.
const show = (...nodes) => view.replaceChildren(...nodes.flat().filter((n) => n !== null && n !== undefined && n !== false));
const PageSize = 20;
const Settled = new Set(["Completed", "Cancelled", "Refunded"]);
let categories = [];
let stopCurrentView = () => {};

const routes = [
  [/^#\/?$/, () => home()],
  [/^#\/category\/(\d+)$/, (id, query) => categoryPage(Number(id), query)],
  [/^#\/search$/, (query) => searchPage(query)],
  [/^#\/product\/(\d+)$/, (id) => productPage(id)],
  [/^#\/cart$/, () => cartPage()],
  [/^#\/orders$/, () => ordersPage()],
  [/^#\/order\/([^/?]+)$/, (id) => orderPage(decodeURIComponent(id))],
  [/^#\/signin$/, () => signInPage()],
  [/^#\/register$/, () => registerPage()],
];

window.addEventListener("hashchange", render);
document.getElementById("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const q = document.getElementById("search-input").value.trim();
  location.hash = `#/search?${new URLSearchParams({ q })}`;
});
document.getElementById("signout-button").addEventListener("click", async () => {
  await session.signOut();
  showAccount();
  location.hash = "#/";
});

showAccount();
loadCategories().then(render, render);

async function render() {
  stopCurrentView();
  stopCurrentView = () => {};
  const [path, search = ""] = (location.hash || "#/").split("?");
  const query = new URLSearchParams(search);
  for (const [pattern, page] of routes) {
    const match = pattern.exec(path);
    if (match) {
      show(el("p", { class: "muted" }, "Loading…"));
      try {
        await page(...match.slice(1), query);
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) {
          showAccount();
          show(notice("Please sign in first."), signInForm());
        } else {
          show(notice(describe(error)));
        }
      }
      highlightCategory(path);
      return;
    }
  }
  show(notice("There is no such page."), el("a", { href: "#/" }, "Back to the shop"));
}

function showAccount() {
  const saved = session.get();
  document.getElementById("account").textContent = saved ? saved.email : "";
  for (const id of ["signin-link", "register-link"]) document.getElementById(id).classList.toggle("hidden", !!saved);
  for (const id of ["signout-button", "orders-link"]) document.getElementById(id).classList.toggle("hidden", !saved);
  document.getElementById("dashboard-link").classList.toggle("hidden", !saved || !isAdmin(saved));
  refreshCartCount();
}

function isAdmin(saved) {
  try {
    const claims = JSON.parse(atob(saved.token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/")));
    return claims.role === "admin";
  } catch {
    return false;
  }
}

async function refreshCartCount(cart) {
  const badge = document.getElementById("cart-count");
  if (!session.get()) {
    badge.textContent = "0";
    return;
  }
  try {
    cart ??= await api("/api/cart");
    badge.textContent = String(cart.items.reduce((sum, item) => sum + item.quantity, 0));
  } catch {
    badge.textContent = "0";
  }
}

// ---- catalog ----

async function loadCategories() {
  categories = await api("/api/categories", { anonymous: true });
  const children = new Map();
  for (const c of categories) {
    const key = c.parentId ?? 0;
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(c);
  }
  const branch = (parentId) => {
    const list = children.get(parentId);
    if (!list) return null;
    return el("ul", {}, list.map((c) => el("li", {},
      el("a", { href: `#/category/${c.categoryId}`, "data-category": c.categoryId }, c.name),
      branch(c.categoryId))));
  };
  document.getElementById("category-tree").replaceChildren(branch(0) || el("p", { class: "muted" }, "No categories yet."));
}

function highlightCategory(path) {
  const current = /^#\/category\/(\d+)$/.exec(path)?.[1];
  for (const link of document.querySelectorAll("#category-tree a")) {
    link.classList.toggle("current", link.dataset.category === current);
  }
  // On a phone the tree folds away once the shopper is past the home page, so the content comes first.
  if (window.matchMedia("(max-width: 759px)").matches) {
    document.getElementById("category-menu").open = path === "#/" || path === "#" || path === "";
  }
}

async function home() {
  const roots = categories.filter((c) => c.level === 0);
  show(
    el("h1", {}, "Welcome"),
    el("p", { class: "muted" }, "Pick a category or search the catalog."),
    el("div", { class: "grid" }, roots.map((c) => el("a", { class: "card", href: `#/category/${c.categoryId}` },
      el("div", { class: "thumb" }, placeholder()), el("div", { class: "title" }, c.name)))));
}

async function categoryPage(categoryId, query) {
  const page = Number(query.get("page") || 1);
  const category = categories.find((c) => c.categoryId === categoryId);
  const result = await api(`/api/categories/${categoryId}/products?${new URLSearchParams({ includeDescendants: true, page, pageSize: PageSize })}`, { anonymous: true });
  show(
    el("h1", {}, category?.name ?? `Category ${categoryId}`),
    el("p", { class: "muted" }, `${result.total} products`),
    productGrid(result.items),
    pager(result, (p) => `#/category/${categoryId}?page=${p}`));
}

async function searchPage(query) {
  const q = query.get("q") || "";
  document.getElementById("search-input").value = q;
  const parameters = new URLSearchParams({ q, page: query.get("page") || 1, pageSize: PageSize });
  for (const name of ["categoryId", "brand", "minPrice", "maxPrice"]) {
    if (query.get(name)) parameters.set(name, query.get(name));
  }
  const result = await api(`/api/search?${parameters}`, { anonymous: true });

  const filters = el("form", { class: "filters", "data-testid": "search-filters" },
    el("label", {}, "Category", el("select", { name: "categoryId" }, el("option", { value: "" }, "All"),
      categories.map((c) => el("option", { value: c.categoryId, selected: String(c.categoryId) === query.get("categoryId") }, `${"· ".repeat(c.level)}${c.name}`)))),
    el("label", {}, "Brand", el("input", { name: "brand", value: query.get("brand") || "" })),
    el("label", {}, "Min price", el("input", { name: "minPrice", type: "number", min: 0, step: "any", value: query.get("minPrice") || "" })),
    el("label", {}, "Max price", el("input", { name: "maxPrice", type: "number", min: 0, step: "any", value: query.get("maxPrice") || "" })));
  filters.addEventListener("change", () => {
    const next = new URLSearchParams({ q });
    for (const [name, value] of new FormData(filters)) if (value) next.set(name, value);
    location.hash = `#/search?${next}`;
  });

  show(
    el("h1", {}, q ? `Search: ${q}` : "Search"),
    filters,
    el("p", { class: "muted", "data-testid": "search-total" }, `${result.total} results`),
    productGrid(result.items),
    pager(result, (p) => { const next = new URLSearchParams(parameters); next.set("page", p); return `#/search?${next}`; }));
}

function productGrid(items) {
  if (!items.length) return el("p", { class: "muted" }, "Nothing here yet.");
  return el("div", { class: "grid", "data-testid": "product-grid" }, items.map((p) => el("a", { class: "card", href: `#/product/${p.productId}`, "data-testid": "product-card" },
    el("div", { class: "thumb" }, p.mainImageUrl ? el("img", { src: p.mainImageUrl, alt: "", loading: "lazy" }) : placeholder()),
    el("div", { class: "title" }, p.title),
    el("div", { class: "brand-name" }, p.brand),
    el("div", { class: "price" }, money(p.minPrice)))));
}

function placeholder() {
  return el("img", { src: "/assets/placeholder.svg", alt: "", class: "placeholder" });
}

function pager(result, hrefOf) {
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  if (pages === 1) return null;
  return el("nav", { class: "pager", "aria-label": "Pages" },
    result.page > 1 ? el("a", { class: "button secondary", href: hrefOf(result.page - 1) }, "← Previous") : null,
    el("span", { class: "muted" }, `Page ${result.page} of ${pages}`),
    result.page < pages ? el("a", { class: "button secondary", href: hrefOf(result.page + 1) }, "Next →") : null);
}

async function productPage(productId) {
  const product = await api(`/api/products/${productId}`, { anonymous: true });
  const message = el("div");
  const availability = new Map();

  const variants = product.variants.map((v) => {
    const shown = el("span", { "data-testid": "availability" });
    availability.set(v.sku, shown);
    showAvailability(shown, v.available);
    const quantity = el("input", { type: "number", min: 1, max: 1000, value: 1, "aria-label": `Quantity of ${v.sku}` });
    const add = el("button", { type: "button", "data-testid": "add-to-cart" }, "Add to cart");
    add.addEventListener("click", async () => {
      if (!session.get()) {
        location.hash = "#/signin";
        return;
      }
      add.disabled = true;
      try {
        const cart = await api("/api/cart");
        const inCart = cart.items.find((i) => i.sku === v.sku)?.quantity ?? 0;
        const updated = await api(`/api/cart/items/${encodeURIComponent(v.sku)}`, { method: "PUT", body: { quantity: inCart + Number(quantity.value) } });
        refreshCartCount(updated);
        message.replaceChildren(notice(`Added ${quantity.value} × ${product.title} to the cart.`, "ok"), el("a", { href: "#/cart", "data-testid": "go-to-cart" }, "Go to the cart →"));
      } catch (error) {
        message.replaceChildren(notice(describe(error)));
      } finally {
        add.disabled = false;
      }
    });
    return el("div", { class: "variant", "data-sku": v.sku },
      el("div", { class: "row" }, el("strong", {}, Object.values(v.attributes ?? {}).join(" / ") || v.sku), el("span", { class: "spacer" }), el("span", { class: "price" }, money(v.price))),
      el("div", { class: "muted" }, `SKU ${v.sku}`, v.perUserLimit ? ` · at most ${v.perUserLimit} per customer` : ""),
      el("div", { class: "buy" }, shown, el("span", { class: "spacer" }), quantity, add));
  });

  const mainImage = product.images?.find((i) => i.main) ?? product.images?.[0];
  show(
    el("div", { class: "breadcrumbs" }, (product.categoryBreadcrumbs ?? []).flatMap((c, i) => [i ? " › " : "", el("a", { href: `#/category/${c.categoryId}` }, c.name)])),
    el("article", { class: "product" },
      el("div", {},
        el("div", { class: "card" }, el("div", { class: "thumb" }, mainImage ? el("img", { src: mainImage.url, alt: product.title }) : placeholder())),
        Object.keys(product.attributes ?? {}).length
          ? el("table", {}, el("tbody", {}, Object.entries(product.attributes).map(([k, v]) => el("tr", {}, el("th", {}, k), el("td", {}, v)))))
          : null),
      el("div", {},
        el("h1", { "data-testid": "product-title" }, product.title),
        el("p", { class: "muted" }, [product.brand, product.model].filter(Boolean).join(" · ")),
        el("p", {}, product.description),
        el("h2", {}, "Options"),
        variants,
        message)));

  // Availability is live: the SKU grains answer from memory, so a few seconds' polling is cheap.
  const timer = setInterval(async () => {
    for (const [sku, shown] of availability) {
      try {
        showAvailability(shown, (await api(`/api/inventory/${encodeURIComponent(sku)}`, { anonymous: true })).available);
      } catch {
        // Keep the last figure; the next tick tries again.
      }
    }
  }, 5000);
  stopCurrentView = () => clearInterval(timer);
}

function showAvailability(node, available) {
  node.className = available > 10 ? "stock-ok" : available > 0 ? "stock-low" : "stock-none";
  node.textContent = available > 0 ? `${available} available` : "Sold out";
}

// ---- cart and checkout ----

async function cartPage() {
  requireSignIn();
  const cart = await api("/api/cart");
  refreshCartCount(cart);
  const message = el("div");
  if (!cart.items.length) {
    show(el("h1", {}, "Cart"), el("p", { class: "muted", "data-testid": "cart-empty" }, "Your cart is empty."));
    return;
  }

  const lines = cart.items.map((item) => {
    const quantity = el("input", { type: "number", min: 0, max: 1000, value: item.quantity, "aria-label": `Quantity of ${item.sku}` });
    quantity.addEventListener("change", () => changeLine(item.sku, Number(quantity.value), message));
    const remove = el("button", { type: "button", class: "danger" }, "Remove");
    remove.addEventListener("click", () => changeLine(item.sku, 0, message));
    return el("tr", { "data-testid": "cart-line" },
      el("td", {}, item.sku, el("div", { class: item.available >= item.quantity ? "muted" : "stock-none" }, item.available >= item.quantity ? `${item.available} available` : `only ${item.available} available`)),
      el("td", { class: "num" }, money(item.unitPrice)),
      el("td", { class: "num" }, quantity),
      el("td", { class: "num" }, remove));
  });

  const token = el("select", { name: "paymentToken", "data-testid": "payment-token" },
    ["tok_ok", "tok_decline", "tok_error_then_ok", "tok_timeout_then_ok"].map((t) => el("option", { value: t }, t)));
  const checkout = el("button", { type: "submit", "data-testid": "checkout" }, "Place order");
  const form = el("form", {}, el("label", {}, "Payment (simulator token)", token), el("p", {}, checkout));
  // One key for this cart's checkout: pressing again after a network error cannot place a second order.
  const idempotencyKey = newIdempotencyKey();
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    checkout.disabled = true;
    try {
      const { body } = await api("/api/cart/checkout", { method: "POST", body: { paymentToken: token.value }, headers: { "Idempotency-Key": idempotencyKey }, withResponse: true });
      refreshCartCount();
      location.hash = `#/order/${encodeURIComponent(body.orderId)}`;
    } catch (error) {
      message.replaceChildren(notice(describe(error)));
      checkout.disabled = false;
    }
  });

  show(
    el("h1", {}, "Cart"),
    el("div", { class: "scroll" }, el("table", {},
      el("thead", {}, el("tr", {}, el("th", {}, "Item"), el("th", { class: "num" }, "Price"), el("th", { class: "num" }, "Qty"), el("th", {}))),
      el("tbody", {}, lines))),
    el("p", { class: "price", "data-testid": "cart-total" }, `Total ${money(cart.total)}`),
    message,
    form);
}

async function changeLine(sku, quantity, message) {
  try {
    const path = `/api/cart/items/${encodeURIComponent(sku)}`;
    await (quantity === 0 ? api(path, { method: "DELETE" }) : api(path, { method: "PUT", body: { quantity } }));
    await cartPage();
  } catch (error) {
    message.replaceChildren(notice(describe(error)));
  }
}

// ---- orders ----

async function ordersPage() {
  requireSignIn();
  const result = await api(`/api/orders?page=1&pageSize=${PageSize}`);
  show(
    el("h1", {}, "Your orders"),
    result.items.length
      ? el("div", { class: "scroll" }, el("table", {},
        el("thead", {}, el("tr", {}, el("th", {}, "Order"), el("th", {}, "Status"), el("th", { class: "num" }, "Total"), el("th", {}, "Placed"))),
        el("tbody", {}, result.items.map((o) => el("tr", {},
          el("td", {}, el("a", { href: `#/order/${encodeURIComponent(o.orderId)}` }, o.orderId)),
          el("td", {}, el("span", { class: `status ${o.status}` }, o.status)),
          el("td", { class: "num" }, money(o.totalAmount)),
          el("td", {}, when(o.createdAt)))))))
      : el("p", { class: "muted" }, "No orders yet."));
}

async function orderPage(orderId) {
  requireSignIn();
  let stopped = false;
  let timer;
  stopCurrentView = () => { stopped = true; clearTimeout(timer); };

  // Asynchronous request-reply: poll the order (the 202's Location) until its saga settles.
  const poll = async () => {
    const { body: order, response } = await api(`/api/orders/${encodeURIComponent(orderId)}`, { withResponse: true });
    if (stopped) return;
    showOrder(order);
    if (!Settled.has(order.status)) {
      const seconds = Number(response.headers.get("Retry-After")) || 1;
      timer = setTimeout(() => poll().catch((error) => view.append(notice(describe(error)))), seconds * 1000);
    }
  };
  await poll();
}

function showOrder(order) {
  const cancel = el("button", { type: "button", class: "danger", "data-testid": "cancel-order" }, order.status === "Completed" ? "Cancel and refund" : "Cancel order");
  cancel.addEventListener("click", async () => {
    cancel.disabled = true;
    try {
      await api(`/api/orders/${encodeURIComponent(order.orderId)}/cancel`, { method: "POST" });
      await orderPage(order.orderId);
    } catch (error) {
      view.append(notice(describe(error)));
    }
  });
  show(
    el("h1", {}, "Order"),
    el("p", { class: "muted" }, order.orderId),
    el("p", {}, "Status ", el("span", { class: `status ${order.status}`, "data-testid": "order-status" }, order.status),
      Settled.has(order.status) ? null : el("span", { class: "muted" }, " — updating…")),
    order.failureReason ? notice(`Reason: ${order.failureReason}`) : null,
    el("div", { class: "scroll" }, el("table", {},
      el("thead", {}, el("tr", {}, el("th", {}, "Item"), el("th", { class: "num" }, "Qty"), el("th", { class: "num" }, "Price"))),
      el("tbody", {}, order.items.map((i) => el("tr", {}, el("td", {}, i.sku), el("td", { class: "num" }, i.quantity), el("td", { class: "num" }, money(i.unitPrice))))))),
    el("p", { class: "price" }, `Total ${money(order.totalAmount)}`),
    order.status === "Pending" || order.status === "Completed" ? cancel : null,
    el("h2", {}, "History"),
    el("ol", { "data-testid": "order-history" }, order.history.map((h) => el("li", {}, `${h.step} `, el("span", { class: "muted" }, when(h.at))))));
}

// ---- accounts ----

function requireSignIn() {
  if (!session.get()) throw new ApiError(401, { detail: "Please sign in first." });
}

function signInPage() {
  show(el("div", { class: "narrow" }, el("h1", {}, "Sign in"), signInForm(), el("p", {}, "New here? ", el("a", { href: "#/register" }, "Create an account"))));
}

function signInForm() {
  const message = el("div");
  const form = el("form", { "data-testid": "signin-form" },
    el("label", {}, "Email", el("input", { name: "email", type: "email", required: true, autocomplete: "username" })),
    el("label", {}, "Password", el("input", { name: "password", type: "password", required: true, autocomplete: "current-password" })),
    message,
    el("p", {}, el("button", { type: "submit" }, "Sign in")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      await session.signIn(String(data.get("email")).trim(), String(data.get("password")));
      showAccount();
      location.hash = "#/";
    } catch (error) {
      message.replaceChildren(notice(error instanceof ApiError && error.status === 401 ? "Wrong email or password." : describe(error)));
    }
  });
  return form;
}

function registerPage() {
  const message = el("div");
  const form = el("form", { "data-testid": "register-form" },
    el("label", {}, "Name", el("input", { name: "name", required: true, maxlength: 100, autocomplete: "name" })),
    el("label", {}, "Email", el("input", { name: "email", type: "email", required: true, autocomplete: "username" })),
    el("label", {}, "Password (at least 8 characters)", el("input", { name: "password", type: "password", required: true, minlength: 8, autocomplete: "new-password" })),
    message,
    el("p", {}, el("button", { type: "submit" }, "Create account")));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const email = String(data.get("email")).trim();
    try {
      await api("/api/users", { method: "POST", body: { email, password: String(data.get("password")), name: String(data.get("name")).trim() }, anonymous: true });
      await session.signIn(email, String(data.get("password")));
      showAccount();
      location.hash = "#/";
    } catch (error) {
      message.replaceChildren(notice(describe(error)));
    }
  });
  show(el("div", { class: "narrow" }, el("h1", {}, "Create an account"), form));
}
