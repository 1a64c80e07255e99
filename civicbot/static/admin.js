// The console's one enhancement: the complaints queue's map. Without JavaScript the list is the
// whole page; with it, the same filter's reports appear on a Leaflet map (text set as text only).
(function () {
  "use strict";
  var box = document.getElementById("queue-map");
  if (!box || !window.L) return;
  var parts = (box.getAttribute("data-bbox") || "126.76,37.41,127.19,37.72").split(",").map(Number);
  box.textContent = "";
  var map = L.map(box, { scrollWheelZoom: false });
  map.fitBounds([[parts[1], parts[0]], [parts[3], parts[2]]]);
  // No tile server: the districts' outlines (served by us) are the base map, as on /map.
  fetch("/api/complaints/districts.geojson")
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (geojson) {
      if (geojson) L.geoJSON(geojson, { style: { color: "#4a4a4a", weight: 1, fillOpacity: 0.04 } }).addTo(map).bringToBack();
    });
  fetch(box.getAttribute("data-geojson"), { credentials: "same-origin" })
    .then(function (r) { return r.ok ? r.json() : { features: [] }; })
    .then(function (data) {
      var points = [];
      data.features.forEach(function (f) {
        var c = f.geometry.coordinates;
        // A point that is only a district's or 동's centre is drawn dashed and named as estimated.
        var estimated = f.properties.approximate;
        var marker = L.circleMarker([c[1], c[0]], {
          radius: 7, weight: 2, color: f.properties.open ? "#146c2e" : "#8a4b00", fillOpacity: estimated ? 0.15 : 0.6,
          dashArray: estimated ? "3 3" : null
        }).addTo(map);
        var link = document.createElement("a");
        link.href = "/admin/complaints/" + encodeURIComponent(f.properties.id);
        link.textContent = f.properties.id + " — " + f.properties.text +
          (estimated ? " (" + (box.getAttribute("data-estimated") || "") + ")" : "");
        marker.bindPopup(link);
        points.push([c[1], c[0]]);
      });
      if (points.length) map.fitBounds(points, { padding: [20, 20], maxZoom: 13 });
    });
}());
