// Draws each official-figures chart of the page from the data table beneath it: the table is the
// data (and what a screen reader reads), the chart a picture of it. A month without a figure is a
// gap in the line, never a zero. Works under the strict Content-Security-Policy: no inline script,
// no style attribute in markup (ECharts sets styles through the DOM, and the tooltip is drawn in
// the canvas rather than as HTML).

/** The table's months, counts and rates; a missing value is null. */
export function readTable(table) {
  const rows = Array.from(table.querySelectorAll("tbody tr"));
  const value = (row, name) =>
    row.hasAttribute("data-" + name) && row.getAttribute("data-" + name) !== ""
      ? Number(row.getAttribute("data-" + name))
      : null;
  return {
    months: rows.map((row) => row.getAttribute("data-month")),
    labels: rows.map((row) => row.querySelector("th").textContent.trim()),
    counts: rows.map((row) => value(row, "count")),
    rates: rows.map((row) => value(row, "rate")),
  };
}

/** Draws one chart into an element with data-indicator-chart; returns the ECharts instance. */
export function drawChart(element, echarts = window.echarts) {
  const table = document.getElementById(element.getAttribute("data-table"));
  if (!table || !echarts) {
    return null;
  }
  const data = readTable(table);
  const countLabel = element.getAttribute("data-count-label");
  const rateLabel = element.getAttribute("data-rate-label");
  const breakMonth = element.getAttribute("data-break");
  const breakAt = breakMonth ? data.months.indexOf(breakMonth) : -1;
  const series = [
    {
      name: countLabel,
      type: "line",
      data: data.counts,
      connectNulls: false,
      showSymbol: false,
      markLine:
        breakAt >= 0
          ? {
              symbol: "none",
              silent: true,
              label: { formatter: element.getAttribute("data-break-label") },
              lineStyle: { type: "dashed", color: "#a15c00" },
              data: [{ xAxis: breakAt }],
            }
          : undefined,
    },
  ];
  // The legend names the lines; axis names would crowd a phone's width.
  const yAxis = [{ type: "value", minInterval: 1 }];
  if (rateLabel) {
    series.push({
      name: rateLabel,
      type: "line",
      yAxisIndex: 1,
      data: data.rates,
      connectNulls: false,
      showSymbol: false,
      lineStyle: { type: "dotted" },
    });
    yAxis.push({ type: "value", splitLine: { show: false } });
  }
  const chart = echarts.init(element, null, { renderer: "canvas" });
  chart.setOption({
    animation: false,
    color: ["#1d4e89", "#b03a2e"],
    grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
    legend: { bottom: 0 },
    tooltip: { trigger: "axis", renderMode: "richText" },
    xAxis: { type: "category", data: data.labels, boundaryGap: false },
    yAxis: yAxis,
    series: series,
  });
  element.setAttribute("data-drawn", "true");
  return chart;
}

function drawAll() {
  const charts = Array.from(document.querySelectorAll("[data-indicator-chart]"))
    .map((element) => drawChart(element))
    .filter((chart) => chart !== null);
  window.addEventListener("resize", () => charts.forEach((chart) => chart.resize()));
}

if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", drawAll);
} else {
  drawAll();
}
