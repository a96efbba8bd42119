/* The closing report's map: the plan's boundary and every commented place from the report's GeoJSON,
   numbered as in the list beside the map. The list is the route without the map: it holds every
   comment and answer, and its "Show on the map" buttons open the same place here. */
(function () {
  "use strict";
  var config = CityMap.config;
  var labels = CityMap.labels;
  var escapeHtml = CityMap.escapeHtml;
  var container = document.getElementById("report-map");
  var status = document.getElementById("report-map-status");
  if (!container) { return; }
  var map = CityMap.create(container, [62.79, 22.84], 12);
  var bounds = L.latLngBounds([]);
  var layers = {};

  if (config.boundary) {
    var boundary = L.geoJSON(config.boundary, {
      interactive: false,
      style: { color: CityMap.token("map-outline"), weight: 3, dashArray: "6 6", fillColor: CityMap.token("map-area-fill"), fillOpacity: 0.08 },
    }).addTo(map);
    bounds.extend(boundary.getBounds());
  }

  function describe(props) {
    var answer = props.answer
      ? "<p><strong>" + escapeHtml(labels.answer) + (props.answer_theme ? ": " + escapeHtml(props.answer_theme) : "") +
        "</strong><br>" + escapeHtml(props.answer) + "</p>"
      : "<p>" + escapeHtml(labels.noAnswer) + "</p>";
    return '<div class="report-popup"><h3>' + escapeHtml(labels.comment.replace("%(number)s", props.number)) + "</h3>" +
      "<p>" + escapeHtml(props.text) + "</p>" + answer + "</div>";
  }

  function highlight(number) {
    document.querySelectorAll(".report-comment.is-highlighted").forEach(function (item) {
      item.classList.remove("is-highlighted");
    });
    var item = document.getElementById("report-comment-" + number);
    if (item) { item.classList.add("is-highlighted"); }
  }

  fetch(config.geojsonUrl, { headers: { Accept: "application/geo+json" }, credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    })
    .then(function (collection) {
      var colour = CityMap.token("map-selected");
      var layer = L.geoJSON(collection, {
        style: function () { return { color: colour, weight: 4, fillColor: colour, fillOpacity: 0.2 }; },
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, { radius: 9, color: colour, weight: 3, fillColor: CityMap.token("white"), fillOpacity: 1 });
        },
        onEachFeature: function (feature, item) {
          var number = feature.properties.number;
          layers[number] = item;
          item.bindTooltip(String(number), { permanent: true, direction: "center", className: "report-label" });
          item.bindPopup(describe(feature.properties));
          item.on("click", function () { highlight(number); });
        },
      }).addTo(map);
      if (collection.features.length) { bounds.extend(layer.getBounds()); }
      if (bounds.isValid()) { map.fitBounds(bounds, { maxZoom: 16, padding: [20, 20] }); }
      container.setAttribute("data-features", String(collection.features.length));
      status.textContent = labels.drawn.replace("%(count)s", collection.features.length);
    })
    .catch(function () { status.textContent = labels.loadFailed; });

  document.querySelectorAll("button.show-comment").forEach(function (button) {
    button.addEventListener("click", function () {
      var number = Number(button.getAttribute("data-number"));
      var item = layers[number];
      if (!item) { return; }
      container.scrollIntoView({ block: "nearest" });
      if (item.getBounds) { map.fitBounds(item.getBounds(), { maxZoom: 17, padding: [30, 30] }); }
      else { map.setView(item.getLatLng(), Math.max(map.getZoom(), 16)); }
      item.openPopup();
      highlight(number);
    });
  });
})();
