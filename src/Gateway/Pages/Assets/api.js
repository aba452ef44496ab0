// The browsable API reference: renders /openapi/v1.json — each operation with its parameters, body, responses and
// the problem codes it can answer — grouped by tag, with a filter.
import { el, notice } from "/assets/shop.js";

const container = document.getElementById("operations");
const filter = document.getElementById("filter");

load();

async function load() {
  try {
    const response = await fetch("/openapi/v1.json", { headers: { Accept: "application/json" } });
    const document_ = await response.json();
    document.getElementById("title").textContent = `${document_.info?.title ?? "API"} ${document_.info?.version ?? ""}`;
    const operations = Object.entries(document_.paths).flatMap(([path, methods]) =>
      Object.entries(methods).filter(([method]) => ["get", "put", "post", "delete", "patch"].includes(method))
        .map(([method, operation]) => ({ path, method, operation, tag: operation.tags?.[0] ?? "Other" })));
    const render = () => {
      const term = filter.value.trim().toLowerCase();
      const shown = operations.filter((o) => !term || `${o.method} ${o.path} ${o.operation.operationId ?? ""} ${o.tag}`.toLowerCase().includes(term));
      const tags = [...new Set(shown.map((o) => o.tag))];
      container.replaceChildren(...tags.map((tag) => el("section", { class: "panel" },
        el("h2", {}, tag),
        shown.filter((o) => o.tag === tag).map((o) => operationView(o, document_)))));
    };
    filter.addEventListener("input", render);
    render();
  } catch (error) {
    container.replaceChildren(notice(`The OpenAPI document could not be read: ${error.message}`));
  }
}

function operationView({ path, method, operation }, document_) {
  const parameters = operation.parameters ?? [];
  const body = operation.requestBody?.content?.["application/json"]?.schema;
  const responses = Object.entries(operation.responses ?? {});
  return el("details", { class: "variant", "data-testid": "operation" },
    el("summary", {}, el("strong", {}, method.toUpperCase()), " ", el("code", {}, path), operation.operationId ? el("span", { class: "muted" }, ` · ${operation.operationId}`) : null),
    operation.summary || operation.description ? el("p", {}, operation.summary ?? operation.description) : null,
    parameters.length ? el("table", {}, el("tbody", {}, parameters.map((p) => el("tr", {},
      el("td", {}, el("code", {}, p.name)), el("td", { class: "muted" }, p.in), el("td", {}, typeOf(p.schema, document_)), el("td", {}, p.required ? "required" : ""))))) : null,
    body ? el("p", {}, "Body: ", el("code", {}, typeOf(body, document_))) : null,
    el("table", {}, el("tbody", {}, responses.map(([status, response]) => el("tr", {},
      el("td", {}, el("strong", {}, status)),
      el("td", {}, response.description ?? ""),
      el("td", {}, typeOf(Object.values(response.content ?? {})[0]?.schema, document_)))))));
}

function typeOf(schema, document_) {
  if (!schema) return "";
  if (schema.$ref) return schema.$ref.split("/").pop();
  if (schema.type === "array") return `${typeOf(schema.items, document_)}[]`;
  return Array.isArray(schema.type) ? schema.type.filter((t) => t !== "null").join("|") : (schema.type ?? "object");
}
