// wallbreak web page: renders /api/v1/timeline grouped by year and month.
"use strict";
(function () {
  const $ = (id) => document.getElementById(id);
  const months = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  const actorNames = {};

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v; else e.setAttribute(k, v);
    }
    for (const c of children) if (c != null) e.append(c);
    return e;
  }

  // How a TIMEX date reads: 2022-10 → "Oct 2022", 2023-Q3 → "Q3 2023".
  function formatDate(ev) {
    const v = ev.date;
    let s = v;
    const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(v);
    if (m) s = (m[3] ? Number(m[3]) + " " : "") + months[Number(m[2]) - 1].slice(0, 3) + " " + m[1];
    else if (/^\d{4}-[QH]\d$/.test(v)) s = v.slice(5) + " " + v.slice(0, 4);
    const mods = { BEFORE: "before", AFTER: "after", START: "early", MID: "mid", END: "late", APPROX: "about", SINCE: "since" };
    return (ev.mod && mods[ev.mod] ? mods[ev.mod] + " " : "") + s;
  }

  function renderEvent(ev) {
    const chips = el("div", { class: "chips" });
    for (const a of ev.actors) chips.append(el("span", { class: "chip actor", "data-actor": a }, actorNames[a] || a));
    chips.append(el("span", { class: "chip category" }, ev.category));
    chips.append(el("span", { class: "chip count" }, ev.source_count + (ev.source_count === 1 ? " source" : " sources")));
    if (ev.date_conflicts && ev.date_conflicts.length) {
      chips.append(el("span", { class: "chip conflict", title: "other dates given by some sources" },
        "also dated " + ev.date_conflicts.map((c) => c.date).join(", ")));
    }
    const sources = el("ul", { class: "sources" });
    for (const s of ev.sources) {
      const pub = s.publisher ? " — " + s.publisher : "";
      const when = s.published_at ? " · " + s.published_at.slice(0, 10) : "";
      sources.append(el("li", { lang: s.lang },
        el("a", { href: s.url, rel: "noopener", target: "_blank" }, s.title || s.url), pub + when + " · " + s.lang));
    }
    return el("article", { class: "event", "data-date": ev.date, "data-start": ev.start },
      el("div", { class: "date" }, formatDate(ev), el("small", {}, ev.precision)),
      el("div", {}, el("p", { class: "title" }, ev.title), chips, sources));
  }

  function render(events) {
    const root = $("timeline");
    root.replaceChildren();
    let year = null, month = null;
    for (const ev of events) {
      const y = ev.start.slice(0, 4), mo = ev.precision === "year" ? "" : ev.start.slice(5, 7);
      if (y !== year) { root.append(el("h2", { class: "year" }, y)); year = y; month = null; }
      if (mo !== month) {
        if (mo) root.append(el("h3", { class: "month" }, months[Number(mo) - 1]));
        month = mo;
      }
      root.append(renderEvent(ev));
    }
  }

  async function load() {
    const params = new URLSearchParams();
    for (const k of ["q", "actor", "category"]) { const v = $(k).value.trim(); if (v) params.set(k, v); }
    params.set("limit", "500");
    $("status").textContent = "Loading the timeline…";
    try {
      const res = await fetch("/api/v1/timeline?" + params.toString());
      const body = await res.json();
      if (!res.ok) throw new Error(body.detail || res.statusText);
      render(body.events);
      $("status").textContent = body.events.length + " of " + body.total + " events" + (params.toString() !== "limit=500" ? " matching the filters" : "");
      loadTrend(params.get("q") || "");
    } catch (err) {
      $("status").textContent = "Could not load the timeline: " + err.message;
    }
  }

  // The trend chart: articles and posts per month for the current query,
  // as SVG bars; months that spike above their baseline are marked.
  async function loadTrend(q) {
    const chart = $("trend-chart");
    try {
      const res = await fetch("/api/v1/trends?interval=month" + (q ? "&q=" + encodeURIComponent(q) : ""));
      const body = await res.json();
      if (!res.ok) throw new Error(body.detail || res.statusText);
      const b = body.buckets;
      chart.replaceChildren();
      if (!b.length) { chart.append(el("p", { class: "muted" }, "No articles for this query.")); return; }
      const ns = "http://www.w3.org/2000/svg", W = 800, H = 120, pad = 18;
      const max = Math.max(...b.map((x) => x.total), 1), bw = (W - 2) / b.length;
      const svg = document.createElementNS(ns, "svg");
      svg.setAttribute("viewBox", "0 0 " + W + " " + (H + pad));
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", "Articles and posts per month");
      b.forEach((x, i) => {
        const h = Math.round((x.total / max) * (H - 4));
        const r = document.createElementNS(ns, "rect");
        r.setAttribute("x", String(1 + i * bw)); r.setAttribute("width", String(Math.max(bw - 1, 1)));
        r.setAttribute("y", String(H - h)); r.setAttribute("height", String(h));
        r.setAttribute("class", x.spike ? "bar spike" : "bar");
        const t = document.createElementNS(ns, "title");
        t.textContent = x.start.slice(0, 7) + ": " + x.total + " (" + x.articles + " articles, " + x.posts + " posts)" + (x.spike ? " — spike" : "");
        r.append(t);
        svg.append(r);
      });
      for (const [i, label] of [[0, b[0].start.slice(0, 7)], [b.length - 1, b[b.length - 1].start.slice(0, 7)]]) {
        const t = document.createElementNS(ns, "text");
        t.setAttribute("x", String(i === 0 ? 1 : W - 1)); t.setAttribute("y", String(H + pad - 4));
        t.setAttribute("text-anchor", i === 0 ? "start" : "end"); t.setAttribute("class", "axis");
        t.textContent = label;
        svg.append(t);
      }
      chart.append(svg);
    } catch (err) {
      chart.replaceChildren(el("p", { class: "muted" }, "No trend: " + err.message));
    }
  }

  async function loadFilters() {
    try {
      const res = await fetch("/api/v1/actors");
      const body = await res.json();
      for (const a of body.actors) {
        actorNames[a.id] = a.name;
        $("actor").append(el("option", { value: a.id }, a.name));
      }
      for (const c of body.categories) $("category").append(el("option", { value: c }, c));
    } catch (err) { /* filters stay minimal */ }
  }

  $("filters").addEventListener("submit", (e) => { e.preventDefault(); load(); });
  $("actor").addEventListener("change", load);
  $("category").addEventListener("change", load);
  loadFilters().then(load);
})();
