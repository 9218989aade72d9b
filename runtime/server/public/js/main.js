// Entry point: load the app's definitions and wire the panels.
import { api } from './api.js';
import { initConnection, testConnection } from './connection.js';
import { showBanner } from './dom.js';
import { initHistory, refreshHistory } from './history.js';
import { initIncomplete } from './incomplete.js';
import { initInspector } from './inspector.js';
import { initMappingPanel } from './mapping-panel.js';
import { initModules, renderModules } from './modules.js';
import { loadAppIcon } from './node-icon.js';
import { openInitialScenario } from './saved-scenarios.js';
import { initScenario } from './scenario.js';
import { initSchedule } from './schedule.js';
import { initStepEditor } from './step-editor.js';
import { changed, store } from './store.js';
import { initTabs } from './tabs.js';

async function start() {
  initTabs();
  initConnection();
  initModules();
  initScenario();
  initInspector();
  initStepEditor();
  initMappingPanel();
  initHistory();
  initIncomplete();
  initSchedule();
  try {
    store.app = await api.app();
  } catch (err) {
    showBanner(
      err.status === 401
        ? 'This page needs the link that `chartmogul-connector start` printed (it carries the access token).'
        : `Could not load the app: ${err.message}`,
    );
    renderModules();
    return;
  }
  nameTheWorkbench(store.app);
  renderModules();
  await Promise.all([openInitialScenario(), loadAppIcon()]);
  changed();
  document.body.dataset.ready = 'true';
  await Promise.all([testConnection(), refreshHistory()]);
}

/** The heading and title name the app served (its connection's label, as Make shows the app), not ChartMogul. */
function nameTheWorkbench(app) {
  const name = `${app.connectionForm?.label || app.name} workbench`;
  document.title = name;
  const heading = document.querySelector('header.topbar h1');
  if (heading) heading.textContent = name;
}

start();
