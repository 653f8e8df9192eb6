// The wallboard's KPI tiles and chart. The server renders them (the chart is SVG drawn in C#); on every
// stats:updated the page asks its own Figures handler for them again and swaps in the parts marked data-refresh,
// so a definition someone has opened stays open and what the event carries does not matter.
import { secondsSince } from './render.js';

const figures = document.getElementById('kpi-figures');
const lang = document.documentElement.lang || 'en';
const whole = new Intl.NumberFormat(lang, { useGrouping: false });
const twoDigits = new Intl.NumberFormat(lang, { useGrouping: false, minimumIntegerDigits: 2 });

let running = null;
let again = false;

/** A wait as the server writes it (0:07, 1:02:03), in the page language's digits. */
function duration(seconds) {
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    const s = seconds % 60;
    return h > 0
        ? `${whole.format(h)}:${twoDigits.format(m)}:${twoDigits.format(s)}`
        : `${whole.format(m)}:${twoDigits.format(s)}`;
}

/** Keeps the longest wait growing between updates, which come only when something on the floor changes. */
export function tickWaits() {
    document.querySelectorAll('[data-ticks-since]').forEach(el => {
        const seconds = el.dataset.ticksSince ? secondsSince(el.dataset.ticksSince) : null;
        if (seconds !== null) {
            el.textContent = duration(seconds);
        }
    });
}

async function swapIn() {
    const url = new URL(location.href);
    url.searchParams.set('handler', 'Figures');
    const response = await fetch(url, { headers: { Accept: 'text/html' }, credentials: 'same-origin' });
    if (new URL(response.url).pathname === '/Account/SignIn') {
        location.reload();
        return;
    }
    if (!response.ok) {
        // What is shown stays; the next update asks again.
        return;
    }
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
    fresh.querySelectorAll('[data-refresh][id]').forEach(part => {
        document.getElementById(part.id)?.replaceWith(document.importNode(part, true));
    });
    tickWaits();
}

/** Fetches the figures again; updates arriving meanwhile make one more fetch, never a pile of them. */
export function refreshFigures() {
    if (!figures) {
        return Promise.resolve();
    }
    if (running) {
        again = true;
        return running;
    }
    running = (async () => {
        do {
            again = false;
            await swapIn();
        } while (again);
    })().finally(() => { running = null; });
    return running;
}

if (figures) {
    tickWaits();
    setInterval(tickWaits, 1000);
}
