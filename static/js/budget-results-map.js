/* A resident budget round's results on a map: each proposal with a place as a circle, the ones the
   official rule selected filled and larger. The tables beside the map hold the same results (the
   route without the map), and each circle's popup says in words whether it was selected. */
(function () {
  "use strict";
  var labels = CityMap.labels;
  var escapeHtml = CityMap.escapeHtml;
  var collection = JSON.parse(document.getElementById("results-geojson").textContent);
  var container = document.getElementById("results-map");
  var map = CityMap.create(container, [62.79, 22.84], 10);
  var money = new Intl.NumberFormat(CityMap.config.language, { style: "currency", currency: "EUR",
                                                               maximumFractionDigits: 0 });
  var chosen = CityMap.token("map-selected"), other = CityMap.token("map-proposal"), white = CityMap.token("white");

  function style(selected) {
    return selected ? { radius: 10, color: chosen, weight: 3, fillColor: chosen, fillOpacity: 0.9 }
                    : { radius: 6, color: other, weight: 2, fillColor: white, fillOpacity: 1 };
  }

  var layer = L.geoJSON(collection, {
    pointToLayer: function (feature, latlng) {
      var look = style(feature.properties.selected);
      look.className = feature.properties.selected ? "result-selected" : "result-other";
      return L.circleMarker(latlng, look);
    },
    onEachFeature: function (feature, shape) {
      var p = feature.properties;
      shape.bindPopup("<strong>" + escapeHtml(p.title) + "</strong><br>" +
                      escapeHtml(labels.votes) + ": " + escapeHtml(String(p.votes)) + "<br>" +
                      escapeHtml(labels.cost) + ": " + escapeHtml(money.format(p.cost)) + "<br>" +
                      escapeHtml(p.selected ? labels.selected : labels.notSelected));
    },
  }).addTo(map);
  if (collection.features.length) { map.fitBounds(layer.getBounds(), { maxZoom: 13, padding: [20, 20] }); }

  var legend = document.getElementById("results-legend");
  legend.innerHTML = [[true, labels.selectedLegend], [false, labels.notSelectedLegend]].map(function (item) {
    return '<li><span class="swatch round" data-selected="' + item[0] + '" aria-hidden="true"></span>' +
      escapeHtml(item[1]) + "</li>";
  }).join("");
  legend.querySelectorAll(".swatch").forEach(function (swatch) {
    var look = style(swatch.getAttribute("data-selected") === "true");
    swatch.style.background = look.fillColor;
    swatch.style.borderColor = look.color;
  });
  container.setAttribute("data-ready", "true");
})();
