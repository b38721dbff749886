// logmon dashboard. Log text is only ever placed with textContent: nothing here parses HTML.
'use strict';
(function () {
  var SVG = 'http://www.w3.org/2000/svg';
  var source = null;

  function $(id) { return document.getElementById(id); }

  // What the terminal output escapes (dev.logmon.present.Sanitizer): controls as \xHH; format
  // characters (bidi overrides and isolates, zero-width characters, ...), separators, other
  // default-ignorable code points and lone surrogates as \uHHHH (\UHHHHHHHH above U+FFFF). So
  // no log text can reverse or hide what the page shows.
  var UNSAFE = new RegExp('[\\u0000-\\u001f\\u007f-\\u009f\\p{Cf}\\p{Zl}\\p{Zp}\\p{Cs}'
    + '\\u034f\\u115f\\u1160\\u17b4\\u17b5\\u180b-\\u180f\\u3164\\ufe00-\\ufe0f\\uffa0'
    + '\\ufff0-\\ufff8\\u{e0000}-\\u{e0fff}]', 'gu');

  function hex(n, digits) {
    var h = n.toString(16);
    while (h.length < digits) { h = '0' + h; }
    return h;
  }

  function clean(s) {
    return String(s).replace(UNSAFE, function (c) {
      var cp = c.codePointAt(0);
      if (cp <= 0x9f) { return '\\x' + hex(cp, 2); }
      return cp <= 0xffff ? '\\u' + hex(cp, 4) : '\\U' + hex(cp, 8);
    });
  }

  // Every text the page shows goes through clean: log text can reach any of them.
  function text(id, value) { $(id).textContent = clean(value); }

  function rate(v) { return Number(v).toFixed(2); }

  function bytes(n) {
    var units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
    var u = 0;
    while (n >= 1024 && u < units.length - 1) { n /= 1024; u++; }
    return u === 0 ? n + ' B' : n.toFixed(1) + ' ' + units[u];
  }

  function windowLabel(s) { return s % 60 === 0 ? (s / 60) + ' min' : s + ' s'; }

  // A sketch estimate in milliseconds, marked as one.
  function ms(v) {
    return v === undefined ? '-' : '~' + (v < 100 ? v.toFixed(1) : v.toFixed(0)) + ' ms';
  }

  function show(id, on) { $(id).hidden = !on; }

  function quantiles(x) { return [ms(x.p50_ms), ms(x.p95_ms), ms(x.p99_ms)]; }

  // Latency and vhosts exist only for logs that carry durations or virtual hosts.
  function latency(s) {
    var l = s.latency;
    show('latency-card', !!l);
    show('slowest-card', !!l && l.window.count > 0);
    show('latency-state', s.alert.latency_active);
    if (l) {
      rows('latency-windows', [l.frame, l.window], function (x) {
        return [windowLabel(x.seconds), x.count].concat(quantiles(x));
      });
      var win = windowLabel(l.window.seconds);
      text('latency-sections-title', 'latency by section, last ' + win);
      text('slowest-title', 'slowest sections by p95, last ' + win);
      var section = function (x) { return [x.section, x.count].concat(quantiles(x)); };
      rows('latency-sections', l.window.sections || [], section);
      rows('latency-slowest', l.window.slowest || [], section);
    }
    var v = s.vhosts;
    show('vhosts-card', !!v);
    show('extra', !!l || !!v);
    if (v) {
      var recent = {};
      v.frame.forEach(function (x) { recent[x.vhost] = x.hits; });
      text('vhosts-title', 'top virtual hosts, last ' + windowLabel(s.window_seconds));
      rows('vhosts', v.window, function (x) {
        return [x.vhost, x.hits, recent[x.vhost] || 0];
      });
    }
  }

  // An alert's value: the window's hits/s, or for the latency alert its p95.
  var BREAKDOWNS = {
    paths: 'top paths', not_found_paths: 'top 404 paths', server_error_paths: 'top 5xx paths',
    statuses: 'status codes', agents: 'user agents', referrers: 'referring sites',
    vhost_sections: 'sections per virtual host'
  };

  // Lines left out by filters, and the breakdowns since the start (when they are counted).
  function breakdowns(s) {
    var rules = s.filtered ? Object.keys(s.filtered) : [];
    show('filtered-card', rules.length > 0);
    if (rules.length > 0) {
      text('filtered-total', String(s.filtered_total));
      text('filtered-label', 'filtered: ' + rules.map(function (r) {
        return r + ' ' + s.filtered[r];
      }).join(', '));
    }
    var b = s.breakdowns;
    show('breakdowns', !!b);
    if (!b) { return; }
    Object.keys(BREAKDOWNS).forEach(function (name) {
      var t = b[name];
      text('bd-' + name + '-title', BREAKDOWNS[name] + (t.estimated
        ? ' (estimates, up to ' + t.max_error + ' over)' : ''));
      rows('bd-' + name, t.rows, function (x) { return [x.key, x.hits]; });
    });
  }

  function eventValue(e) {
    return e.alert === 'latency' ? 'p95 ' + e.value.toFixed(2) + ' ms' : rate(e.value) + ' hits/s';
  }

  function rows(id, list, cells, rowClass) {
    var body = $(id);
    var fresh = document.createDocumentFragment();
    list.forEach(function (item) {
      var tr = document.createElement('tr');
      if (rowClass) { tr.className = rowClass(item); }
      cells(item).forEach(function (c) {
        var td = document.createElement('td');
        td.textContent = clean(c);
        tr.appendChild(td);
      });
      fresh.appendChild(tr);
    });
    body.replaceChildren(fresh);
  }

  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  // Bars for values, oldest left; a dashed line at threshold when given.
  function chart(id, values, threshold) {
    var W = 600, H = 160, top = 14;
    var max = Math.max(1, threshold || 0, Math.max.apply(null, values.concat([0])));
    var el = $(id);
    var parts = document.createDocumentFragment();
    var w = W / Math.max(1, values.length);
    values.forEach(function (v, i) {
      var h = (H - top) * v / max;
      parts.appendChild(svg('rect', {
        x: i * w, y: H - h, width: Math.max(1, w - 1), height: h,
        'class': threshold !== undefined && v > threshold ? 'bar high' : 'bar'
      }));
    });
    if (threshold !== undefined) {
      var y = H - (H - top) * threshold / max;
      parts.appendChild(svg('line', { x1: 0, x2: W, y1: y, y2: y, 'class': 'threshold' }));
    }
    var label = svg('text', { x: 4, y: 11, 'class': 'axis' });
    label.textContent = 'max ' + max;
    parts.appendChild(label);
    el.replaceChildren(parts);
  }

  function render(s) {
    text('time', s.time + (s.finished ? ' (replay finished)' : ''));
    text('rate-10s', rate(s.rate_10s));
    text('rate-window', rate(s.rate_window));
    text('rate-window-label', 'hits/s, ' + windowLabel(s.window_seconds));
    text('rate-lifetime', rate(s.rate_lifetime));
    text('hits-total', String(s.hits_total));
    text('bytes-total', bytes(s.bytes_total));
    text('malformed-late', s.malformed_total + ' / ' + s.late_total);
    var badge = $('alert-state');
    badge.textContent = s.alert.active ? 'HIGH TRAFFIC ALERT' : 'no alert';
    badge.className = 'badge ' + (s.alert.active ? 'alert' : 'ok');
    text('window-caption', 'hits per second over the last ' + windowLabel(s.window_seconds)
      + ', threshold ' + s.alert.threshold + ' hits/s dashed');
    chart('chart-window', s.window.hits_by_second, s.alert.threshold);
    chart('chart-hour', s.hits_per_minute);
    var w = s.window;
    text('sections-title', 'top sections, last ' + windowLabel(s.window_seconds));
    rows('sections', w.sections, function (x) {
      return [x.section, x.hits, (x.share * 100).toFixed(1) + '%', x.server_errors];
    });
    rows('status', Object.keys(w.status_classes), function (k) { return [k, w.status_classes[k]]; });
    rows('methods', Object.keys(w.methods), function (k) { return [k, w.methods[k]]; });
    rows('hosts', w.top_hosts, function (x) { return [x.host, bytes(x.bytes), x.hits]; });
    latency(s);
    breakdowns(s);
    text('alert-rule', s.alert.rule + ' rule, threshold ' + s.alert.threshold + ' hits/s over '
      + windowLabel(s.window_seconds) + '; ' + s.alert.alerts_total + ' raised');
    rows('alerts', s.alerts.slice().reverse(), function (e) {
      return [e.time, e.type, eventValue(e), e.message];
    }, function (e) { return e.type; });
  }

  // The token the page was opened with, passed on so a token-protected server accepts the stream.
  function withToken(path) {
    var t = new URLSearchParams(location.search).get('token');
    return t ? path + '?token=' + encodeURIComponent(t) : path;
  }

  function connect() {
    source = new EventSource(withToken('events'));
    source.addEventListener('open', function () { text('conn', 'live'); });
    source.addEventListener('snapshot', function (ev) {
      var s = JSON.parse(ev.data);
      // A finished replay keeps serving its final state: nothing on the page will change.
      text('conn', s.finished ? 'replay finished' : 'live');
      render(s);
    });
    source.addEventListener('error', function () {
      text('conn', 'reconnecting');
      // EventSource retries by itself after a dropped stream; after a refused or failed request
      // it may give up (CLOSED), so start a fresh one.
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        setTimeout(connect, 1000);
      }
    });
  }

  document.addEventListener('DOMContentLoaded', connect);
})();
