/* A resident budget round's money by area as a choropleth: the darker, the more money (per resident
   it is nearly the same everywhere, the split being by population; the popup and the table say it).
   The table beside the map has the same figures (the route without the map). */
(function () {
  "use strict";
  var labels = CityMap.labels;
  var escapeHtml = CityMap.escapeHtml;
  var collection = JSON.parse(document.getElementById("budget-allocations").textContent);
  var container = document.getElementById("budget-map");
  var map = CityMap.create(container, [62.79, 22.84], 9);
  var money = new Intl.NumberFormat(CityMap.config.language, { style: "currency", currency: "EUR",
                                                               maximumFractionDigits: 2 });
  // The areas' money and the legend's steps are whole euros; only the money per resident has cents.
  var euros = new Intl.NumberFormat(CityMap.config.language, { style: "currency", currency: "EUR",
                                                               maximumFractionDigits: 0 });
  var values = collection.features.map(function (f) { return f.properties.amount || 0; });
  var highest = Math.max.apply(null, values.concat([0]));
  var steps = [1, 2, 3, 4, 5].map(function (n) { return CityMap.token("scale-" + n); });

  function colour(value) {
    if (!highest) { return steps[0]; }
    return steps[Math.min(4, Math.floor((value / highest) * 5))];
  }

  var layer = L.geoJSON(collection, {
    style: function (feature) {
      return { color: CityMap.token("ink"), weight: 1, fillOpacity: 0.7,
               fillColor: colour(feature.properties.amount || 0) };
    },
    onEachFeature: function (feature, shape) {
      var p = feature.properties;
      shape.bindPopup("<strong>" + escapeHtml(p.name) + "</strong><br>" + escapeHtml(labels.amount) + ": " +
                      escapeHtml(euros.format(p.amount)) + "<br>" + escapeHtml(labels.perResident) + ": " +
                      escapeHtml(p.per_resident == null ? "–" : money.format(p.per_resident)));
    },
  }).addTo(map);
  if (collection.features.length) { map.fitBounds(layer.getBounds()); }

  var legend = document.getElementById("budget-legend");
  legend.innerHTML = steps.map(function (step, index) {
    var low = (highest * index) / 5, high = (highest * (index + 1)) / 5;
    return '<li><span class="swatch" data-step="' + (index + 1) + '" aria-hidden="true"></span>' +
      escapeHtml(euros.format(low) + "–" + euros.format(high)) + "</li>";
  }).join("");
  legend.querySelectorAll(".swatch").forEach(function (swatch) {
    swatch.style.background = steps[Number(swatch.getAttribute("data-step")) - 1];
  });
  container.setAttribute("data-ready", "true");
})();
