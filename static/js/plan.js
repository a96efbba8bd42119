/* A plan's page: the plan area, the areas it affects, the listed comments and (in phase 1) the
   earlier feedback reports on a map beside the same facts as lists; the comment form's place drawn
   on a second map with Leaflet-Geoman (vendored), by mouse or by keyboard (the map pans with the
   arrow keys and a button adds each point at its centre); the address search; a live character
   count; likes and reports of comments without leaving the page. Without this script every part
   still works: the forms post, the address search runs on the server, and the map's way of
   placing a comment is simply not offered. */
(function () {
  "use strict";
  var config = CityMap.config;
  var labels = CityMap.labels;
  var calm = CityMap.calm;
  var escapeHtml = CityMap.escapeHtml;
  var geo = JSON.parse(document.getElementById("plan-geo").textContent);
  var feedback = JSON.parse(document.getElementById("plan-feedback").textContent);
  var SEINAJOKI = [62.79, 22.84];

  // Markers on these maps are not keyboard stops of their own (Geoman's vertices would be nameless
  // buttons): the keyboard draws with the buttons beside the map, and the lists carry the facts.
  L.Marker.mergeOptions({ keyboard: false });

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }

  // Errors from the server: move focus to the summary so it is read out first (WCAG 3.3.1).
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  function styles() {
    return {
      boundary: { color: CityMap.token("map-outline"), weight: 3, fill: false, interactive: false },
      inside: { color: CityMap.token("map-area"), weight: 1.5, fillColor: CityMap.token("map-area-fill"), fillOpacity: 0.2 },
      neighbour: { color: CityMap.token("map-area"), weight: 1.5, dashArray: "6 4", fillColor: CityMap.token("map-area-fill"),
                   fillOpacity: 0.05 },
      comment: { color: CityMap.token("map-selected"), weight: 4, fillColor: CityMap.token("map-selected"), fillOpacity: 0.2 },
    };
  }

  /* The plan's place and its affected areas: the same on both maps; ``interactive`` gives the
     areas their names as tooltips (the drawing map leaves every click to the drawing). */
  function drawPlace(map, interactive) {
    var style = styles();
    var bounds = null;
    if (geo.areas && geo.areas.length) {
      L.geoJSON({ type: "FeatureCollection", features: geo.areas }, {
        interactive: interactive,
        style: function (feature) { return feature.properties.inside ? style.inside : style.neighbour; },
        onEachFeature: function (feature, layer) {
          if (interactive) { layer.bindTooltip(escapeHtml(feature.properties.name)); }
        },
      }).addTo(map);
    }
    if (geo.boundary) {
      var boundary = L.geoJSON(geo.boundary, { style: style.boundary, interactive: false }).addTo(map);
      bounds = boundary.getBounds();
    }
    if (bounds && bounds.isValid()) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 }); }
    else { map.setView(SEINAJOKI, 12); }
  }

  /* The overview map: comments of this page of the list, earlier feedback, and "Show on map". */
  var planContainer = document.getElementById("plan-map");
  if (planContainer) {
    var planMap = CityMap.create(planContainer, SEINAJOKI, 12);
    drawPlace(planMap, true);
    var style = styles();
    var commentLayers = {};
    L.geoJSON({ type: "FeatureCollection", features: geo.comments || [] }, {
      style: function () { return style.comment; },
      pointToLayer: function (_feature, latlng) {
        return L.circleMarker(latlng, { radius: 8, color: CityMap.token("map-selected"), weight: 3,
                                        fillColor: CityMap.token("white"), fillOpacity: 1 });
      },
      onEachFeature: function (feature, layer) {
        commentLayers[feature.properties.id] = layer;
        layer.bindPopup('<p class="comment-excerpt">' + escapeHtml(feature.properties.excerpt) +
          '</p><p><a href="#comment-' + feature.properties.id + '">' + escapeHtml(labels.comment) + "</a></p>");
      },
    }).addTo(planMap);
    feedback.forEach(function (feature) {
      var c = feature.geometry && feature.geometry.coordinates;
      if (!c) { return; }
      var p = feature.properties;
      L.circleMarker([c[1], c[0]], { radius: 6, color: CityMap.token("ink"), weight: 2, fillColor: CityMap.token("harvest"),
                                     fillOpacity: 0.9 })
        .bindTooltip(escapeHtml(p.number + " – " + p.category_name + " (" + p.kind_label + ")"))
        .addTo(planMap);
    });
    document.querySelectorAll("button.show-on-map").forEach(function (button) {
      var layer = commentLayers[button.getAttribute("data-comment")];
      if (!layer) { return; }
      button.parentNode.hidden = false;
      button.addEventListener("click", function () {
        if (layer.getBounds) { planMap.fitBounds(layer.getBounds(), { maxZoom: 16, animate: !calm }); }
        else { planMap.setView(layer.getLatLng(), Math.max(planMap.getZoom(), 15), { animate: !calm }); }
        layer.openPopup();
        planContainer.scrollIntoView({ block: "nearest" });
      });
    });
    planContainer.setAttribute("data-comments", String(Object.keys(commentLayers).length));
    planContainer.setAttribute("data-feedback", String(feedback.length));
    planContainer.setAttribute("data-ready", "true");
  }

  var form = document.getElementById("comment-form");
  if (!form) { return; }

  function choosePlace(value) {
    var radio = form.querySelector("input[name=place][value=" + value + "]");
    if (radio) { radio.checked = true; }
  }

  /* The comment's length, counted as the resident types; read out only after a pause. */
  var text = document.getElementById("id_text");
  var count = document.getElementById("text-count");
  var MAX = 5000;
  var timer = null;
  function showCount() {
    var length = text.value.trim().length;
    var message = format(labels.characters, { count: length, max: MAX });
    if (length > MAX) { message += " (" + format(labels.tooMany, { over: length - MAX }) + ")"; }
    count.textContent = message;
  }
  text.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(showCount, 400);
  });
  showCount();

  /* An affected area chosen from the list places the comment there. */
  var areaSelect = document.getElementById("id_area");
  if (areaSelect && areaSelect.tagName === "SELECT") {
    areaSelect.addEventListener("change", function () { if (areaSelect.value) { choosePlace("area"); } });
  }

  /* The address search: results as buttons in a list, so keyboards and screen readers choose them. */
  var queryInput = document.getElementById("id_place_query");
  var searchButton = document.getElementById("place-search-button");
  var results = document.getElementById("place-results");
  var chosen = document.getElementById("chosen-place");
  function search() {
    choosePlace("address");
    CityMap.searchPlaces(queryInput, results, function (result) {
      document.getElementById("id_lon").value = Number(result.lon).toFixed(6);
      document.getElementById("id_lat").value = Number(result.lat).toFixed(6);
      document.getElementById("id_address").value = result.label;
      chosen.textContent = labels.chosen + ": " + result.label;
      chosen.focus();
    });
  }
  queryInput.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); search(); }
  });
  queryInput.addEventListener("input", function () {
    // A new search replaces the place chosen before.
    ["id_lon", "id_lat", "id_address"].forEach(function (id) { document.getElementById(id).value = ""; });
    chosen.textContent = "";
  });
  form.addEventListener("submit", function (event) {
    if (event.submitter === searchButton) { event.preventDefault(); search(); }
  });

  /* Drawing on the map with Leaflet-Geoman: the page's own buttons choose a point, a line or an
     area; the mouse clicks the map, the keyboard pans it and adds each point at its centre. */
  var drawContainer = document.getElementById("comment-map");
  if (!drawContainer || !L.PM) { return; }
  form.querySelector(".place-choice[data-place=map]").hidden = false;
  var drawMap = CityMap.create(drawContainer, SEINAJOKI, 12);
  drawPlace(drawMap, false);
  var geometryInput = document.getElementById("id_geometry");
  var status = document.getElementById("drawn-status");
  var steps = document.getElementById("draw-steps");
  var clearButton = document.getElementById("draw-clear");
  var centreButton = document.getElementById("draw-centre");
  var shapeButtons = form.querySelectorAll("button.draw-shape");
  var drawStyle = styles().comment;
  var drawn = null;
  var shape = null;  // the shape being drawn: "Marker", "Line" or "Polygon"
  var finishedByButton = false;

  try { drawMap.pm.setLang(config.language === "en" ? "en" : config.language); } catch (error) { /* English then */ }
  drawMap.pm.setGlobalOptions({
    pathOptions: drawStyle, templineStyle: drawStyle,
    hintlineStyle: { color: CityMap.token("map-selected"), dashArray: "5 5" },
    markerStyle: { keyboard: false, alt: labels.comment, title: labels.comment },
    snappable: false, continueDrawing: false, markerEditable: false,
  });

  function vertexCount() {
    var handler = shape && drawMap.pm.Draw[shape];
    return handler && handler._layer ? handler._layer.getLatLngs().flat().length : 0;
  }

  function describe(layer, kind) {
    if (kind === "Marker" || kind === "Point") { return labels.point; }
    var n = layer.getLatLngs().flat(2).length;
    if (kind === "Polygon") { return format(labels.polygonMany, { count: n }); }
    return format(n === 1 ? labels.lineOne : labels.lineMany, { count: n });
  }

  function showDrawn(layer, kind) {
    if (drawn) { drawMap.removeLayer(drawn); }
    drawn = layer;
    geometryInput.value = JSON.stringify(layer.toGeoJSON(6).geometry);
    status.textContent = format(labels.drawn, { shape: describe(layer, kind) });
    clearButton.hidden = false;
    drawContainer.setAttribute("data-drawn", layer.toGeoJSON().geometry.type);
    choosePlace("map");
  }

  function stopped() {
    shape = null;
    steps.hidden = true;
    shapeButtons.forEach(function (button) { button.setAttribute("aria-pressed", "false"); });
  }

  function start(kind) {
    drawMap.pm.disableDraw();
    shape = kind;
    var options = kind === "Polygon" ? { allowSelfIntersection: false } : {};
    drawMap.pm.enableDraw(kind, options);
    shapeButtons.forEach(function (button) {
      button.setAttribute("aria-pressed", button.getAttribute("data-shape") === kind ? "true" : "false");
    });
    steps.hidden = false;
    ["draw-undo", "draw-finish"].forEach(function (id) { document.getElementById(id).hidden = kind === "Marker"; });
    status.textContent = kind === "Marker" ? labels.drawPoint : kind === "Line" ? labels.drawLine : labels.drawPolygon;
    choosePlace("map");
  }

  shapeButtons.forEach(function (button) {
    button.addEventListener("click", function () { start(button.getAttribute("data-shape")); });
  });

  drawMap.on("pm:drawstart", function (event) {
    if (event.workingLayer) {
      event.workingLayer.on("pm:vertexadded", function () {
        status.textContent = format(labels.drawing, { count: vertexCount() });
      });
    }
  });
  drawMap.on("pm:drawend", stopped);
  drawMap.on("pm:create", function (event) {
    var kind = event.shape;
    showDrawn(event.layer, kind);
    stopped();
    if (finishedByButton) { status.focus(); }
    finishedByButton = false;
  });

  centreButton.addEventListener("click", function () {
    if (!shape) { return; }
    var centre = drawMap.getCenter();
    if (shape === "Marker") {
      finishedByButton = true;
      drawMap.pm.Draw.Marker._createMarker({ latlng: centre });
      return;
    }
    var latlngs = drawMap.pm.Draw[shape]._layer.getLatLngs();
    if (latlngs.length && centre.equals(latlngs[latlngs.length - 1])) {  // Geoman would take it as "finish"
      status.textContent = labels.sameCentre;
      return;
    }
    drawMap.pm.Draw[shape]._createVertex({ latlng: centre });
    if (shape) { status.textContent = format(labels.pointAdded, { count: vertexCount() }); }
  });
  document.getElementById("draw-undo").addEventListener("click", function () {
    if (!shape) { return; }
    if (vertexCount() <= 1) { start(shape); return; }  // Geoman would leave drawing altogether
    drawMap.pm.Draw[shape]._removeLastVertex();
    status.textContent = format(labels.drawing, { count: vertexCount() });
  });
  document.getElementById("draw-finish").addEventListener("click", function () {
    if (!shape) { return; }
    if (vertexCount() < (shape === "Polygon" ? 3 : 2)) { status.textContent = labels.cannotFinish; return; }
    finishedByButton = true;
    drawMap.pm.Draw[shape]._finishShape();
    finishedByButton = false;
  });
  document.getElementById("draw-cancel").addEventListener("click", function () {
    drawMap.pm.disableDraw();
    stopped();
    status.textContent = drawn ? status.textContent : labels.notDrawn;
  });
  clearButton.addEventListener("click", function () {
    if (drawn) { drawMap.removeLayer(drawn); }
    drawn = null;
    geometryInput.value = "";
    drawContainer.removeAttribute("data-drawn");
    status.textContent = labels.notDrawn;
    clearButton.hidden = true;
    status.focus();
  });

  // Where "Add a point at the centre" puts the point, shown while the map or that button has focus.
  [drawContainer, centreButton].forEach(function (element) {
    element.addEventListener("focus", function () { drawContainer.classList.add("show-centre"); });
    element.addEventListener("blur", function () { drawContainer.classList.remove("show-centre"); });
  });

  // A page sent back with errors keeps what was drawn.
  if (geometryInput.value) {
    try {
      var earlier = L.geoJSON(JSON.parse(geometryInput.value), {
        style: function () { return drawStyle; },
        pointToLayer: function (_feature, latlng) { return L.marker(latlng, { alt: labels.comment, title: labels.comment }); },
      }).getLayers()[0];
      if (earlier) {
        earlier.addTo(drawMap);
        var type = earlier.toGeoJSON().geometry.type;
        showDrawn(earlier, type === "LineString" ? "Line" : type === "Point" ? "Marker" : "Polygon");
      }
    } catch (error) { geometryInput.value = ""; }
  }
  drawContainer.setAttribute("data-ready", "true");
})();

/* Likes and reports of comments without leaving the page (the forms post as they are without
   JavaScript): the answer is said where the button is, and a comment hidden by its third report
   leaves the list. */
(function () {
  "use strict";
  document.querySelectorAll("form.like-form, form.flag-form").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var item = form.closest("li.comment");
      var said = item.querySelector(".reaction-status");
      var button = form.querySelector("button[type=submit]");
      button.disabled = true;
      fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin",
                           headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (body) {
          button.disabled = false;
          item.querySelector(".like-count").textContent = body.likes_text;
          if (body.hidden) {
            item.innerHTML = '<p class="comment-hidden"></p>';
            item.firstChild.textContent = body.message;
            item.focus();
            return;
          }
          said.textContent = body.message;
          var disclosure = form.closest("details");
          if (disclosure) { disclosure.open = false; disclosure.querySelector("summary").focus(); }
        })
        .catch(function () { form.submit(); });  // the page's own way, without the script
    });
  });
})();
