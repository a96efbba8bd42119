/* Maps of the public feedback pages: the map of reports (GeoJSON from /api/v1/feedback/ for the
   current view and filters, fetched again when the view moves) and a report's small map.
   The list beside the map is the keyboard and screen-reader route to the same reports. */
(function () {
  "use strict";
  var config = CityMap.config;
  var labels = CityMap.labels;
  var calm = CityMap.calm;
  var escapeHtml = CityMap.escapeHtml;

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }

  function makeMap(container, center, zoom) {
    return CityMap.create(container, center, zoom);
  }

  /* A report's page: one pin, nothing to choose. */
  var detail = document.getElementById("detail-map");
  if (detail) {
    var small = makeMap(detail, [config.lat, config.lon], 15);
    L.marker([config.lat, config.lon], { alt: labels.pin, title: labels.pin, keyboard: false, interactive: false })
      .addTo(small);
    return;
  }

  var container = document.getElementById("feedback-map");
  if (!container) { return; }
  var status = document.getElementById("map-status");
  var map = makeMap(container, [62.79, 22.84], 11);
  // On the public map, reports close together gather into a circle with their count (markercluster);
  // the circle is a button (Enter zooms to its reports), named in words for a screen reader.
  var layer = (L.markerClusterGroup ? L.markerClusterGroup({
    showCoverageOnHover: false, maxClusterRadius: 40, animate: !calm,
    iconCreateFunction: function (cluster) {
      var count = cluster.getChildCount();
      return L.divIcon({
        className: "fb-cluster-icon", iconSize: [36, 36], iconAnchor: [18, 18],
        html: '<span class="fb-cluster" aria-hidden="true">' + count + "</span>" +
          '<span class="visually-hidden">' + escapeHtml(format(labels.cluster, { count: count })) + "</span>",
      });
    },
  }) : L.layerGroup()).addTo(map);
  var markersByNumber = {};
  var request = 0;
  var pendingPopup = null;

  function icon(p) {
    var category = config.categories[p.category] || { index: "?", group: "city_environment", name: p.category_name };
    return L.divIcon({
      className: "fb-icon",
      iconSize: [30, 34],
      iconAnchor: [15, 33],  // the pin's tip
      popupAnchor: [0, -30],
      // A pin in the status's colour with the topic family's mark inside: no number, which would read
      // as a count of reports like a cluster's.
      html: '<span class="fb-marker status-' + escapeHtml(p.status) + " group-" + escapeHtml(category.group) +
        " kind-" + escapeHtml(p.kind) + '" aria-hidden="true"></span>' +
        '<span class="visually-hidden">' + escapeHtml(p.number + ": " + p.category_name + ", " + p.status_label) +
        "</span>",
    });
  }

  function popup(p) {
    return '<div class="area-popup"><h3><a href="' + escapeHtml(p.url) + '">' + escapeHtml(p.number) + "</a></h3><dl>" +
      "<dt>" + escapeHtml(p.category_name) + "</dt><dd>" + escapeHtml(p.kind_label || p.kind) + "</dd>" +
      "<dt>" + escapeHtml(p.status_label) + "</dt><dd>" + escapeHtml(p.area_name || "–") + "</dd>" +
      "<dt>" + escapeHtml(labels.supporters) + "</dt><dd>" + escapeHtml(p.supporter_count) + "</dd>" +
      '</dl><p><a href="' + escapeHtml(p.url) + '">' + escapeHtml(labels.open) + "</a></p></div>";
  }

  function load() {
    var bounds = map.getBounds();
    var params = new URLSearchParams(config.filters);
    params.set("bbox", [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
      .map(function (value) { return value.toFixed(6); }).join(","));
    params.set("limit", String(config.limit));
    params.set("lang", config.language);
    var ticket = ++request;
    fetch(config.feedbackUrl + "?" + params.toString(), { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (collection) {
        if (ticket !== request) { return; }  // the view moved again meanwhile
        layer.clearLayers();
        markersByNumber = {};
        // Only what this one response holds is drawn: a next page means "zoom in", not "fetch more".
        collection.features.forEach(function (feature) {
          if (!feature.geometry) { return; }
          var p = feature.properties;
          var c = feature.geometry.coordinates;
          var marker = L.marker([c[1], c[0]], { icon: icon(p), keyboard: false, title: p.number })
            .bindPopup(popup(p));
          marker.addTo(layer);
          markersByNumber[p.number] = marker;
        });
        container.setAttribute("data-loaded", String(collection.features.length));
        if (pendingPopup && markersByNumber[pendingPopup]) {
          var chosen = markersByNumber[pendingPopup];
          // A report inside a cluster: spread the cluster out where it is (moving the map would
          // load the markers anew and lose this one), then open the report's popup.
          var parent = layer.getVisibleParent ? layer.getVisibleParent(chosen) : chosen;
          if (parent && parent !== chosen && parent.spiderfy) { parent.spiderfy(); }
          chosen.openPopup();
          pendingPopup = null;
        }
        status.textContent = collection.next
          ? format(labels.tooMany, { count: collection.features.length })
          : format(labels.shown, { count: collection.features.length });
      })
      .catch(function () { status.textContent = labels.loadFailed; });
  }

  map.on("moveend", load);
  load();

  document.querySelectorAll("button.show-on-map").forEach(function (button) {
    button.addEventListener("click", function () {
      var number = button.getAttribute("data-number");
      var lat = parseFloat(button.getAttribute("data-lat"));
      var lon = parseFloat(button.getAttribute("data-lon"));
      document.querySelectorAll("tr[data-number]").forEach(function (row) {
        row.classList.toggle("is-selected", row.getAttribute("data-number") === number);
      });
      pendingPopup = number;  // the markers come back after the move; load() opens this one's popup
      map.setView([lat, lon], 16, { animate: !calm });
      container.scrollIntoView({ block: "nearest" });
    });
  });
})();
