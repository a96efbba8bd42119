/* The planning map: zoning plans by phase, budget areas shaded by their money, the round's proposals,
   and residents' feedback per area, each a layer with its own switch. Choosing a residential area (on
   the map, from the list or by address) or a plan loads its facts into the panel beside the map:
   the same HTML as the area's or the plan's own page (the route without the map and without this
   script), fetched from its "paneeli/" address. */
(function () {
  "use strict";
  var config = CityMap.config;
  var labels = CityMap.labels;
  var escapeHtml = CityMap.escapeHtml;
  var layers = JSON.parse(document.getElementById("participation-layers").textContent);
  var section = document.getElementById("map-section");
  var container = document.getElementById("participation-map");
  var panel = document.getElementById("panel-body");
  var status = document.getElementById("panel-status");
  var areaSelect = document.getElementById("area-select");
  var planSelect = document.getElementById("plan-select");
  var money = new Intl.NumberFormat(config.language, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  var number = new Intl.NumberFormat(config.language);

  section.hidden = false;  // the map and its switches are of use only with this script
  var map = CityMap.create(container, [62.79, 22.84], 9);

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_all, key) { return values[key]; });
  }

  // Panes from the bottom: the budget areas' shading, the residential areas one clicks, the plans,
  // then the points. The shading takes no clicks, so a click on it chooses the area beneath.
  [["budget", 360], ["areas", 370], ["plans", 380], ["points", 620]].forEach(function (pane) {
    map.createPane(pane[0]).style.zIndex = pane[1];
  });
  map.getPane("budget").style.pointerEvents = "none";

  // Budget areas: five equal steps from 0 to the largest amount, as the legend on the page says.
  var steps = [1, 2, 3, 4, 5].map(function (n) { return CityMap.token("scale-" + n); });
  var highest = Math.max.apply(null, layers.budget_areas.features.map(function (f) { return f.properties.amount || 0; })
    .concat([0]));
  function budgetColour(amount) {
    if (!highest || amount == null) { return CityMap.token("no-data"); }
    return steps[Math.min(4, Math.floor((amount * 5) / highest))];
  }
  var budgetLayer = L.geoJSON(layers.budget_areas, {
    pane: "budget", interactive: false,
    style: function (feature) {
      return { color: CityMap.token("map-outline"), weight: 3, fillOpacity: 0.55,
               fillColor: budgetColour(feature.properties.amount) };
    },
  });

  // Residential areas: the layer one chooses from; always on, drawn as thin outlines.
  var areaShapes = {};
  var selectedArea = null;
  var areaStyle = { color: CityMap.token("map-area"), weight: 1, dashArray: null,
                    fillColor: CityMap.token("map-area-fill"), fillOpacity: 0.05 };
  var areaLayer = L.geoJSON(layers.areas, {
    pane: "areas", style: function () { return areaStyle; },
    onEachFeature: function (feature, shape) {
      areaShapes[feature.properties.code] = shape;
      shape.bindTooltip(escapeHtml(feature.properties.name), { sticky: true });
      shape.on("click", function () { chooseArea(feature.properties.code, { focus: false }); });
    },
  }).addTo(map);

  // Plans: outlined and lightly filled in their phase's colour; a click opens a popup with the
  // plan's name and phase and a button that shows its areas and groups.
  var planShapes = {};
  var plansLayer = L.geoJSON({ type: "FeatureCollection", features: layers.plans.features.filter(function (f) {
    return f.geometry; }) }, {
    pane: "plans",
    style: function (feature) {
      var colour = CityMap.token("map-phase-" + feature.properties.phase);
      return { color: colour, weight: 3, fillColor: colour, fillOpacity: 0.2 };
    },
    onEachFeature: function (feature, shape) {
      var p = feature.properties;
      planShapes[p.id] = shape;
      shape.bindPopup('<p class="popup-title"><strong>' + escapeHtml(p.name) + "</strong></p><p>" +
        escapeHtml(format(labels.phase, { number: p.phase, name: p.phase_name })) + "</p>" +
        '<button type="button" class="hds-button hds-button--secondary hds-button--small show-plan" data-plan="' +
        p.id + '">' + escapeHtml(labels.showPlan) + "</button>");
    },
  });

  // Proposals of the current round: a dot each, its title, status and cost in a popup.
  var proposalsLayer = L.geoJSON(layers.proposals, {
    pointToLayer: function (feature, latlng) {
      return L.circleMarker(latlng, { pane: "points", radius: 6, weight: 2, color: CityMap.token("white"),
                                      fillColor: CityMap.token("map-proposal"), fillOpacity: 1 });
    },
    onEachFeature: function (feature, shape) {
      var p = feature.properties;
      var title = p.url ? '<a href="' + escapeHtml(p.url) + '">' + escapeHtml(p.title) + "</a>" : escapeHtml(p.title);
      shape.bindPopup("<p><strong>" + title + "</strong></p><p>" + escapeHtml(p.status_label) +
        (p.cost_estimate != null ? " · " + escapeHtml(money.format(p.cost_estimate)) : "") + "</p>");
    },
  });

  // Feedback: one circle per area, its size by the reports of the last 12 months (area by count).
  var most = Math.max.apply(null, layers.feedback.features.map(function (f) { return f.properties.received; })
    .concat([1]));
  var feedbackLayer = L.geoJSON(layers.feedback, {
    pointToLayer: function (feature, latlng) {
      return L.circleMarker(latlng, { pane: "points", radius: 5 + 20 * Math.sqrt(feature.properties.received / most),
                                      weight: 3, color: CityMap.token("map-feedback"),
                                      fillColor: CityMap.token("white"), fillOpacity: 0.5 });
    },
    onEachFeature: function (feature, shape) {
      var p = feature.properties;
      shape.bindPopup("<p><strong>" + escapeHtml(p.name) + "</strong></p><p>" +
        escapeHtml(labels.feedbackReceived) + ": " + escapeHtml(number.format(p.received)) + "<br>" +
        escapeHtml(labels.feedbackOpen) + ": " + escapeHtml(number.format(p.open)) + "</p>" +
        '<button type="button" class="hds-button hds-button--secondary hds-button--small show-area" data-area-code="' +
        escapeHtml(p.code) + '">' + escapeHtml(labels.showArea) + "</button>");
    },
  });

  var overlays = { plans: plansLayer, budget: budgetLayer, proposals: proposalsLayer, feedback: feedbackLayer };
  document.querySelectorAll("#layer-toggles input[data-layer]").forEach(function (box) {
    var name = box.getAttribute("data-layer");
    function apply() {
      if (box.checked) { overlays[name].addTo(map); } else { map.removeLayer(overlays[name]); }
      var legend = document.querySelector('[data-legend="' + name + '"]');
      if (legend) { legend.hidden = !box.checked; }
      container.setAttribute("data-layer-" + name, box.checked ? "on" : "off");
    }
    box.addEventListener("change", apply);
    apply();
  });
  if (areaLayer.getLayers().length) { map.fitBounds(areaLayer.getBounds()); }

  // The popups' buttons.
  map.on("popupopen", function (event) {
    var element = event.popup.getElement();
    element.querySelectorAll("button.show-plan").forEach(function (button) {
      button.addEventListener("click", function () {
        map.closePopup();
        choosePlan(button.getAttribute("data-plan"), { focus: true });
      });
    });
    element.querySelectorAll("button.show-area").forEach(function (button) {
      button.addEventListener("click", function () {
        map.closePopup();
        chooseArea(button.getAttribute("data-area-code"), { focus: true });
      });
    });
  });

  function highlightArea(code, fit) {
    if (selectedArea) { selectedArea.setStyle(areaStyle); }
    selectedArea = areaShapes[code] || null;
    if (selectedArea) {
      selectedArea.setStyle({ color: CityMap.token("ink"), weight: 4, dashArray: "8 4", fillOpacity: 0.1 });
      selectedArea.bringToFront();
      if (fit) { map.fitBounds(selectedArea.getBounds(), { maxZoom: 13 }); }
    }
  }

  // Load the panel's HTML (the area's or the plan's own page's content) and say what it shows; the
  // focus moves to its heading when the choice came from the lists, the address or a button, and
  // stays on the map when one clicked the map itself.
  var request = 0;
  function load(url, pageUrl, shown, options) {
    var mine = ++request;
    status.textContent = labels.loading;
    panel.setAttribute("aria-busy", "true");
    return fetch(url, { headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.text();
      })
      .then(function (html) {
        if (mine !== request) { return; }
        panel.innerHTML = html;
        panel.removeAttribute("aria-busy");
        var heading = panel.querySelector("[tabindex='-1']");
        status.textContent = format(shown, { name: heading ? heading.textContent : "" });
        if (options.focus && heading) { heading.focus(); }
        container.setAttribute("data-panel", url);
      })
      .catch(function () {
        if (mine !== request) { return; }
        panel.removeAttribute("aria-busy");
        panel.innerHTML = '<p class="error-message">' + escapeHtml(labels.loadFailed) + ' <a href="' +
          escapeHtml(pageUrl) + '">' + escapeHtml(pageUrl) + "</a></p>";
        status.textContent = labels.loadFailed;
      });
  }

  function chooseArea(code, options) {
    if (!code) { return; }
    areaSelect.value = code;
    highlightArea(code, options.focus || options.fit);
    var page = config.panelPrefix + encodeURIComponent(code) + "/";
    history.replaceState(null, "", "#alue=" + encodeURIComponent(code));
    return load(page + "paneeli/", page, labels.areaShown, options);
  }

  function choosePlan(id, options) {
    if (!id) { return; }
    planSelect.value = String(id);
    var shape = planShapes[id];
    if (shape && options.focus) { map.fitBounds(shape.getBounds(), { maxZoom: 15 }); }
    var page = config.planPrefix + encodeURIComponent(id) + "/";
    history.replaceState(null, "", "#kaava=" + encodeURIComponent(id));
    return load(page + "paneeli/", page, labels.planShown, options);
  }

  // Links inside the panel to another area or plan open in the panel too.
  panel.addEventListener("click", function (event) {
    var link = event.target.closest("a.plan-facts-link, a.area-facts-link");
    if (!link) { return; }
    event.preventDefault();
    if (link.classList.contains("plan-facts-link")) {
      choosePlan(link.getAttribute("data-plan"), { focus: true });
    } else {
      chooseArea(link.getAttribute("data-area-code"), { focus: true });
    }
  });

  document.getElementById("area-choose").addEventListener("submit", function (event) {
    event.preventDefault();
    if (areaSelect.value) { chooseArea(areaSelect.value, { focus: true }); } else { areaSelect.focus(); }
  });
  document.getElementById("plan-choose").addEventListener("submit", function (event) {
    event.preventDefault();
    if (planSelect.value) { choosePlan(planSelect.value, { focus: true }); } else { planSelect.focus(); }
  });

  // The address: the place search's results as buttons; the chosen place's innermost residential
  // area (the areas API, innermost first) is chosen, with a pin where the place is.
  var placePin = null;
  var placeInput = document.getElementById("place-query");
  var placeResults = document.getElementById("place-results");
  document.getElementById("place-search").addEventListener("submit", function (event) {
    event.preventDefault();
    CityMap.searchPlaces(placeInput, placeResults, function (place) {
      if (placePin) { map.removeLayer(placePin); }
      placePin = L.marker([place.lat, place.lon], { title: place.label, alt: place.label }).addTo(map);
      fetch(config.areasUrl + "?contains=" + place.lon + "," + place.lat + "&lang=" + encodeURIComponent(config.language),
            { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { features: [] }; })
        .then(function (collection) {
          var inner = collection.features.filter(function (f) {
            return f.properties.kind !== "city" && f.properties.kind !== "budget_area"; })[0];
          if (inner) {
            chooseArea(inner.properties.code, { focus: true });
          } else {
            placeResults.innerHTML = '<p role="status">' + escapeHtml(labels.notInArea) + "</p>";
            placeInput.focus();
          }
        })
        .catch(function () {
          placeResults.innerHTML = '<p role="status">' + escapeHtml(labels.searchFailed) + "</p>";
        });
    });
  });

  // An address with #alue=CODE or #kaava=ID opens with that area or plan chosen.
  var wanted = /^#(alue|kaava)=(.+)$/.exec(window.location.hash);
  if (wanted) {
    var value = decodeURIComponent(wanted[2]);
    if (wanted[1] === "alue") { chooseArea(value, { focus: false, fit: true }); } else { choosePlan(value, { focus: false }); }
  }
  container.setAttribute("data-ready", "true");
})();
