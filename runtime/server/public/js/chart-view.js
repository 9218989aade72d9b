// The inspector's chart of a series output, drawn by Chart.js (its browser build, from the npm package
// through GET /api/vendor/chart.js, loaded the first time a chart is shown). A choice of which number
// to draw is kept per step while the page is open.
import { el } from './dom.js';
import { COUNT, seriesData } from './series.js';

let library = null; // the promise of window.Chart
let current = null; // the Chart drawn last (one at a time: the inspector shows one step)
const chosen = new Map(); // step id → the number drawn

function loadLibrary() {
  library ??= new Promise((resolve, reject) => {
    if (window.Chart) return resolve(window.Chart);
    const script = el('script', { src: '/api/vendor/chart.js' });
    script.addEventListener('load', () => resolve(window.Chart));
    script.addEventListener('error', () => {
      library = null; // try again next time
      reject(new Error('the charting library did not load'));
    });
    document.head.append(script);
  });
  return library;
}

/** The chart section for a step's series: a choice of number and the chart. */
export function chartSection(stepId, series) {
  const fields = [...series.numberKeys, ...(series.perDay ? [COUNT] : [])];
  const field = fields.includes(chosen.get(stepId)) ? chosen.get(stepId) : fields[0];
  const canvas = el('canvas', {
    'aria-label': `Chart of ${field === COUNT ? 'bundles per day' : field}`,
    role: 'img',
  });
  const status = el('p', { class: 'muted chart-status', role: 'status' });
  const select = el(
    'select',
    {
      id: 'chart-field',
      onchange: (event) => {
        chosen.set(stepId, event.target.value);
        draw(canvas, status, series, event.target.value);
      },
    },
    fields.map((f) => el('option', { value: f }, f === COUNT ? 'bundles per day' : f)),
  );
  select.value = field;
  const section = el(
    'details',
    { class: 'bundle chart', id: 'inspector-chart', open: true },
    el('summary', {}, `Chart: ${series.items.length} points by ${series.dateKey}`),
    el('div', { class: 'chart-head' }, el('label', { for: 'chart-field' }, 'Draw'), select),
    el('div', { class: 'chart-box' }, canvas),
    status,
  );
  draw(canvas, status, series, field);
  return section;
}

async function draw(canvas, status, series, field) {
  let Chart;
  try {
    Chart = await loadLibrary();
  } catch (err) {
    status.textContent = `No chart: ${err.message}.`;
    return;
  }
  if (!canvas.isConnected) return; // the inspector moved on meanwhile
  const { type, labels, label, data } = seriesData(series, field);
  current?.destroy();
  current = new Chart(canvas, {
    type,
    data: {
      labels,
      datasets: [{ label, data, borderColor: '#2f5bd3', backgroundColor: 'rgba(47, 91, 211, 0.35)' }],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      plugins: { legend: { display: true } },
    },
  });
}
