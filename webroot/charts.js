// Draws every <div class="chart" data-source="ID"> from the JSON in <script type="application/json" id="ID">,
// with uPlot (shipped as a WebJar). The same numbers are always in a table on the page as well.
// Data: {"type":"bars"|"lines","stacked":bool,"x":[epoch seconds],"unit":"kWh","series":[{"label":"..","values":[..],"color":"#.."}]}
(function () {
  var DAY = 86400;
  var DAY_STEPS = [DAY, 2 * DAY, 7 * DAY, 14 * DAY, 28 * DAY, 91 * DAY, 182 * DAY, 364 * DAY];
  function draw(el) {
    var source = document.getElementById(el.getAttribute('data-source'));
    if (!source || typeof uPlot === 'undefined') { return; }
    var data = JSON.parse(source.textContent);
    var bars = data.type === 'bars';
    var width = Math.max(280, el.clientWidth);
    var opts = {
      width: width, height: Math.round(Math.min(360, Math.max(200, width * 0.45))),
      scales: { x: { time: data.time !== false } },
      // Fluvius' days are Brussels days, wherever the browser is.
      tzDate: function (ts) { return uPlot.tzDate(new Date(ts * 1e3), 'Europe/Brussels'); },
      axes: [data.daily ? { incrs: DAY_STEPS, space: 50 } : {}, { label: data.unit, size: 60 }],
      series: [{}].concat(data.series.map(function (s) {
        var serie = { label: s.label, stroke: s.color, width: bars ? 1 : 2, points: { show: false } };
        if (bars) {
          serie.fill = s.color;
          serie.paths = uPlot.paths.bars({ size: [data.stacked ? 0.7 : 0.8 / data.series.length, 40], align: 0 });
        }
        return serie;
      })),
      // Stacked series hold running sums, so the legend shows no hover values; the table has the numbers.
      legend: { live: !data.stacked }
    };
    var rows = [data.x].concat(data.series.map(function (s) { return s.values; }));
    el.textContent = '';
    new uPlot(opts, rows, el);
  }
  function drawAll() {
    Array.prototype.forEach.call(document.querySelectorAll('div.chart[data-source]'), draw);
  }
  if (document.readyState === 'loading') { document.addEventListener('DOMContentLoaded', drawAll); } else { drawAll(); }
})();
