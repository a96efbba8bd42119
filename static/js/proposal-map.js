/* A round's proposals on a map (the list beside it is the route without the map), or one proposal's
   place on its page. Each pin's popup links to the proposal's page. */
(function () {
  "use strict";
  var labels = CityMap.labels;
  var escapeHtml = CityMap.escapeHtml;
  var container = document.getElementById("proposal-map");
  if (container) {
    var collection = JSON.parse(document.getElementById("proposal-features").textContent);
    var map = CityMap.create(container, [62.79, 22.84], 10);
    var money = new Intl.NumberFormat(CityMap.config.language, { style: "currency", currency: "EUR",
                                                                 maximumFractionDigits: 0 });
    var placed = collection.features.filter(function (feature) { return feature.geometry; });
    var layer = L.geoJSON({ type: "FeatureCollection", features: placed }, {
      pointToLayer: function (feature, latlng) {
        return L.marker(latlng, { alt: feature.properties.title, title: feature.properties.title });
      },
      onEachFeature: function (feature, marker) {
        var p = feature.properties;
        marker.bindPopup("<strong>" + escapeHtml(p.title) + "</strong><br>" + escapeHtml(labels.status) + ": " +
          escapeHtml(p.status_label) + (p.cost_estimate == null ? "" : "<br>" + escapeHtml(labels.cost) + ": " +
          escapeHtml(money.format(p.cost_estimate))) + '<br><a href="' + escapeHtml(p.url) + '">' +
          escapeHtml(labels.open) + "</a>");
      },
    }).addTo(map);
    if (placed.length) { map.fitBounds(layer.getBounds(), { maxZoom: 15 }); }
    container.setAttribute("data-markers", String(placed.length));
    container.setAttribute("data-ready", "true");
  }
  var one = document.getElementById("proposal-detail-map");
  if (one) {
    var at = [Number(one.getAttribute("data-lat")), Number(one.getAttribute("data-lon"))];
    var detailMap = CityMap.create(one, at, 15);
    L.marker(at, { alt: labels.pin, title: labels.pin, keyboard: false }).addTo(detailMap);
    one.setAttribute("data-ready", "true");
  }
})();
