/* Shared by every map of the platform: the page's settings, a Leaflet map with translated
   zoom buttons, the background tiles, and no animations for people who ask for less motion. */
(function () {
  "use strict";
  // WCAG 2.3.3: no fades or zoom animations when the system asks for reduced motion.
  var calm = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  function readJson(id) {
    return JSON.parse(document.getElementById(id).textContent);
  }

  // The default pin's images, at the addresses the page gives (hashed in production): Leaflet's own
  // guess from its stylesheet led to /palaute/uusi/marker-icon.png, a broken image.
  var leaflet = document.getElementById("leaflet-script");
  if (leaflet && leaflet.dataset.iconUrl) {
    L.Icon.Default.imagePath = "";
    L.Icon.Default.mergeOptions({
      iconUrl: leaflet.dataset.iconUrl,
      iconRetinaUrl: leaflet.dataset.iconRetinaUrl,
      shadowUrl: leaflet.dataset.shadowUrl,
    });
  }

  // The background tiles come from another server. They are added once the page has loaded, so a
  // tile server that hangs never holds the page's loading; when tiles fail, or none has come within
  // TILE_PATIENCE_MS, the map says so in words (its drawings, the areas and pins, still show).
  var TILE_PATIENCE_MS = 6000;

  function addTiles(map, config) {
    var layer = L.tileLayer(config.tileUrl, { maxZoom: 19, attribution: config.tileAttribution });
    var loaded = false;
    var notice = null;
    function tell() {
      if (notice || loaded) { return; }
      notice = L.control({ position: "bottomleft" });
      notice.onAdd = function () {
        var box = L.DomUtil.create("p", "tile-notice");
        box.setAttribute("role", "status");
        box.textContent = leaflet ? leaflet.dataset.tilesFailed : "";
        return box;
      };
      notice.addTo(map);
    }
    layer.on("tileload", function () { loaded = true; });
    layer.on("tileerror", tell);
    function start() {
      layer.addTo(map);
      window.setTimeout(tell, TILE_PATIENCE_MS);
    }
    if (document.readyState === "complete") { start(); } else { window.addEventListener("load", start); }
  }

  // A colour of the design tokens (css/tokens.css, "--sjk-" + name): the maps draw in the city's
  // colours without a colour of their own here.
  function token(name) {
    return getComputedStyle(document.documentElement).getPropertyValue("--sjk-" + name).trim();
  }

  // Every map shows the city's boundary and its residential areas as outlines under everything
  // else, so that a map whose background did not load still shows where things are. They take no
  // clicks or focus: a click goes to the map (placing a pin, say).
  function outlineAreas(map, container, config) {
    var pane = map.createPane("area-outlines");
    pane.style.zIndex = 350;  // above the tiles (200), below drawings (400) and markers (600)
    pane.style.pointerEvents = "none";
    var language = encodeURIComponent(config.language || "fi");
    var styles = {
      city: { color: token("ink"), weight: 3, fill: false, className: "area-outline area-outline-city" },
      postal_area: { color: token("muted"), weight: 1.5, dashArray: "4 4", fill: false,
                     className: "area-outline area-outline-postal_area" },
    };
    Object.keys(styles).forEach(function (kind) {
      fetch("/api/v1/areas/?kind=" + kind + "&lang=" + language, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { features: [] }; })
        .then(function (collection) {
          L.geoJSON(collection, {
            pane: "area-outlines", interactive: false, style: function () { return styles[kind]; },
          }).addTo(map);
          var drawn = Number(container.getAttribute("data-outlines") || 0) + collection.features.length;
          container.setAttribute("data-outlines", String(drawn));
        })
        .catch(function () { /* outlines are a help, not a need: the map works without them */ });
    });
  }

  window.CityMap = {
    calm: calm,
    token: token,
    config: readJson("map-config"),
    labels: readJson("map-labels"),

    create: function (container, center, zoom) {
      var config = this.config;
      var map = L.map(container, {
        zoomControl: false, fadeAnimation: !calm, zoomAnimation: !calm, markerZoomAnimation: !calm,
        maxZoom: 19,  // known before the tiles come (after the page's load): clustering needs it
      }).setView(center, zoom);
      L.control.zoom({ zoomInTitle: this.labels.zoomIn, zoomOutTitle: this.labels.zoomOut }).addTo(map);
      container.leafletMap = map;  // lets tests and other scripts turn coordinates into pixels
      if (config.tileUrl) { addTiles(map, config); }
      if (!config.areasUrl) { outlineAreas(map, container, config); }  // the area map draws its own
      return map;
    },

    /* The place search of the report form and the desk entry: the words in ``input`` go to the
       place search API; the places found become buttons in ``results`` (a list a keyboard and a
       screen reader can choose from, the first one focused), and choosing one clears the list and
       hands the place ({label, kind, lon, lat}) to ``choose``. The page's labels say what happens. */
    searchPlaces: function (input, results, choose) {
      var config = this.config, labels = this.labels, escapeHtml = this.escapeHtml;
      var text = input.value.trim();
      if (text.length < 2) { input.focus(); return; }
      var status = function (message) { results.innerHTML = '<p role="status">' + escapeHtml(message) + "</p>"; };
      status(labels.searching);
      var url = config.placesUrl + "?limit=10&lang=" + encodeURIComponent(config.language) +
        "&q=" + encodeURIComponent(text);
      fetch(url, { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) { throw new Error(response.status); }
          return response.json();
        })
        .then(function (body) {
          if (!body.results.length) { status(labels.noResults); return; }
          var statusId = results.id + "-status";
          results.innerHTML = '<p role="status" id="' + statusId + '">' + escapeHtml(labels.results) + "</p>" +
            '<ul aria-labelledby="' + statusId + '">' + body.results.map(function (result, index) {
              return '<li><button type="button" class="place-result hds-button hds-button--secondary hds-button--small" data-index="' + index + '">' +
                escapeHtml(result.label) + ' <span class="muted">(' + escapeHtml(result.kind_label) + ")</span></button></li>";
            }).join("") + "</ul>";
          results.querySelectorAll("button.place-result").forEach(function (button) {
            button.addEventListener("click", function () {
              var result = body.results[Number(button.getAttribute("data-index"))];
              results.innerHTML = "";
              choose(result);
            });
          });
          results.querySelector("button.place-result").focus();
        })
        .catch(function () { status(labels.searchFailed); });
    },

    escapeHtml: function (text) {
      var span = document.createElement("span");
      span.textContent = text == null ? "" : String(text);
      return span.innerHTML;
    },
  };
})();
