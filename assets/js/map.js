// Tashil map: units coloured by sector, zones outlined by kind, clusters as hulls,
// with a Persian legend. Data comes from the page's data-src (GeoJSON); a tile layer
// is added only when the server is configured with one (data-tile), otherwise the
// map draws on a plain background. Popups and the legend are built from DOM nodes
// with textContent, never from HTML strings.
(function () {
  'use strict';
  var el = document.getElementById('map');
  if (!el || !window.L) return;
  var palette = ['#1b7837', '#b2182b', '#2166ac', '#e08214', '#762a83', '#01665e', '#8c510a',
    '#c51b7d', '#4d4d4d', '#35978f', '#bf812d', '#5aae61', '#d6604d', '#4393c3'];
  var zoneStyle = {
    spot: { color: '#b54708', dashArray: '6 4' },
    gov_park: { color: '#0b5d4b' },
    nongov_park: { color: '#155eef' },
    specialised_park: { color: '#7a2e98' }
  };
  var map = L.map(el, { center: [35.55, 51.23], zoom: 12, preferCanvas: true });
  if (el.dataset.tile) {
    L.tileLayer(el.dataset.tile, { maxZoom: 19, attribution: el.dataset.tileAttribution || '' }).addTo(map);
  } else {
    el.classList.add('no-tiles');
  }

  function text(tag, value, cls) {
    var n = document.createElement(tag);
    n.textContent = value;
    if (cls) n.className = cls;
    return n;
  }

  function popup(p) {
    var box = document.createElement('div');
    box.dir = 'rtl';
    box.appendChild(text('strong', p.name || ''));
    if (p.label) box.appendChild(text('div', p.label));
    if (p.href) {
      var a = text('a', 'نمایش');
      a.href = p.href;
      box.appendChild(a);
    }
    return box;
  }

  fetch(el.dataset.src, { credentials: 'same-origin' }).then(function (r) {
    if (!r.ok) throw new Error('HTTP ' + r.status);
    return r.json();
  }).then(function (fc) {
    var sectors = {};
    var next = 0;
    function colour(sector) {
      if (!(sector in sectors)) sectors[sector] = palette[next++ % palette.length];
      return sectors[sector];
    }
    var layer = L.geoJSON(fc, {
      style: function (f) {
        var p = f.properties;
        if (p.kind === 'unit') return { weight: 0.5, color: '#fff', fillColor: colour(p.sector), fillOpacity: 0.9 };
        if (p.kind === 'cluster') return { color: '#101828', weight: 1.5, fillOpacity: 0.08, dashArray: '2 3' };
        var z = zoneStyle[p.zone_kind] || {};
        var point = f.geometry && f.geometry.type === 'Point';
        return { color: z.color || '#333', weight: 2, fill: !point, fillOpacity: 0.05, dashArray: z.dashArray || null };
      },
      pointToLayer: function (f, ll) {
        var p = f.properties;
        if (p.kind === 'unit') {
          return L.circleMarker(ll, { radius: 3.5, weight: 0.5, color: '#fff', fillColor: colour(p.sector), fillOpacity: 0.9 });
        }
        var z = zoneStyle[p.zone_kind] || {};
        return L.circleMarker(ll, { radius: 14, weight: 2, color: z.color || '#333', fill: false, dashArray: z.dashArray || null });
      },
      onEachFeature: function (f, l) { l.bindPopup(popup(f.properties)); }
    }).addTo(map);
    if (layer.getBounds().isValid()) map.fitBounds(layer.getBounds(), { padding: [20, 20] });

    var legend = L.control({ position: 'topleft' });
    legend.onAdd = function () {
      var box = L.DomUtil.create('div', 'map-legend');
      box.dir = 'rtl';
      box.appendChild(text('h2', 'راهنما'));
      Object.keys(sectors).forEach(function (s) {
        var row = text('div', s || 'نامشخص');
        var dot = text('span', '', 'dot');
        dot.style.background = sectors[s];
        row.prepend(dot);
        box.appendChild(row);
      });
      (fc.legend || []).forEach(function (z) {
        var row = text('div', z.label);
        var line = text('span', '', 'line');
        line.style.borderColor = (zoneStyle[z.kind] || {}).color || '#333';
        if ((zoneStyle[z.kind] || {}).dashArray) line.style.borderStyle = 'dashed';
        row.prepend(line);
        box.appendChild(row);
      });
      var cl = text('div', 'خوشه واحدها (پوسته محدب)');
      var hull = text('span', '', 'line hull');
      cl.prepend(hull);
      box.appendChild(cl);
      return box;
    };
    legend.addTo(map);
    el.dataset.ready = String(fc.features.length);
  }).catch(function (e) {
    el.dataset.error = String(e);
    el.appendChild(text('p', 'بارگذاری نقشه ممکن نشد.', 'alert'));
  });
})();
