/* The residential-area map: boundaries from /api/v1/areas/, details on click, and the
   list beside the map as the keyboard and screen-reader route to the same facts. */
(function () {
  "use strict";
  var config = CityMap.config;
  var labels = CityMap.labels;
  var details = document.getElementById("area-details");
  var numberFormat = new Intl.NumberFormat(config.language);

  var container = document.getElementById("area-map");
  var map = CityMap.create(container, [62.79, 22.84], 9);

  var escapeHtml = CityMap.escapeHtml;

  function describe(props) {
    var population = props.population == null ? "–" : numberFormat.format(props.population);
    if (props.population != null && props.population_source === "estimate") {
      population += " (" + labels.estimate + ", " + props.population_year + ")";
    } else if (props.population_year) {
      population += " (" + props.population_year + ")";
    }
    var budget = props.budget_area ? props.budget_area.name : labels.noArea;
    return (
      '<div class="area-popup"><h3>' + escapeHtml(props.name) + "</h3><dl>" +
      "<dt>" + escapeHtml(labels.code) + "</dt><dd>" + escapeHtml(props.code) + "</dd>" +
      "<dt>" + escapeHtml(labels.population) + "</dt><dd>" + escapeHtml(population) + "</dd>" +
      "<dt>" + escapeHtml(labels.budgetArea) + "</dt><dd>" + escapeHtml(budget) + "</dd>" +
      "</dl>" +
      (config.areaPagePrefix ? '<p><a class="area-page-link" href="' + escapeHtml(config.areaPagePrefix +
        encodeURIComponent(props.code) + "/") + '">' + escapeHtml(labels.areaPage.replace("%(name)s", props.name)) +
        "</a></p>" : "") +
      "</div>"
    );
  }

  var layersByCode = {};
  var selected = null;

  function select(code, fit) {
    var layer = layersByCode[code];
    if (!layer) { return; }
    if (selected) { selected.setStyle({ weight: 1, fillOpacity: 0.15 }); }
    selected = layer;
    layer.setStyle({ weight: 3, fillOpacity: 0.35 });
    var html = describe(layer.feature.properties);
    details.innerHTML = html;
    if (fit) { map.fitBounds(layer.getBounds(), { maxZoom: 13 }); }
    layer.bindPopup(html).openPopup(fit ? layer.getBounds().getCenter() : undefined);
    document.querySelectorAll("tr[data-area-code]").forEach(function (row) {
      row.classList.toggle("is-selected", row.getAttribute("data-area-code") === code);
    });
  }

  fetch(config.areasUrl, { headers: { Accept: "application/geo+json" } })
    .then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    })
    .then(function (collection) {
      var budgetAreas = L.geoJSON(
        { type: "FeatureCollection", features: collection.features.filter(function (f) {
            return f.properties.kind === "budget_area"; }) },
        { interactive: false, style: { color: CityMap.token("map-outline"), weight: 3, fill: false } }
      );
      var residential = L.geoJSON(
        { type: "FeatureCollection", features: collection.features.filter(function (f) {
            return f.properties.kind !== "budget_area" && f.properties.kind !== "city"; }) },
        {
          style: { color: CityMap.token("map-area"), weight: 1, fillColor: CityMap.token("map-area-fill"), fillOpacity: 0.15 },
          onEachFeature: function (feature, layer) {
            layersByCode[feature.properties.code] = layer;
            layer.on("click", function () { select(feature.properties.code, false); });
          },
        }
      ).addTo(map);
      budgetAreas.addTo(map);
      if (residential.getLayers().length) { map.fitBounds(residential.getBounds()); }
      container.setAttribute("data-loaded", String(residential.getLayers().length));
    })
    .catch(function () {
      details.textContent = labels.loadFailed;
    });

  document.querySelectorAll("button.show-on-map").forEach(function (button) {
    button.addEventListener("click", function () {
      select(button.getAttribute("data-area-code"), true);
      container.scrollIntoView({ block: "nearest" });
    });
  });
})();
