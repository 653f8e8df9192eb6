// Rows come from <template>s that the server renders with the same partial as its own rows. Filling one sets
// text with textContent only: what customers and agents typed is never parsed as HTML.

const uiText = JSON.parse(document.getElementById('ui-text')?.textContent ?? '{}');

/** The page language's word for an API code (status, priority, department, speaker). */
export function label(code) {
    return code == null ? '' : uiText.labels?.[code] ?? String(code);
}

/** "{0} to {1}" with each placeholder replaced; the result is only ever set as text. */
export function format(template, ...values) {
    return (template ?? '').replace(/\{(\d+)\}/g, (_, index) => values[Number(index)] ?? '');
}

export function formatTime(iso) {
    if (!iso) {
        return '';
    }
    const lang = document.documentElement.lang || 'en';
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

export function setTime(element, iso) {
    element.setAttribute('datetime', iso ?? '');
    element.textContent = formatTime(iso);
}

/**
 * Fills an element from an object by its markers:
 * data-field (text), data-label (a code, as words), data-time (a <time>), data-since (a ticking duration),
 * data-until (a countdown), data-value (a form control's value), data-href (a link, "{field}" placeholders), data-mirror (fields copied
 * onto the element as data-* attributes, so CSS shows the actions that fit the status).
 */
export function fill(root, item) {
    const all = (selector) => [...(root.matches(selector) ? [root] : []), ...root.querySelectorAll(selector)];
    all('[data-field]').forEach(el => { el.textContent = item[el.dataset.field] ?? ''; });
    all('[data-label]').forEach(el => { el.textContent = label(item[el.dataset.label]); });
    all('[data-time]').forEach(el => setTime(el, item[el.dataset.time]));
    all('[data-since]').forEach(el => { el.dataset.sinceValue = item[el.dataset.since] ?? ''; });
    all('[data-until]').forEach(el => { el.dataset.untilValue = item[el.dataset.until] ?? ''; });
    all('[data-value]').forEach(el => { el.value = item[el.dataset.value] ?? ''; });
    all('[data-href]').forEach(el => {
        el.href = el.dataset.href.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(item[name] ?? ''));
    });
    all('[data-mirror]').forEach(el => {
        el.dataset.mirror.split(',').forEach(name => { el.dataset[name] = item[name] ?? ''; });
    });
    tick(root);
}

function pad(n) {
    return String(n).padStart(2, '0');
}

const skew = (() => {
    const serverNow = Date.parse(document.body.dataset.serverNow ?? '');
    return Number.isNaN(serverNow) ? 0 : serverNow - Date.now();
})();

/** Now in milliseconds, by the server's clock. */
export function serverNow() {
    return Date.now() + skew;
}

/** Seconds since an ISO time, by the server's clock. */
export function secondsSince(iso) {
    const since = Date.parse(iso);
    return Number.isNaN(since) ? null : Math.max(0, Math.floor((Date.now() + skew - since) / 1000));
}

/** Whole seconds left until an ISO time, by the server's clock; 0 once it has passed. */
export function secondsUntil(iso) {
    const until = Date.parse(iso);
    return Number.isNaN(until) ? null : Math.max(0, Math.ceil((until - Date.now() - skew) / 1000));
}

export function duration(seconds) {
    if (seconds == null) {
        return '';
    }
    const h = Math.floor(seconds / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return h > 0 ? `${h}:${pad(m)}:${pad(seconds % 60)}` : `${m}:${pad(seconds % 60)}`;
}

/** Updates every ticking duration and countdown under root. */
export function tick(root = document) {
    root.querySelectorAll('[data-since-value]').forEach(el => {
        el.textContent = duration(secondsSince(el.dataset.sinceValue));
    });
    root.querySelectorAll('[data-until-value]').forEach(el => {
        el.textContent = duration(secondsUntil(el.dataset.untilValue));
    });
}

/**
 * A list kept in step with the floor: items are upserted from events and replaced from snapshots; those that
 * no longer belong (include() false) leave. Rows are keyed by data-key, so rows the server rendered are adopted.
 */
export class LiveList {
    constructor(container, template, { key, include = () => true, order = null, limit = Infinity, onChange = () => {} }) {
        this.container = container;
        this.template = template;
        this.key = key;
        this.include = include;
        this.order = order;
        this.limit = limit;
        this.onChange = onChange;
        this.items = new Map();
        this.empty = document.querySelector(`[data-empty-for="${container.id}"]`);
        container.querySelectorAll(':scope > [data-key]').forEach(row => this.items.set(row.dataset.key, null));
        this.refresh();
    }

    get size() {
        return this.items.size;
    }

    values() {
        return [...this.items.values()].filter(item => item !== null);
    }

    has(key) {
        return this.items.has(key);
    }

    /** The item under key; null for a row only the server has rendered so far. */
    get(key) {
        return this.items.get(key) ?? null;
    }

    replaceAll(items) {
        const keep = new Set();
        items.filter(this.include).forEach(item => {
            keep.add(this.key(item));
            this.#put(item);
        });
        [...this.items.keys()].filter(key => !keep.has(key)).forEach(key => this.#drop(key));
        this.#arrange();
    }

    upsert(item) {
        if (this.include(item)) {
            this.#put(item);
        } else {
            this.#drop(this.key(item));
        }
        this.#arrange();
    }

    remove(key) {
        this.#drop(key);
        this.#arrange();
    }

    refresh() {
        if (this.empty) {
            this.empty.hidden = this.items.size > 0;
        }
        this.onChange(this);
    }

    #row(key) {
        return [...this.container.children].find(row => row.dataset.key === key);
    }

    #put(item) {
        const key = this.key(item);
        let row = this.#row(key);
        if (!row) {
            row = this.template.content.firstElementChild.cloneNode(true);
            row.dataset.key = key;
            this.container.append(row);
        }
        fill(row, item);
        this.items.set(key, item);
    }

    #drop(key) {
        this.#row(key)?.remove();
        this.items.delete(key);
    }

    #arrange() {
        if (this.order) {
            const sorted = this.values().sort(this.order);
            sorted.forEach(item => {
                const row = this.#row(this.key(item));
                if (row) {
                    this.container.append(row);
                }
            });
        }
        while (this.items.size > this.limit) {
            const last = this.container.lastElementChild;
            this.#drop(last.dataset.key);
        }
        this.refresh();
    }
}
