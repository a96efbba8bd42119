/* The report form: a pin on the map (click or drag), the place search as a list of buttons,
   "use my location", open reports nearby with "Me too", and a live character count.
   Without this script the form still works: the place search then runs on the server. */
(function () {
  "use strict";
  var config = CityMap.config;
  var labels = CityMap.labels;
  var form = document.getElementById("report-form");
  var lonInput = document.getElementById("id_lon");
  var latInput = document.getElementById("id_lat");
  var addressInput = document.getElementById("id_address");
  var chosen = document.getElementById("chosen-place");
  var queryInput = document.getElementById("id_place_query");
  var searchButton = document.getElementById("place-search-button");
  var results = document.getElementById("place-results");
  var category = document.getElementById("id_category");
  var csrfToken = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  var escapeHtml = CityMap.escapeHtml;

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key]; });
  }

  // Errors from the server: move focus to the summary so it is read out first (WCAG 3.3.1).
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }

  /* The map and the pin. */
  var container = document.getElementById("report-map");
  var calm = CityMap.calm;
  var map = CityMap.create(container, [62.79, 22.84], 11);
  var pin = null;
  var nearbyLayer = L.layerGroup().addTo(map);

  function describePlace(lat, lon, label) {
    return labels.chosen + ": " + (label ? label + ", " : "") +
      Number(lat).toFixed(5) + " N, " + Number(lon).toFixed(5) + " E";
  }

  function setPlace(lat, lon, label, options) {
    options = options || {};
    lonInput.value = Number(lon).toFixed(6);
    latInput.value = Number(lat).toFixed(6);
    addressInput.value = label || "";
    if (!pin) {
      // keyboard: true makes the pin focusable (Tab), where the arrow keys move it (pinKeys).
      pin = L.marker([lat, lon], { draggable: true, alt: labels.pin, title: labels.pin, keyboard: true }).addTo(map);
      pin.on("dragend", function () {
        var position = pin.getLatLng();
        setPlace(position.lat, position.lng, "");
      });
      pin.getElement().addEventListener("keydown", pinKeys);
    } else {
      pin.setLatLng([lat, lon]);
    }
    if (options.zoom) { map.setView([lat, lon], Math.max(map.getZoom(), 15), { animate: !calm }); }
    chosen.textContent = describePlace(lat, lon, label);
    container.setAttribute("data-pin", lonInput.value + "," + latInput.value);
    if (options.focus) { chosen.focus(); }
    refreshNearby();
  }

  map.on("click", function (event) { setPlace(event.latlng.lat, event.latlng.lng, ""); });

  /* By keyboard (WCAG 2.1.1): the map pans with the arrow keys (Leaflet), a button drops the pin at
     the map's centre, marked while the map or the button has focus, and the focused pin moves with
     the arrow keys, 10 pixels a press (1 with Shift). Each new place is announced in #chosen-place. */
  var centreButton = document.getElementById("pin-centre");
  var keyboardHelp = document.getElementById("map-keyboard-help");
  centreButton.hidden = false;
  keyboardHelp.hidden = false;
  [container, centreButton].forEach(function (element) {
    element.addEventListener("focus", function () { container.classList.add("show-centre"); });
    element.addEventListener("blur", function () { container.classList.remove("show-centre"); });
  });
  centreButton.addEventListener("click", function () {
    var centre = map.getCenter();
    setPlace(centre.lat, centre.lng, "");
  });
  var STEPS = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };

  function pinKeys(event) {
    var step = STEPS[event.key];
    if (!step) { return; }
    event.preventDefault();
    event.stopPropagation();  // the map itself would pan
    var distance = event.shiftKey ? 1 : 10;
    var point = map.latLngToContainerPoint(pin.getLatLng()).add([step[0] * distance, step[1] * distance]);
    var moved = map.containerPointToLatLng(point);
    setPlace(moved.lat, moved.lng, "");
    if (!map.getBounds().pad(-0.1).contains(moved)) { map.panTo(moved, { animate: !calm }); }
  }

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

  /* The device's location. */
  var locate = document.getElementById("locate-me");
  if (navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      chosen.textContent = labels.locating;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          setPlace(position.coords.latitude, position.coords.longitude, "", { zoom: true, focus: true });
        },
        function () { chosen.textContent = labels.locateFailed; },
        { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 }
      );
    });
  }

  /* Open reports of the chosen topic near the pin: support one instead of filing a duplicate. */
  var nearby = document.getElementById("nearby");
  var nearbyList = document.getElementById("nearby-list");
  var nearbyStatus = document.getElementById("nearby-status");
  var nearbyEmail = document.getElementById("nearby-email");
  document.getElementById("nearby-intro").textContent = labels.nearbyIntro;
  var nearbyRequest = 0;

  function refreshNearby() {
    var code = category.value;
    nearbyLayer.clearLayers();
    if (!code || !lonInput.value || !latInput.value) {
      nearby.hidden = true;
      return;
    }
    var ticket = ++nearbyRequest;
    var url = config.feedbackUrl + "?open=true&lang=" + encodeURIComponent(config.language) +
      "&category=" + encodeURIComponent(code) + "&near=" + lonInput.value + "," + latInput.value;
    fetch(url, { headers: { Accept: "application/geo+json" } })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (collection) {
        if (ticket !== nearbyRequest) { return; }  // a newer pin position has asked since
        showNearby(collection.features || []);
      })
      .catch(function () { nearby.hidden = true; });
  }

  function showNearby(features) {
    nearbyList.innerHTML = "";
    nearbyStatus.textContent = "";
    if (!features.length) {
      nearby.hidden = true;
      return;
    }
    features.forEach(function (feature) {
      var p = feature.properties;
      var item = document.createElement("li");
      item.setAttribute("data-number", p.number);
      item.innerHTML =
        '<a href="' + escapeHtml(p.url) + '" target="_blank" rel="noopener">' + escapeHtml(p.number) + "</a>" +
        "<span>" + escapeHtml(p.category_name) + " · " + escapeHtml(p.status_label) +
        (p.distance_m != null ? " · " + Math.round(p.distance_m) + " " + escapeHtml(labels.metres) : "") +
        ' · <span class="count">' + escapeHtml(p.supporter_count) + '</span> <span class="count-word">' +
        escapeHtml(supporterWord(p.supporter_count)) + "</span>" +
        "</span>" +
        '<button type="button" class="me-too hds-button hds-button--secondary hds-button--small" aria-label="' + escapeHtml(labels.meToo + ": " + p.number) + '">' +
        escapeHtml(labels.meToo) + "</button>";
      item.querySelector("button.me-too").addEventListener("click", function (event) {
        support(p.number, item, event.currentTarget);
      });
      nearbyList.appendChild(item);
      var coordinates = feature.geometry && feature.geometry.coordinates;
      if (coordinates) {
        L.circleMarker([coordinates[1], coordinates[0]], {
          radius: 9, color: CityMap.token("ink"), weight: 2, fillColor: CityMap.token("harvest"), fillOpacity: 0.9, keyboard: false,
        }).bindTooltip(escapeHtml(p.number + " – " + p.category_name)).addTo(nearbyLayer);
      }
    });
    nearby.hidden = false;
    nearby.setAttribute("data-count", String(features.length));
  }

  function supporterWord(count) {
    return Number(count) === 1 ? labels.supporterOne : labels.supporterMany;
  }

  function support(number, item, button) {
    button.disabled = true;
    var url = config.feedbackUrl + encodeURIComponent(number) + "/support/?lang=" + encodeURIComponent(config.language);
    fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken },
      body: JSON.stringify(nearbyEmail.value.trim() ? { email: nearbyEmail.value.trim() } : {}),
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (body) {
          // A closed report (409) says so in its own words; any other failure may be tried again.
          if (!response.ok && response.status !== 409) { throw new Error(response.status); }
          return { ok: response.ok, body: body };
        });
      })
      .then(function (answer) {
        var body = answer.body;
        if (answer.ok) {
          item.querySelector(".count").textContent = body.supporter_count;
          item.querySelector(".count-word").textContent = supporterWord(body.supporter_count);
        }
        // The answer replaces the button; it takes the focus the button had (not the page's body).
        var done = document.createElement("span");
        done.className = answer.ok && body.counted ? "supported" : "not-counted";
        done.setAttribute("tabindex", "-1");
        done.textContent = (answer.ok ? body.message : body.detail) || labels.supported;
        button.replaceWith(done);
        done.focus();
        nearbyStatus.textContent = done.textContent + " (" + number + ")";
      })
      .catch(function () {
        button.disabled = false;
        nearbyStatus.textContent = labels.supportFailed;
      });
  }

  category.addEventListener("change", refreshNearby);

  /* The description's length, counted as the resident types; read out only after a pause. */
  var description = document.getElementById("id_description");
  var count = document.getElementById("description-count");
  var timer = null;
  function showCount() {
    var length = description.value.trim().length;
    var text = format(labels.characters, { count: length, max: 5000 });
    if (length < 10) { text += " (" + format(labels.tooFew, { min: 10 }) + ")"; }
    count.textContent = text;
  }
  description.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(showCount, 400);
  });
  showCount();

  // A page shown again (errors, a server-side search) keeps the place chosen before.
  if (lonInput.value && latInput.value) {
    setPlace(parseFloat(latInput.value), parseFloat(lonInput.value), addressInput.value, { zoom: true });
  }
  container.setAttribute("data-ready", "true");
})();
