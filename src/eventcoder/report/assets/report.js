/* eventcoder report: draws the markers, the timeline, the control bands and the event table from the data embedded
   in the page. Plain DOM and SVG, no library, nothing fetched. Text from documents is only ever set as text. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var events = data.events;
  var docs = data.documents;
  var typeColour = {};
  data.types.forEach(function (t) { typeColour[t.name] = t.colour; });
  var state = { text: "", off: {}, place: null, sortKey: "date", sortDir: 1, shown: 100, open: {} };
  var PAGE = 100;

  function el(tag, attrs, text) {
    var n = document.createElement(tag);
    for (var k in attrs || {}) { n.setAttribute(k, attrs[k]); }
    if (text !== undefined && text !== null) { n.textContent = text; }
    return n;
  }
  function sv(tag, attrs, text) {
    var n = document.createElementNS(SVG, tag);
    for (var k in attrs || {}) { n.setAttribute(k, attrs[k]); }
    if (text !== undefined && text !== null) { n.textContent = text; }
    return n;
  }
  function fmt(n) { return n === null || n === undefined ? "" : Number(n).toLocaleString("en"); }
  function short(n) {
    if (n >= 1e6) { return (n / 1e6).toFixed(n >= 1e7 ? 0 : 1) + "M"; }
    if (n >= 1e4) { return Math.round(n / 1e3) + "k"; }
    return fmt(n);
  }
  function docLabel(i) { var d = docs[i]; return d ? (d.title || d.id) : "?"; }
  function colourOf(type) { return typeColour[type] || "#777"; }

  // ------------------------------------------------------------ summary and filters
  var t = data.totals;
  var summary = document.getElementById("summary");
  if (!t.events) {
    summary.appendChild(el("b", {}, "No event in " + data.store + (data.scope ? " " + data.scope : "") + "."));
    summary.appendChild(document.createTextNode(" Widen the filters the report was made with (--place, --from, --to, --country)."));
  } else {
    summary.appendChild(el("b", {}, fmt(t.events)));
    summary.appendChild(document.createTextNode(" events, "));
    summary.appendChild(el("b", {}, fmt(t.fatalities)));
    summary.appendChild(document.createTextNode(" fatalities (conservative), " + fmt(t.places) + " places, " +
      fmt(t.documents) + " documents" + (t.first ? ", " + t.first + " to " + t.last : "") +
      (data.scope ? " — " + data.scope : "") + "."));
    if (data.periods.length) {
      // a toll over a period counts dead the events may count again: never added to their sum
      summary.appendChild(document.createTextNode(" Not in that sum: " + fmt(data.periods.length) +
        (data.periods.length === 1 ? " toll" : " tolls") + " over a period (" + fmt(t.period_dead) + " dead), listed below the events."));
    }
  }
  document.getElementById("store-name").textContent = data.store + " (eventcoder " + data.version + ")";

  events.forEach(function (e) {
    var words = [e.date, e.type, e.sub, e.a1, e.aa1, e.a2, e.aa2, e.loc, e.adm1, e.country, e.trigger, e.id];
    e.docs.forEach(function (i) { words.push(docs[i].id, docs[i].title, docs[i].source); });
    e.claims.forEach(function (c) { words.push(c.source); });
    e.ev.forEach(function (v) { words.push(v[1]); });
    e.hay = words.join(" \u0001 ").toLowerCase();
    e.src = e.docs.map(docLabel).join("; ");
  });

  var toggles = document.getElementById("type-toggles");
  data.types.forEach(function (ty) {
    var count = events.filter(function (e) { return e.type === ty.name; }).length;
    var b = el("button", { "class": "type-toggle", type: "button", "aria-pressed": "true", "data-type": ty.name });
    b.appendChild(el("span", { "class": "swatch", style: "background:" + ty.colour }));
    b.appendChild(document.createTextNode(ty.name + " (" + fmt(count) + ")"));
    b.addEventListener("click", function () {
      state.off[ty.name] = !state.off[ty.name];
      b.setAttribute("aria-pressed", state.off[ty.name] ? "false" : "true");
      refresh();
    });
    toggles.appendChild(b);
  });
  var textInput = document.getElementById("filter-text");
  var typing = null;
  textInput.addEventListener("input", function () {
    clearTimeout(typing);
    typing = setTimeout(function () { state.text = textInput.value.trim().toLowerCase(); refresh(); }, 150);
  });
  var clearButton = document.getElementById("filter-clear");
  clearButton.addEventListener("click", function () {
    state.text = ""; textInput.value = ""; state.place = null; state.off = {};
    toggles.querySelectorAll("button").forEach(function (b) { b.setAttribute("aria-pressed", "true"); });
    refresh();
  });

  function visible(e) {
    if (state.off[e.type]) { return false; }
    if (state.place && !(e.loc === state.place.loc && e.lat === state.place.lat && e.lon === state.place.lon)) { return false; }
    if (state.text) {
      var terms = state.text.split(/\s+/);
      for (var i = 0; i < terms.length; i++) { if (e.hay.indexOf(terms[i]) < 0) { return false; } }
    }
    return true;
  }

  // ------------------------------------------------------------ map
  var map = document.getElementById("map");
  var proj = data.map;
  var markers = document.getElementById("markers");
  var tip = document.getElementById("map-tip");
  var zoom = 1;
  var view = { x: 0, y: 0, w: proj.width, h: proj.height };
  // on-screen pixels: the area grows with the dead, up to a cap so that a world war does not cover a continent
  function radius(e) { return Math.min(4.5 + 0.6 * Math.sqrt(e.fat || 0), 24); }
  var placed = events.filter(function (e) { return e.lat !== null && e.lon !== null; });
  var atPlace = {};
  placed.forEach(function (e) { var k = e.loc + "|" + e.lat + "|" + e.lon; atPlace[k] = (atPlace[k] || 0) + 1; });
  // big first, so a small marker on the same place stays on top and can be picked
  placed.slice().sort(function (a, b) { return radius(b) - radius(a) || (a.date < b.date ? -1 : 1); }).forEach(function (e) {
    var c = sv("circle", { cx: ((e.lon - proj.west) * proj.kx).toFixed(1), cy: ((proj.north - e.lat) * proj.ky).toFixed(1),
      r: radius(e).toFixed(1), fill: colourOf(e.type), "data-id": e.id });
    c.appendChild(sv("title", {}, e.loc + " — " + e.date + ", " + e.sub + (e.fat ? ", " + fmt(e.fat) + " killed" : "")));
    e.marker = c;
    markers.appendChild(c);
  });
  var unplaced = events.length - placed.length;
  if (unplaced) { document.getElementById("unplaced").textContent = fmt(unplaced) + " events without coordinates are in the table only."; }

  function tipFor(e, x, y) {
    var k = e.loc + "|" + e.lat + "|" + e.lon;
    tip.textContent = "";
    tip.appendChild(el("b", {}, e.loc));
    tip.appendChild(el("div", {}, [e.adm1, e.country].filter(Boolean).join(", ")));
    tip.appendChild(el("div", {}, e.date + " · " + e.sub + (e.fat ? " · " + fmt(e.fat) + " killed" : "")));
    if (atPlace[k] > 1) { tip.appendChild(el("div", {}, fmt(atPlace[k]) + " events here: click to list them")); }
    var box = map.parentNode.getBoundingClientRect();
    tip.hidden = false;
    tip.style.left = Math.min(x - box.left + 12, box.width - tip.offsetWidth - 4) + "px";
    tip.style.top = Math.max(y - box.top - tip.offsetHeight - 10, 4) + "px";
  }
  var byId = {};
  events.forEach(function (e) { byId[e.id] = e; });
  markers.addEventListener("mouseover", function (ev) {
    var e = byId[ev.target.getAttribute("data-id")];
    if (e) { tipFor(e, ev.clientX, ev.clientY); }
  });
  markers.addEventListener("mouseout", function () { tip.hidden = true; });
  markers.addEventListener("click", function (ev) {
    var e = byId[ev.target.getAttribute("data-id")];
    if (!e) { return; }
    state.place = { loc: e.loc, lat: e.lat, lon: e.lon };
    tipFor(e, ev.clientX, ev.clientY);
    refresh();
    document.getElementById("table-section").scrollIntoView({ behavior: "smooth" });
  });

  function setView() {
    map.setAttribute("viewBox", view.x + " " + view.y + " " + view.w + " " + view.h);
    // markers and names keep a legible size on screen: larger in map units on a narrow screen, smaller when zoomed
    var box = map.getBoundingClientRect();
    var unitsPerPixel = box.width && box.height ? Math.max(proj.width / box.width, proj.height / box.height) : 1;
    // the same size on screen at any zoom; on a narrow screen a little smaller, not to bury the map
    var scale = unitsPerPixel / zoom * Math.min(1, Math.sqrt((box.width || 900) / 900));
    placed.forEach(function (e) { e.marker.setAttribute("r", (radius(e) * scale).toFixed(2)); });
    map.querySelectorAll(".labels text").forEach(function (n) {
      var country = n.classList.contains("country-label");
      n.style.fontSize = (country ? 12 : 10) * unitsPerPixel / zoom + "px";
      // a name shows where its land is wide enough on screen for it (provinces only once they are well apart)
      var room = (+n.getAttribute("data-w")) / unitsPerPixel * zoom;
      n.style.display = room >= n.textContent.length * (country ? 7.5 : 9) ? "" : "none";
    });
  }
  function zoomAt(factor, cx, cy) {
    var nz = Math.min(Math.max(zoom * factor, 1), 60);
    factor = nz / zoom;
    zoom = nz;
    var w = proj.width / zoom, h = proj.height / zoom;
    view.x = Math.min(Math.max(cx - (cx - view.x) / factor, 0), proj.width - w);
    view.y = Math.min(Math.max(cy - (cy - view.y) / factor, 0), proj.height - h);
    view.w = w; view.h = h;
    setView();
  }
  function svgPoint(clientX, clientY) {
    var r = map.getBoundingClientRect();
    return { x: view.x + (clientX - r.left) / r.width * view.w, y: view.y + (clientY - r.top) / r.height * view.h };
  }
  map.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = svgPoint(ev.clientX, ev.clientY);
    zoomAt(ev.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
  }, { passive: false });
  var drag = null;
  map.addEventListener("pointerdown", function (ev) {
    if (ev.target.tagName === "circle") { return; }
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y };
    map.setPointerCapture(ev.pointerId);
  });
  map.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    var r = map.getBoundingClientRect();
    view.x = Math.min(Math.max(drag.vx - (ev.clientX - drag.x) / r.width * view.w, 0), proj.width - view.w);
    view.y = Math.min(Math.max(drag.vy - (ev.clientY - drag.y) / r.height * view.h, 0), proj.height - view.h);
    setView();
  });
  map.addEventListener("pointerup", function () { drag = null; });
  document.getElementById("zoom-in").addEventListener("click", function () { zoomAt(1.6, view.x + view.w / 2, view.y + view.h / 2); });
  document.getElementById("zoom-out").addEventListener("click", function () { zoomAt(1 / 1.6, view.x + view.w / 2, view.y + view.h / 2); });
  document.getElementById("zoom-reset").addEventListener("click", function () { zoom = 1; view = { x: 0, y: 0, w: proj.width, h: proj.height }; setView(); });

  // ------------------------------------------------------------ timeline
  function isoWeekStart(day) {
    var d = new Date(day + "T00:00:00Z");
    var dow = (d.getUTCDay() + 6) % 7;
    d.setUTCDate(d.getUTCDate() - dow);
    return d.toISOString().slice(0, 10);
  }
  function pad4(y) { var s = String(y); while (s.length < 4) { s = "0" + s; } return s; }
  function binning(list) {
    var first = list[0].date, last = list[list.length - 1].date;
    var days = (Date.parse(last + "T00:00:00Z") - Date.parse(first + "T00:00:00Z")) / 86400000;
    if (days <= 200) { return "week"; }
    if (days <= 366 * 12) { return "month"; }
    return "year";
  }
  function binOf(unit, day) {
    if (unit === "week") { return isoWeekStart(day); }
    if (unit === "month") { return day.slice(0, 7); }
    return day.slice(0, 4);
  }
  function nextBin(unit, key) {
    if (unit === "week") { var d = new Date(key + "T00:00:00Z"); d.setUTCDate(d.getUTCDate() + 7); return d.toISOString().slice(0, 10); }
    if (unit === "month") { var y = +key.slice(0, 4), m = +key.slice(5, 7) + 1; if (m > 12) { m = 1; y += 1; } return pad4(y) + "-" + (m < 10 ? "0" : "") + m; }
    return pad4(+key + 1);
  }
  function drawTimeline(list) {
    var tl = document.getElementById("timeline"), ft = document.getElementById("fatalities");
    tl.textContent = ""; ft.textContent = "";
    // drawn at the width it is shown at, so its text stays legible on a phone
    var W = Math.max(300, Math.round(tl.parentNode.clientWidth || 1000)), H = W < 600 ? 160 : 200, FH = 100;
    var left = 44, right = 8, top = 8, bottom = 24;
    tl.setAttribute("viewBox", "0 0 " + W + " " + H);
    ft.setAttribute("viewBox", "0 0 " + W + " " + FH);
    var dated = list.filter(function (e) { return e.date; }).sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : 0; });
    if (!dated.length) { tl.appendChild(sv("text", { x: 20, y: 30 }, "No events to show.")); return; }
    var unit = binning(dated);
    document.getElementById("timeline-unit").textContent = "events per " + unit + ", by type";
    var bins = [], index = {};
    var key = binOf(unit, dated[0].date), lastKey = binOf(unit, dated[dated.length - 1].date);
    for (var guard = 0; guard < 5000; guard++) {
      index[key] = bins.length; bins.push({ key: key, n: 0, fat: 0, byType: {} });
      if (key >= lastKey) { break; }
      key = nextBin(unit, key);
    }
    dated.forEach(function (e) {
      var b = bins[index[binOf(unit, e.date)]];
      if (!b) { return; }
      b.n += 1; b.fat += e.fat || 0; b.byType[e.type] = (b.byType[e.type] || 0) + 1;
    });
    var maxN = Math.max.apply(null, bins.map(function (b) { return b.n; }).concat([1]));
    var maxF = Math.max.apply(null, bins.map(function (b) { return b.fat; }).concat([1]));
    var bw = (W - left - right) / bins.length;
    function axis(svg, height, max) {
      var g = sv("g", { "class": "axis" });
      [0, 0.5, 1].forEach(function (f) {
        var y = top + (height - top - bottom) * (1 - f);
        g.appendChild(sv("line", { "class": "gridline", x1: left, x2: W - right, y1: y, y2: y }));
        g.appendChild(sv("text", { x: left - 5, y: y + 4, "text-anchor": "end" }, short(Math.round(max * f))));
      });
      // ticks on round steps of the unit: every 1, 2, 5, 10, 25, 50 or 100 years (or months, or weeks)
      var room = Math.max(2, Math.floor((W - left) / 64));
      var steps = { year: [1, 2, 5, 10, 25, 50, 100, 250, 500], month: [1, 2, 3, 6, 12, 24, 60, 120], week: [1, 2, 4, 8, 13, 26, 52] }[unit];
      var step = steps.find(function (k) { return bins.length / k <= room; }) || steps[steps.length - 1];
      bins.forEach(function (b, i) {
        var n = unit === "year" ? +b.key : unit === "month" ? (+b.key.slice(0, 4)) * 12 + (+b.key.slice(5, 7)) - 1 : i;
        if (n % step) { return; }
        var x = left + i * bw + bw / 2;
        g.appendChild(sv("line", { x1: x, x2: x, y1: height - bottom, y2: height - bottom + 4 }));
        g.appendChild(sv("text", { x: x, y: height - 6, "text-anchor": "middle" }, b.key));
      });
      svg.appendChild(g);
    }
    axis(tl, H, maxN);
    axis(ft, FH, maxF);
    var plotH = H - top - bottom, fplotH = FH - top - bottom;
    var order = data.types.map(function (x) { return x.name; });
    bins.forEach(function (b, i) {
      var x = left + i * bw + Math.min(1, bw * 0.1), w = Math.max(bw - Math.min(2, bw * 0.2), 0.8), y = top + plotH;
      var g = sv("g", {});
      var parts = [];
      order.forEach(function (ty) {
        var n = b.byType[ty];
        if (!n) { return; }
        var h = n / maxN * plotH;
        y -= h;
        g.appendChild(sv("rect", { x: x.toFixed(2), y: y.toFixed(2), width: w.toFixed(2), height: h.toFixed(2), fill: colourOf(ty) }));
        parts.push(ty + " " + n);
      });
      if (b.n) {
        g.appendChild(sv("title", {}, b.key + ": " + fmt(b.n) + " events (" + parts.join(", ") + "), " + fmt(b.fat) + " killed"));
        tl.appendChild(g);
      }
      if (b.fat) {
        var fh = b.fat / maxF * fplotH;
        var r = sv("rect", { "class": "bar-fat", x: x.toFixed(2), y: (top + fplotH - fh).toFixed(2), width: w.toFixed(2), height: fh.toFixed(2) });
        r.appendChild(sv("title", {}, b.key + ": " + fmt(b.fat) + " killed in " + fmt(b.n) + " events"));
        ft.appendChild(r);
      }
    });
  }

  // ------------------------------------------------------------ control bands
  var PALETTE = ["#4E79A7", "#F28E2B", "#59A14F", "#B07AA1", "#E15759", "#76B7B2", "#EDC948", "#9C755F", "#FF9DA7", "#BAB0AC"];
  var holderColour = {};
  (function () {
    var count = {};
    data.control.forEach(function (p) { p.rows.forEach(function (r) { if (r.controller) { count[r.controller] = (count[r.controller] || 0) + 1; } }); });
    Object.keys(count).sort(function (a, b) { return count[b] - count[a] || (a < b ? -1 : 1); })
      .forEach(function (name, i) { holderColour[name] = i < PALETTE.length ? PALETTE[i] : "#8a8f98"; });
  })();
  var bands = 0;
  function dayNumber(day) { return Date.parse(day + "T00:00:00Z") / 86400000; }
  function drawBand(place) {
    var rows = place.rows;
    var W = Math.max(300, Math.round(document.getElementById("control").clientWidth || 1000)), H = 40, left = 4, right = 4;
    var start = dayNumber(rows[0].date), end = start;
    rows.forEach(function (r) { end = Math.max(end, dayNumber(r.until || r.date_end || r.date)); });
    end = Math.max(end + (end - start) * 0.08, start + 30);
    var scale = (W - left - right) / (end - start);
    var svg = sv("svg", { "class": "band", viewBox: "0 0 " + W + " " + H, role: "img",
      "aria-label": "Control of " + place.place + " over time" });
    // each row holds from its date until the next row's date: the rows tile the band, a later claim over an earlier
    var lastLabel = -1e9;
    rows.forEach(function (r, i) {
      var a = dayNumber(r.date), b = end;
      for (var j = i + 1; j < rows.length; j++) { if (rows[j].date > r.date) { b = dayNumber(rows[j].date); break; } }
      if (r.until) { b = Math.min(b, dayNumber(r.until)); }
      var x = left + (a - start) * scale, w = Math.max((b - a) * scale, 3);
      var fill = r.controller ? holderColour[r.controller] : "#d0d3d8";
      var rect = sv("rect", { "class": "seg", x: x.toFixed(1), y: 4, width: w.toFixed(1), height: 20, fill: fill,
        opacity: r.disputed ? 0.6 : 1 });
      rect.appendChild(sv("title", {}, (r.controller || "not known (lost by " + r.previous + ")") + " from " + r.date +
        (r.until ? " until " + r.until : "") + (r.disputed ? " — disputed" : "") + "\n" + r.evidence));
      svg.appendChild(rect);
      if (w > 60 && r.controller) {
        var room = Math.floor((w - 8) / 6.5);
        svg.appendChild(sv("text", { "class": "seg-label" + (fill === "#EDC948" || fill === "#BAB0AC" ? " dark" : ""),
          x: (x + 5).toFixed(1), y: 18 }, r.controller.length > room ? r.controller.slice(0, room - 1) + "…" : r.controller));
      }
      if (x - lastLabel > 80 && x < W - 75) {
        svg.appendChild(sv("text", { x: x.toFixed(1), y: 37, fill: "#5d6675" }, r.date));
        lastLabel = x;
      }
    });
    // the last holder stays as far as the sources tell: the band fades out rather than ending on a date
    var fadeId = "fade-" + (bands += 1);
    var grad = sv("linearGradient", { id: fadeId });
    grad.appendChild(sv("stop", { offset: "0", "stop-color": "#fff", "stop-opacity": "0" }));
    grad.appendChild(sv("stop", { offset: "1", "stop-color": "#fff", "stop-opacity": "1" }));
    var defs = sv("defs", {});
    defs.appendChild(grad);
    svg.appendChild(defs);
    svg.appendChild(sv("rect", { x: W - right - 60, y: 3, width: 61, height: 22, fill: "url(#" + fadeId + ")" }));
    return svg;
  }
  function claimItem(r) {
    var li = el("li", { "class": r.disputed ? "disputed" : "" });
    li.appendChild(el("b", {}, r.date + (r.until ? " – " + r.until : "")));
    li.appendChild(document.createTextNode(" "));
    li.appendChild(el("span", { "class": "tag" }, r.kind));
    if (r.disputed) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("span", { "class": "tag disputed" }, "disputed")); }
    if (r.order) { li.appendChild(document.createTextNode(" ")); li.appendChild(el("span", { "class": "tag", title: "its own date fell before the taking it undid; dated by the story's order" }, "dated by the story's order")); }
    li.appendChild(document.createTextNode(" " + (r.controller ? r.controller : "holder not named") +
      (r.previous ? " (before: " + r.previous + ")" : "")));
    li.appendChild(el("div", { "class": "muted" }, "“" + r.evidence.trim() + "” — " + docLabel(r.doc)));
    r.also.forEach(function (a) { li.appendChild(el("div", { "class": "muted" }, "also: “" + a.evidence.trim() + "” — " + docLabel(a.doc))); });
    return li;
  }
  function drawControl() {
    var box = document.getElementById("control");
    box.textContent = "";
    if (!data.control.length) { box.appendChild(el("p", { "class": "muted" }, "No statement of who held a place was found.")); return; }
    var limit = Math.min(data.control.length, state.controlAll ? data.control.length : 20);
    data.control.slice(0, limit).forEach(function (place, i) {
      var div = el("div", { "class": "control-place" });
      var h = el("h3", {}, place.place + " ");
      var holders = [];
      place.rows.forEach(function (r) { if (r.controller && holders.indexOf(r.controller) < 0) { holders.push(r.controller); } });
      h.appendChild(el("span", { "class": "muted" }, place.rows.length + (place.rows.length === 1 ? " claim" : " claims") +
        (holders.length ? ": " : "")));
      holders.forEach(function (name, k) {  // the key to the band's colours
        var item = el("span", { "class": "holder muted" });
        item.appendChild(el("span", { "class": "swatch", style: "background:" + holderColour[name] }));
        item.appendChild(document.createTextNode(name + (k < holders.length - 1 ? "," : "")));
        h.appendChild(item);
        h.appendChild(document.createTextNode(" "));
      });
      div.appendChild(h);
      div.appendChild(drawBand(place));
      // the evidence of the first few places is open, when it is short enough to read at a glance
      var det = el("details", i < 3 && place.rows.length <= 6 ? { open: "" } : {});
      det.appendChild(el("summary", {}, "Evidence (" + place.rows.length + ")"));
      var ul = el("ul", { "class": "claims" });
      det.addEventListener("toggle", function () {
        if (det.open && !ul.childNodes.length) { place.rows.forEach(function (r) { ul.appendChild(claimItem(r)); }); }
      });
      if (det.hasAttribute("open")) { place.rows.forEach(function (r) { ul.appendChild(claimItem(r)); }); }
      det.appendChild(ul);
      div.appendChild(det);
      box.appendChild(div);
    });
    if (limit < data.control.length) {
      var more = el("button", { type: "button" }, "Show all " + fmt(data.control.length) + " places");
      more.addEventListener("click", function () { state.controlAll = true; drawControl(); });
      box.appendChild(more);
    }
  }

  // ------------------------------------------------------------ table
  var tbody = document.querySelector("#events tbody");
  var moreRows = document.getElementById("more-rows");
  moreRows.addEventListener("click", function () { state.shown += PAGE; drawTable(current); });
  document.querySelectorAll("#events th").forEach(function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-key");
      state.sortDir = state.sortKey === key ? -state.sortDir : (key === "fat" ? -1 : 1);
      state.sortKey = key;
      document.querySelectorAll("#events th").forEach(function (o) { o.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", state.sortDir > 0 ? "ascending" : "descending");
      refresh();
    });
  });
  function sortValue(e, key) {
    if (key === "fat") { return e.fat || 0; }
    if (key === "type") { return e.type + " " + e.sub; }
    if (key === "date") { return e.date + " " + e.id; }
    return (e[key] || "").toLowerCase();
  }
  function lastOfMonth(day) {
    var d = new Date(day.slice(0, 7) + "-01T00:00:00Z");
    d.setUTCMonth(d.getUTCMonth() + 1);
    d.setUTCDate(0);
    return d.toISOString().slice(0, 10) === day;
  }
  // a window that is a whole month or year reads as that month or year
  function dateText(e) {
    if (e.start === e.end) { return e.date; }
    if (e.start.slice(5) === "01-01" && e.end.slice(5) === "12-31") {
      return e.start.slice(0, 4) === e.end.slice(0, 4) ? e.start.slice(0, 4) : e.start.slice(0, 4) + " – " + e.end.slice(0, 4);
    }
    if (e.start.slice(8) === "01" && lastOfMonth(e.end)) {
      return e.start.slice(0, 7) === e.end.slice(0, 7) ? e.start.slice(0, 7) : e.start.slice(0, 7) + " – " + e.end.slice(0, 7);
    }
    return e.start + " – " + e.end;
  }
  function marked(text, marks) {
    var p = el("p", { "class": "sentence" });
    var at = 0;
    marks.slice().sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; }).forEach(function (m) {
      if (m[0] < at || m[1] > text.length) { return; }
      p.appendChild(document.createTextNode(text.slice(at, m[0])));
      p.appendChild(el("mark", { "class": "f-" + m[2], title: m[2] }, text.slice(m[0], m[1])));
      at = m[1];
    });
    p.appendChild(document.createTextNode(text.slice(at)));
    return p;
  }
  function evidenceRow(e) {
    var tr = el("tr", { "class": "evidence-row" });
    var td = el("td", { colspan: 7 });
    var box = el("div", { "class": "evidence" });
    e.ev.forEach(function (v) {
      var d = docs[v[0]];
      box.appendChild(el("div", { "class": "muted small" }, (d.title || d.id) + (d.source ? " · " + d.source : "") + (d.date ? " · " + d.date : "")));
      box.appendChild(marked(v[1], v[2]));
    });
    var dl = el("dl");
    function row(k, v) { if (v === "" || v === null || v === undefined) { return; } dl.appendChild(el("dt", {}, k)); dl.appendChild(el("dd", {}, String(v))); }
    row("Event", e.id);
    row("Date", (e.start === e.end ? e.date : e.start + " – " + e.end) + " (ACLED time precision " + e.prec + ")");
    row("Type", e.type + " — " + e.sub);
    row("Actor 1", e.a1 + (e.aa1 ? " with " + e.aa1 : ""));
    row("Actor 2", e.a2 + (e.aa2 ? " with " + e.aa2 : ""));
    row("Place", [e.loc, e.adm1, e.country].filter(Boolean).join(", ") + (e.lat !== null ? " (" + e.lat + ", " + e.lon + "; geo precision " + e.gp + ")" : ""));
    row("Fatalities", e.claims.length ? fmt(e.fat) + (e.low !== e.high ? " (sources say " + fmt(e.low) + " to " + fmt(e.high) + ")" : "") : "none reported");
    if (e.inj !== null) { row("Injured", fmt(e.inj)); }
    e.claims.forEach(function (c) {
      row("Claim", (c.source || "the text") + ": " + (c.low === c.high ? fmt(c.low) : fmt(c.low) + "–" + fmt(c.high)) +
        (c.kind && c.kind !== "killed" ? " " + c.kind + " (no toll of dead)" : "") + (c.text ? " — “" + c.text + "”" : ""));
    });
    if (e.cc) { row("Control", (e.cc.place || e.loc) + ": " + (e.cc.from || "?") + " → " + (e.cc.to || "?")); }
    row("Trigger", e.trigger);
    row("Rules", e.rules.join(" "));
    row("Confidence", e.conf);
    box.appendChild(dl);
    td.appendChild(box);
    tr.appendChild(td);
    return tr;
  }
  function eventRow(e) {
    var tr = el("tr", { "class": "event-row" + (state.open[e.id] ? " open" : ""), "data-id": e.id, tabindex: "0" });
    tr.appendChild(el("td", {}, dateText(e)));
    var ty = el("td", { title: e.type });
    ty.appendChild(el("span", { "class": "type-dot", style: "background:" + colourOf(e.type) }));
    ty.appendChild(document.createTextNode(e.sub));
    tr.appendChild(ty);
    tr.appendChild(el("td", {}, e.a1 + (e.aa1 ? " (with " + e.aa1 + ")" : "")));
    tr.appendChild(el("td", {}, e.a2));
    tr.appendChild(el("td", {}, [e.loc, e.adm1, e.country].filter(Boolean).join(", ")));
    tr.appendChild(el("td", { "class": "num" }, e.claims.length ? fmt(e.fat) + (e.low !== e.high ? " (" + fmt(e.low) + "–" + fmt(e.high) + ")" : "") : ""));
    tr.appendChild(el("td", {}, e.src));
    function toggle() {
      state.open[e.id] = !state.open[e.id];
      var next = tr.nextSibling;
      if (state.open[e.id]) { tr.parentNode.insertBefore(evidenceRow(e), next); tr.classList.add("open"); }
      else { if (next && next.classList.contains("evidence-row")) { next.remove(); } tr.classList.remove("open"); }
      if (e.marker) { e.marker.classList.toggle("picked", !!state.open[e.id]); }
    }
    tr.addEventListener("click", toggle);
    tr.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); toggle(); } });
    return tr;
  }
  var current = [];
  function drawTable(list) {
    tbody.textContent = "";
    var frag = document.createDocumentFragment();
    list.slice(0, state.shown).forEach(function (e) {
      frag.appendChild(eventRow(e));
      if (state.open[e.id]) { frag.appendChild(evidenceRow(e)); }
    });
    if (!list.length) { var tr = el("tr"); tr.appendChild(el("td", { colspan: 7, "class": "muted" }, "No event matches the filters.")); frag.appendChild(tr); }
    tbody.appendChild(frag);
    moreRows.hidden = list.length <= state.shown;
    moreRows.textContent = "Show " + fmt(Math.min(PAGE, list.length - state.shown)) + " more of " + fmt(list.length - state.shown);
  }

  // ------------------------------------------------------------ everything that follows the filters
  function refresh() {
    var list = events.filter(visible);
    var key = state.sortKey, dir = state.sortDir;
    list.sort(function (a, b) { var x = sortValue(a, key), y = sortValue(b, key); return x < y ? -dir : x > y ? dir : (a.id < b.id ? -1 : 1); });
    current = list;
    state.shown = PAGE;
    var shown = {};
    list.forEach(function (e) { shown[e.id] = true; });
    placed.forEach(function (e) { e.marker.style.display = shown[e.id] ? "" : "none"; });
    drawTimeline(list);
    drawTable(list);
    var filtered = list.length !== events.length;
    clearButton.hidden = !filtered;
    document.getElementById("filter-count").textContent = filtered ? fmt(list.length) + " of " + fmt(events.length) + " events" +
      (state.place ? " at " + state.place.loc : "") : "";
  }
  function drawPeriods() {
    var box = document.getElementById("periods");
    if (!data.periods.length) { box.appendChild(el("p", { "class": "muted" }, "No toll over a period was reported.")); return; }
    var ul = el("ul", { "class": "claims" });
    data.periods.forEach(function (p) {
      var li = el("li");
      li.appendChild(el("b", {}, fmt(p.total) + " dead"));
      li.appendChild(document.createTextNode(" " + p.period + (p.as_of ? " (told as of " + p.as_of + ")" : "") +
        ", according to " + (p.source || "the text") + " — " + docLabel(p.doc) + ": “" + p.evidence + "”"));
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }
  drawControl();
  drawPeriods();
  refresh();
  setView();
  var width = window.innerWidth, resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () {
      if (window.innerWidth === width) { return; }
      width = window.innerWidth;
      drawControl();
      drawTimeline(current);
      setView();
    }, 200);
  });
  document.body.setAttribute("data-ready", "true");
})();
