/* The proposal form: a pin on the map (click, or by keyboard the button that drops it at the map's
   centre), the place search as a list of buttons, and similar proposals shown while the resident
   writes (announced in a polite live region). Without this script the form still works: the place
   search runs on the server and similar proposals are listed when the form comes back. */
(function () {
  "use strict";
  var labels = CityMap.labels;
  var escapeHtml = CityMap.escapeHtml;
  var form = document.getElementById("proposal-form");
  var lonInput = document.getElementById("id_lon");
  var latInput = document.getElementById("id_lat");
  var addressInput = document.getElementById("id_address");
  var chosen = document.getElementById("chosen-place");
  var queryInput = document.getElementById("id_place_query");
  var searchButton = document.getElementById("place-search-button");
  var results = document.getElementById("place-results");
  var pointRadio = document.getElementById("id_place_point");
  var calm = CityMap.calm;

  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }

  /* The map and the pin. */
  var container = document.getElementById("proposal-form-map");
  var start = lonInput.value && latInput.value ? [Number(latInput.value), Number(lonInput.value)] : null;
  var map = CityMap.create(container, start || [62.79, 22.84], start ? 15 : 11);
  var pin = null;

  // The budget areas' outlines: where a pin decides the area.
  fetch("/api/v1/areas/?kind=budget_area&lang=" + encodeURIComponent(CityMap.config.language),
        { headers: { Accept: "application/json" } })
    .then(function (response) { return response.ok ? response.json() : { features: [] }; })
    .then(function (collection) {
      L.geoJSON(collection, { interactive: false, style: function () {
        return { color: CityMap.token("ink"), weight: 2, fillOpacity: 0.05, fillColor: CityMap.token("ink") };
      } }).addTo(map);
    })
    .catch(function () { /* the outlines help; the map works without them */ });

  function setPlace(lat, lon, label, options) {
    options = options || {};
    lonInput.value = Number(lon).toFixed(6);
    latInput.value = Number(lat).toFixed(6);
    addressInput.value = label || "";
    if (pointRadio) { pointRadio.checked = true; }
    if (!pin) {
      pin = L.marker([lat, lon], { alt: labels.pin, title: labels.pin, keyboard: false }).addTo(map);
    } else {
      pin.setLatLng([lat, lon]);
    }
    if (options.zoom) { map.setView([lat, lon], Math.max(map.getZoom(), 15), { animate: !calm }); }
    chosen.textContent = labels.chosen + ": " + (label ? label + ", " : "") +
      Number(lat).toFixed(5) + " N, " + Number(lon).toFixed(5) + " E";
    container.setAttribute("data-pin", lonInput.value + "," + latInput.value);
    if (options.focus) { chosen.focus(); }
    similarSoon();
  }

  if (start) {
    pin = L.marker(start, { alt: labels.pin, title: labels.pin, keyboard: false }).addTo(map);
  }
  map.on("click", function (event) { setPlace(event.latlng.lat, event.latlng.lng, ""); });

  var centreButton = document.getElementById("pin-centre");
  document.getElementById("map-keyboard-help").hidden = false;
  centreButton.hidden = false;
  [container, centreButton].forEach(function (element) {
    element.addEventListener("focus", function () { container.classList.add("show-centre"); });
    element.addEventListener("blur", function () { container.classList.remove("show-centre"); });
  });
  centreButton.addEventListener("click", function () {
    var centre = map.getCenter();
    setPlace(centre.lat, centre.lng, "", { focus: true });
  });

  /* The place search: results as buttons in a list, so keyboards and screen readers choose them. */
  function search() {
    CityMap.searchPlaces(queryInput, results, function (result) {
      setPlace(result.lat, result.lon, result.label, { zoom: true, focus: true });
    });
  }
  queryInput.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); search(); }
  });
  form.addEventListener("submit", function (event) {
    if (event.submitter === searchButton) { event.preventDefault(); search(); }
  });

  /* Similar proposals while writing: asked a moment after the typing stops or the pin moves. */
  var title = document.getElementById("id_title");
  var description = document.getElementById("id_description");
  var similarStatus = document.getElementById("similar-status");
  var similarList = document.getElementById("similar-list");
  var timer = null;
  var lastQuery = "";

  function similarSoon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(similar, 600);
  }

  function similar() {
    var params = new URLSearchParams();
    params.set("text", (title.value + " " + description.value).slice(0, 4000));
    if (pointRadio && pointRadio.checked && lonInput.value && latInput.value) {
      params.set("lon", lonInput.value);
      params.set("lat", latInput.value);
    }
    if (form.dataset.exclude) { params.set("exclude", form.dataset.exclude); }
    var query = params.toString();
    if (query === lastQuery) { return; }
    lastQuery = query;
    fetch(form.dataset.similarUrl + "?" + query, { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { results: [] }; })
      .then(function (body) {
        similarList.innerHTML = body.results.map(function (row) {
          var extra = row.metres == null ? labels.sameWords : format(labels.metres, { metres: row.metres });
          return '<li><a href="' + escapeHtml(row.url) + '" target="_blank" rel="noopener">' + escapeHtml(row.title) +
            '</a> <span class="muted">(' + escapeHtml(row.status_label) + ", " + escapeHtml(extra) + ")</span></li>";
        }).join("");
        similarStatus.textContent = body.results.length ? labels.similarSome : labels.similarNone;
        similarList.setAttribute("data-count", String(body.results.length));
      })
      .catch(function () { /* suggestions are a help; the form works without them */ });
  }
  title.addEventListener("input", similarSoon);
  description.addEventListener("input", similarSoon);
  container.setAttribute("data-ready", "true");
})();
