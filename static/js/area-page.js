/* An area's page (/osallistumiskartta/alue/<code>/): a small map of its boundary and its meeting
   places. The page lists every place beside the map (name, address, capacity, access, booking, door),
   so the map only shows where they are; a marker is reached by Tab and its popup leads to the place
   in the list. The data comes with the page (EPSG:4326, transformed by PostGIS). */
(function () {
  "use strict";
  var container = document.getElementById("area-map");
  var source = document.getElementById("area-map-data");
  if (!container || !source) { return; }
  var data = JSON.parse(source.textContent);
  var labels = CityMap.labels;
  var escapeHtml = CityMap.escapeHtml;

  container.hidden = false;  // without script the map stays hidden: the list says everything
  container.parentNode.classList.add("has-map");
  var map = CityMap.create(container, [62.79, 22.84], 9);
  var bounds = null;

  if (data.boundary) {
    var outline = L.geoJSON(data.boundary, {
      interactive: false,
      style: { color: CityMap.token("map-area"), weight: 3, fillColor: CityMap.token("map-area-fill"), fillOpacity: 0.15 },
    }).addTo(map);
    bounds = outline.getBounds();
  }

  var markers = 0;
  L.geoJSON(data.meeting_places, {
    pointToLayer: function (feature, latlng) {
      var props = feature.properties;
      return L.marker(latlng, { title: props.name, alt: props.name, keyboard: true });
    },
    onEachFeature: function (feature, layer) {
      var props = feature.properties;
      var access = props.accessible ? labels.stepFree : labels.notStepFree;
      layer.bindPopup(
        '<div class="area-popup"><p><strong>' + escapeHtml(props.name) + "</strong></p>" +
        "<p>" + escapeHtml(props.street_address) + "</p>" +
        (props.capacity ? "<p>" + escapeHtml(labels.capacity) + ": " + escapeHtml(props.capacity) + " " +
          escapeHtml(labels.people) + "</p>" : "") +
        "<p>" + escapeHtml(access) + "</p>" +
        '<p><a href="#meeting-place-' + escapeHtml(props.id) + '">' + escapeHtml(props.name) + "</a></p></div>"
      );
      markers += 1;
      if (bounds) { bounds.extend(layer.getLatLng()); } else { bounds = L.latLngBounds([layer.getLatLng()]); }
    },
  }).addTo(map);

  if (bounds && bounds.isValid()) { map.fitBounds(bounds, { maxZoom: 15, padding: [12, 12] }); }
  container.setAttribute("data-markers", String(markers));
  container.setAttribute("data-loaded", "true");
})();
