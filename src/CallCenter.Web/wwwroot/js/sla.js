// The SLA countdown (Pages/Shared/_SlaCountdown.cshtml): the API gives the business minutes left as of an instant and
// whether that clock runs until the calendar next opens or closes; between answers the page counts with wall time.
import { format, label, serverNow } from './render.js';

const words = JSON.parse(document.getElementById('ui-text')?.textContent ?? '{}').sla ?? {};

/** Business minutes left now: the clock only counts while it runs, and flips when the calendar does. */
function minutesLeft(el, now) {
    const left = Number(el.dataset.slaLeft);
    const asOf = Date.parse(el.dataset.slaAsOf);
    const changesAt = Date.parse(el.dataset.slaChangesAt);
    const running = el.dataset.slaRunning === 'true';
    const flip = Number.isNaN(changesAt) ? Infinity : changesAt;
    const counted = running ? Math.min(now, flip) - asOf : Math.max(0, now - flip);
    return Math.max(0, left - Math.max(0, counted) / 60000);
}

/** Mirrors SlaCountdown.Parts: days and hours, hours and minutes, or minutes and seconds. */
function remaining(minutes) {
    const seconds = Math.max(0, Math.floor(minutes * 60));
    if (seconds >= 86400) {
        return format(words['{0}d {1}h left'], Math.floor(seconds / 86400), Math.floor((seconds % 86400) / 3600));
    }
    if (seconds >= 3600) {
        return format(words['{0}h {1}m left'], Math.floor(seconds / 3600), Math.floor((seconds % 3600) / 60));
    }
    return format(words['{0}m {1}s left'], Math.floor(seconds / 60), seconds % 60);
}

function show(el, now) {
    const text = el.querySelector('.sla-countdown');
    const target = el.dataset.slaTarget;
    if (!target || el.dataset.slaLeft === '') {
        text.textContent = '';
    } else if (el.dataset.slaPaused === 'true') {
        text.textContent = format(words['{0} · paused'], label(target));
    } else {
        const left = minutesLeft(el, now);
        text.textContent = format(words['{0} · {1}'], label(target), remaining(left));
        el.dataset.slaOverdue = String(left <= 0);
    }
}

/** Puts a ticket's SLA (or none) on a countdown element. */
export function setSla(el, sla) {
    const next = sla?.targets?.find(target => target.kind === sla.next_target);
    Object.assign(el.dataset, {
        slaStatus: sla?.status ?? '',
        slaTarget: sla?.next_target ?? '',
        slaLeft: sla?.next_minutes_left ?? '',
        slaRunning: String(sla?.clock_running === true),
        slaPaused: String(next?.status === 'paused'),
        slaAsOf: sla?.as_of ?? '',
        slaChangesAt: sla?.clock_changes_at ?? '',
    });
    el.querySelector('.sla-breached').hidden = sla?.status !== 'breached';
    show(el, serverNow());
}

/**
 * Ticks every countdown each second; calls onStale once a calendar change it counted across has passed, so the
 * page can ask the API how the clock stands after it.
 */
export function tickSla(onStale) {
    setInterval(() => {
        const now = serverNow();
        let stale = false;
        document.querySelectorAll('.sla').forEach(el => {
            show(el, now);
            const changesAt = Date.parse(el.dataset.slaChangesAt);
            if (!Number.isNaN(changesAt) && changesAt <= now && el.dataset.slaStale !== el.dataset.slaChangesAt) {
                el.dataset.slaStale = el.dataset.slaChangesAt;
                stale = true;
            }
        });
        if (stale) {
            onStale();
        }
    }, 1000);
}
