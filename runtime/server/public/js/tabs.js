// The Scenario / Module tabs, operable with the arrow keys as the ARIA tabs pattern asks.
import { $ } from './dom.js';

const TABS = { scenario: ['#tab-scenario', '#scenario'], module: ['#tab-module', '#module-runner'] };

export function selectTab(name, focus = false) {
  for (const [key, [tab, panel]] of Object.entries(TABS)) {
    const active = key === name;
    $(tab).setAttribute('aria-selected', String(active));
    $(tab).tabIndex = active ? 0 : -1;
    $(panel).hidden = !active;
    if (active && focus) $(tab).focus();
  }
}

export function initTabs() {
  const names = Object.keys(TABS);
  names.forEach((name, i) => {
    const tab = $(TABS[name][0]);
    tab.addEventListener('click', () => selectTab(name));
    tab.addEventListener('keydown', (event) => {
      if (event.key !== 'ArrowRight' && event.key !== 'ArrowLeft') return;
      const next = names[(i + (event.key === 'ArrowRight' ? 1 : names.length - 1)) % names.length];
      selectTab(next, true);
    });
  });
}
