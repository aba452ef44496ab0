// The commerce operations page: refreshes itself every few seconds from GET /api/admin/operations and
// GET /api/admin/cluster, draws the short history the gateway keeps as charts, and replays or discards dead letters.
import { api, ApiError, describe, el, notice, session, when } from "/assets/shop.js";

const RefreshMs = 3000;
const Statuses = ["Pending", "Completed", "Cancelled", "Refunded"];
const Colors = { Pending: "#a86200", Completed: "#1d7a46", Cancelled: "#b3261e", Refunded: "#7b3fb3", events: "#2b59c3", queue: "#2b59c3", readModel: "#a86200", deadLetters: "#b3261e", stuck: "#5d6677" };
const message = document.getElementById("message");
let timer;

document.getElementById("signout-button").addEventListener("click", async () => {
  await session.signOut();
  location.reload();
});

refresh();

async function refresh() {
  clearTimeout(timer);
  try {
    if (!session.get()) throw new ApiError(401, { detail: "The session has ended; sign in again." });
    const [operations, cluster] = await Promise.all([api("/api/admin/operations"), api("/api/admin/cluster")]);
    show(operations, cluster);
    message.querySelector(".refresh-failed")?.remove();
    document.getElementById("refreshed").textContent = `Updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
      // The cookie that opened this page outlived the token kept in this browser: the sign-in page asks again.
      await session.signOut();
      location.reload();
      return;
    }
    const failed = notice(`Refresh failed: ${describe(error)}`);
    failed.classList.add("refresh-failed");
    message.querySelector(".refresh-failed")?.remove();
    message.append(failed);
  }
  timer = setTimeout(refresh, RefreshMs);
}

function show(o, cluster) {
  const lags = Object.fromEntries(o.readModels.map((r) => [r.name, r.lagMs]));
  const maxQueueLag = Math.max(0, ...o.queues.map((q) => q.lagMs));
  document.getElementById("tiles").replaceChildren(
    tile("Silos", o.silos, "silos"),
    tile("Events/s", o.eventsPerSecond.toFixed(1), "events-per-second"),
    tile("Max queue lag", ms(maxQueueLag), "queue-lag"),
    ...o.readModels.map((r) => tile(`Read model lag: ${r.name}`, ms(r.lagMs), `read-model-${r.name}`)),
    tile("Dead letters", o.deadLetters.open, "dead-letter-count"),
    tile("Stuck sagas", o.stuckSagas.length, "stuck-count"),
    ...Statuses.map((s) => tile(`Orders ${s}`, o.ordersByStatus[s] ?? 0, `orders-${s}`)));

  const history = o.history;
  document.getElementById("charts").replaceChildren(
    chart("Orders by status", history, Statuses.map((s) => ({ name: s, color: Colors[s], value: (h) => h.ordersByStatus[s] ?? 0 }))),
    chart("Events handled per second", history, [{ name: "events/s", color: Colors.events, value: (h) => h.eventsPerSecond }]),
    chart("Lag (ms)", history, [
      { name: "max queue lag", color: Colors.queue, value: (h) => h.maxQueueLagMs },
      { name: "read-model lag", color: Colors.readModel, value: (h) => h.readModelLagMs }]),
    chart("Dead letters and stuck sagas", history, [
      { name: "dead letters", color: Colors.deadLetters, value: (h) => h.deadLetters },
      { name: "stuck sagas", color: Colors.stuck, value: (h) => h.stuckSagas }]));

  document.getElementById("dead-letters").replaceChildren(o.deadLetters.latest.length
    ? table(["Id", "Stream", "Event", "Error", "Attempts", "Failed", ""], o.deadLetters.latest.map((d) => [
      d.id, d.stream, d.eventType, d.error, d.attempts, when(d.failedAt),
      el("span", { class: "row" },
        button("Replay", `replay-${d.id}`, () => act(`/api/admin/dead-letters/${d.id}/replay`, "POST", `Dead letter ${d.id} replayed.`)),
        button("Discard", `discard-${d.id}`, () => act(`/api/admin/dead-letters/${d.id}`, "DELETE", `Dead letter ${d.id} discarded.`), "danger"))]))
    : el("p", { class: "muted" }, "No dead letters."));

  document.getElementById("stuck-sagas").replaceChildren(o.stuckSagas.length
    ? table(["Order", "Status", "Step", "User", "Last moved"], o.stuckSagas.map((s) => [s.orderId, s.status, s.step, s.userId, when(s.updatedAt)]))
    : el("p", { class: "muted" }, "No saga is stuck."));

  document.getElementById("hot-skus").replaceChildren(o.hotSkus.length
    ? table(["SKU", "Reservations", "Stock", "Reserved", "Sold", "Available"], o.hotSkus.map((s) => [s.sku, s.reservations, s.stock, s.reserved, s.sold, s.available]), [1, 2, 3, 4, 5])
    : el("p", { class: "muted" }, "No reservations lately."));

  document.getElementById("queues").replaceChildren(o.queues.length
    ? table(["Queue", "Events/s", "Lag", "Handled"], o.queues.map((q) => [q.queue, q.eventsPerSecond.toFixed(1), ms(q.lagMs), q.handled]), [1, 2, 3])
    : el("p", { class: "muted" }, "No events handled yet."));

  document.getElementById("silos").replaceChildren(
    table(["Silo", "Address", "Status", "Started", "Activations"], cluster.silos.map((s) => [s.id, s.address, s.status, when(s.startedAt), s.activations]), [4]));
}

async function act(path, method, done) {
  try {
    await api(path, { method });
    message.replaceChildren(notice(done, "ok"));
  } catch (error) {
    message.replaceChildren(notice(describe(error)));
  }
  refresh();
}

function tile(label, value, id) {
  return el("div", { class: "tile", "data-testid": `tile-${id}` }, el("div", { class: "value" }, value), el("div", { class: "label" }, label));
}

function button(text, testId, onclick, kind = "secondary") {
  return el("button", { type: "button", class: kind, "data-testid": testId, onclick }, text);
}

function table(headings, rows, numeric = []) {
  return el("table", {},
    el("thead", {}, el("tr", {}, headings.map((h, i) => el("th", { class: numeric.includes(i) ? "num" : null }, h)))),
    el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((c, i) => el("td", { class: numeric.includes(i) ? "num" : null }, c))))));
}

function ms(value) {
  return value >= 1000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
}

/** A line chart of the history, drawn as SVG: one polyline per series, scaled to the largest value shown. */
function chart(title, history, series) {
  const svgNs = "http://www.w3.org/2000/svg";
  const width = 300;
  const height = 90;
  const svg = document.createElementNS(svgNs, "svg");
  svg.setAttribute("class", "chart");
  svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
  svg.setAttribute("preserveAspectRatio", "none");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", title);
  const axis = document.createElementNS(svgNs, "line");
  axis.setAttribute("class", "axis");
  axis.setAttribute("x1", 0); axis.setAttribute("y1", height - 1); axis.setAttribute("x2", width); axis.setAttribute("y2", height - 1);
  svg.append(axis);
  const top = Math.max(1, ...history.flatMap((h) => series.map((s) => s.value(h))));
  for (const s of series) {
    if (history.length < 2) break;
    const line = document.createElementNS(svgNs, "polyline");
    line.setAttribute("stroke", s.color);
    line.setAttribute("points", history.map((h, i) => `${(i / (history.length - 1)) * width},${height - 2 - (s.value(h) / top) * (height - 6)}`).join(" "));
    svg.append(line);
  }
  const last = history.at(-1);
  return el("div", { class: "panel" },
    el("div", { class: "row" }, el("strong", {}, title), el("span", { class: "spacer" }), el("span", { class: "muted" }, history.length ? `${history.length} samples, max ${Math.round(top)}` : "no samples yet")),
    svg,
    el("div", { class: "legend" }, series.map((s) => el("span", {}, swatch(s.color), `${s.name}${last ? `: ${Math.round(s.value(last) * 10) / 10}` : ""}`))));
}

// Colours go through the CSSOM, which the pages' Content-Security-Policy allows (style attributes it does not).
function swatch(color) {
  const node = el("i");
  node.style.background = color;
  return node;
}
