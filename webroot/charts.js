// Draws every <div class="chart" data-source="ID"> from the JSON in <script type="application/json" id="ID">,
// with uPlot (shipped as a WebJar), and puts the chart's figures in a table under it (<details>).
// Data: {"type":"bars"|"lines","stacked":bool,"daily":bool,"x":[epoch seconds],"unit":"kWh",
//        "series":[{"label":"..","values":[..],"color":"#..","stack":"offtake","below":bool}]}
// Values are the real figures; stacked series are summed here, so the tooltip and the table show each register.
// Texts come from the page: its language (<html lang>) for days, months, the 24-hour clock and the decimal comma,
// and the labels from the server's messages (data-x-label, data-figures, the series' labels).
(function () {
  'use strict';
  var DAY = 86400;
  var ZONE = 'Europe/Brussels';
  var DAY_STEPS = [DAY, 2 * DAY, 7 * DAY, 14 * DAY];
  var HOUR_STEPS = [3600, 2 * 3600, 3 * 3600, 4 * 3600, 6 * 3600, 12 * 3600];
  var lang = document.documentElement.lang || 'en';
  var charts = [];

  function formatter(options) {
    var f = new Intl.DateTimeFormat(lang, Object.assign({ timeZone: ZONE }, options));
    return function (seconds) { return f.format(new Date(seconds * 1e3)); };
  }
  var dayLong = formatter({ weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
  var dayShort = formatter({ weekday: 'short', day: 'numeric' });
  var dayMonth = formatter({ day: 'numeric', month: 'short' });
  var monthShort = formatter({ month: 'short' });
  var monthNarrow = formatter({ month: 'narrow' });
  var yearOnly = formatter({ year: 'numeric' });
  var clock = formatter({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  var monthNumber = formatter({ month: 'numeric' });
  var ymd = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });
  var tickNumber = new Intl.NumberFormat(lang, { maximumFractionDigits: 2 });

  function amountFormat(unit) {
    var digits = unit === 'W' ? 0 : 3;
    var f = new Intl.NumberFormat(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
    return function (v) { return v == null ? '–' : f.format(v); };
  }

  function colours() {
    var css = getComputedStyle(document.documentElement);
    return { fg: css.getPropertyValue('--fg').trim() || '#1d2433', line: css.getPropertyValue('--line').trim() || '#d3d9e4',
             card: css.getPropertyValue('--card').trim() || '#fff' };
  }

  /** The days of the chart that start a month (the x values are Brussels midnights). */
  function monthStarts(xs, min, max) {
    return xs.filter(function (t) { return t >= min && t <= max && ymd.format(new Date(t * 1e3)).slice(8, 10) === '01'; });
  }

  /**
   * What the series draw: each stacked series holds the sum of itself and the ones after it in its stack, and a
   * series "below" goes under the axis (injection: energy given to the grid).
   */
  function drawn(data) {
    var summed = !data.stacked ? data.series.map(function (s) { return s.values; }) : data.series.map(function (s, i) {
      return s.values.map(function (v, k) {
        if (v == null) { return null; }
        var sum = 0;
        for (var j = i; j < data.series.length; j++) {
          if (data.series[j].stack === s.stack && data.series[j].values[k] != null) { sum += data.series[j].values[k]; }
        }
        return sum;
      });
    });
    return summed.map(function (values, i) {
      return data.series[i].below ? values.map(function (v) { return v == null ? null : -v; }) : values;
    });
  }

  function tooltip(data, xLabelOf, amount) {
    var tip;
    return {
      hooks: {
        init: function (u) {
          tip = document.createElement('div');
          tip.className = 'tip';
          tip.hidden = true;
          u.over.appendChild(tip);
          u.over.addEventListener('mouseleave', function () { tip.hidden = true; });
        },
        setCursor: function (u) {
          var i = u.cursor.idx;
          if (i == null || u.cursor.left < 0) { tip.hidden = true; return; }
          tip.textContent = '';
          var head = document.createElement('b');
          head.textContent = xLabelOf(data.x[i]);
          tip.appendChild(head);
          data.series.forEach(function (s) {
            var line = document.createElement('div');
            var swatch = document.createElement('i');
            swatch.style.background = s.color;
            var value = document.createElement('span');
            value.textContent = amount(s.values[i]) + ' ' + data.unit;
            line.appendChild(swatch);
            line.appendChild(document.createTextNode(s.label));
            line.appendChild(value);
            tip.appendChild(line);
          });
          tip.hidden = false;
          var left = u.cursor.left + 12;
          if (left + tip.offsetWidth > u.over.clientWidth) { left = Math.max(0, u.cursor.left - tip.offsetWidth - 12); }
          tip.style.left = left + 'px';
          tip.style.top = Math.max(0, Math.min(u.cursor.top, u.over.clientHeight - tip.offsetHeight)) + 'px';
        }
      }
    };
  }

  /** The chart's figures as a table, folded under it: every x with each series' value. */
  function figures(el, data, xLabelOf, amount) {
    var details = document.createElement('details');
    details.className = 'chart-table';
    var summary = document.createElement('summary');
    summary.textContent = el.getAttribute('data-figures') || '';
    details.appendChild(summary);
    var box = document.createElement('div');
    box.className = 'scroll';
    box.tabIndex = 0;
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', summary.textContent);
    var table = document.createElement('table');
    table.className = 'numbers';
    var headRow = table.createTHead().insertRow();
    [el.getAttribute('data-x-label') || ''].concat(data.series.map(function (s) { return s.label + ' (' + data.unit + ')'; }))
      .forEach(function (text) {
        var th = document.createElement('th');
        th.scope = 'col';
        th.textContent = text;
        headRow.appendChild(th);
      });
    var body = table.createTBody();
    data.x.forEach(function (x, i) {
      var row = body.insertRow();
      row.insertCell().textContent = xLabelOf(x);
      data.series.forEach(function (s) { row.insertCell().textContent = amount(s.values[i]); });
    });
    box.appendChild(table);
    details.appendChild(box);
    el.parentNode.insertBefore(details, el.nextSibling);
  }

  function options(el, data, width) {
    var bars = data.type === 'bars';
    var c = colours();
    var daily = !!data.daily;
    var span = data.x.length ? data.x[data.x.length - 1] - data.x[0] : 0;
    var byMonth = daily && span > 62 * DAY;
    var xAxis = { stroke: c.fg, grid: { stroke: c.line, width: 1 }, ticks: { stroke: c.line, width: 1 }, space: 44 };
    if (byMonth) {
      // One tick per month; narrow labels (J F M …) when a month has too little room for "jan."
      xAxis.splits = function (u, axisIdx, min, max) { return monthStarts(data.x, min, max); };
      xAxis.values = function (u, splits) {
        var room = u.bbox.width / devicePixelRatio / Math.max(1, splits.length);
        return splits.map(function (t) {
          if (monthNumber(t) === '1' && room >= 30) { return yearOnly(t); }
          return room >= 30 ? monthShort(t) : monthNarrow(t);
        });
      };
      xAxis.space = 10;
    } else if (daily) {
      xAxis.incrs = DAY_STEPS;
      xAxis.values = function (u, splits, axisIdx, space, incr) {
        return splits.map(function (t) { return incr >= 7 * DAY || span > 14 * DAY ? dayMonth(t) : dayShort(t); });
      };
      xAxis.space = 52;
    } else {
      xAxis.incrs = HOUR_STEPS;
      xAxis.values = function (u, splits) { return splits.map(clock); };
      xAxis.space = 48;
    }
    var amount = amountFormat(data.unit);
    var xLabelOf = daily ? dayLong : clock;
    return {
      width: width,
      height: Math.round(Math.min(360, Math.max(220, width * 0.5))),
      // Fluvius' days are Brussels days, wherever the browser is.
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), ZONE); },
      scales: {
        // Half a day on each side, so the first and last bars are whole
        x: { time: true, range: function (u, min, max) { return bars ? [min - DAY / 2, max + DAY / 2] : [min, max]; } },
        // Quantities start at zero (and include it when injection goes below)
        y: { range: function (u, min, max) {
          var lo = Math.min(0, min == null ? 0 : min);
          var hi = Math.max(0, max == null ? 0 : max);
          if (lo === hi) { hi = 1; }
          var pad = (hi - lo) * 0.05;
          return [lo < 0 ? lo - pad : 0, hi > 0 ? hi + pad : 0];
        } }
      },
      axes: [xAxis, { label: data.unit, size: 56, stroke: c.fg, grid: { stroke: c.line, width: 1 }, ticks: { stroke: c.line, width: 1 },
                      values: function (u, splits) { return splits.map(function (v) { return tickNumber.format(v); }); } }],
      series: [{ label: el.getAttribute('data-x-label') || '', value: function (u, t) { return t == null ? '' : xLabelOf(t); } }]
        .concat(data.series.map(function (s) {
          var serie = { label: s.label, stroke: s.color, width: bars ? 1 : 2, points: { show: false }, spanGaps: false };
          if (bars) {
            serie.fill = s.color;
            var stacks = data.stacked ? 1 : data.series.length;
            serie.paths = uPlot.paths.bars({ size: [0.8 / stacks, 40], align: 0 });
          }
          return serie;
        })),
      cursor: bars ? { points: { show: false }, drag: { x: false, y: false } } : { drag: { x: false, y: false } },
      // The tooltip shows the values; the legend names the colours
      legend: { live: false },
      plugins: [tooltip(data, xLabelOf, amount)]
    };
  }

  function draw(el) {
    var source = document.getElementById(el.getAttribute('data-source'));
    if (!source || typeof uPlot === 'undefined') { return; }
    var data = JSON.parse(source.textContent);
    if (!el.nextElementSibling || !el.nextElementSibling.classList.contains('chart-table')) {
      var xLabelOf = data.daily ? dayLong : clock;
      figures(el, data, xLabelOf, amountFormat(data.unit));
    }
    var rows = [data.x].concat(drawn(data));
    var plot = null;
    function build() {
      if (plot) { plot.destroy(); }
      el.textContent = '';
      plot = new uPlot(options(el, data, Math.max(260, el.clientWidth)), rows, el);
    }
    build();
    charts.push({ el: el, rebuild: build, width: el.clientWidth });
  }

  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll('div.chart[data-source]'), draw);
    // A phone turned sideways, or a window resized: draw again at the new width
    var pending;
    window.addEventListener('resize', function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        charts.forEach(function (c) {
          if (c.el.clientWidth !== c.width) { c.width = c.el.clientWidth; c.rebuild(); }
        });
      }, 150);
    });
    // Dark mode switched while the page is open: axes and grid take the new colours
    if (window.matchMedia) {
      var dark = window.matchMedia('(prefers-color-scheme: dark)');
      var redraw = function () { charts.forEach(function (c) { c.rebuild(); }); };
      if (dark.addEventListener) { dark.addEventListener('change', redraw); }
    }
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', drawAll); } else { drawAll(); }
})();
