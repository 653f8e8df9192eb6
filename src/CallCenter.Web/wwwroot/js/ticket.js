// One ticket: its facts and history follow every change, whoever made it. A control the user has touched keeps
// their choice; the others follow the ticket.
import { connectLive, fetchSnapshot } from './live.js';
import { LiveList, fill } from './render.js';
import { setSla, tickSla } from './sla.js';

const page = document.getElementById('ticket-page');
const ticketId = page.dataset.ticketId;
const history = new LiveList(document.getElementById('ticket-history'), document.getElementById('history-template'), {
    key: entry => String(entry.entry_id),
    order: (a, b) => a.entry_id - b.entry_id,
});
const sla = document.getElementById('ticket-sla');
const targets = new LiveList(document.getElementById('sla-targets'), document.getElementById('sla-target-template'), {
    key: target => target.kind,
});
const timeline = new LiveList(document.getElementById('sla-timeline'), document.getElementById('sla-timeline-template'), {
    key: entry => `${entry.at}|${entry.kind}|${entry.what}`,
    order: (a, b) => String(a.at).localeCompare(String(b.at)),
});
const controls = [...page.querySelectorAll('[data-live-value]')];
controls.forEach(control => control.addEventListener('change', () => { control.dataset.touched = 'true'; }));

function showTicket(ticket) {
    fill(document.getElementById('ticket-facts'), ticket);
    fill(page.querySelector('.page-head'), ticket);
    controls.filter(control => !control.dataset.touched).forEach(control => {
        control.value = ticket[control.dataset.liveValue] ?? '';
    });
    history.replaceAll(ticket.history ?? []);
    sla.hidden = !ticket.sla;
    fill(sla.querySelector('h2'), ticket.sla ?? {});
    setSla(sla.querySelector('.sla'), ticket.sla);
    targets.replaceAll(ticket.sla?.targets ?? []);
    timeline.replaceAll(ticket.sla?.timeline ?? []);
}

async function refresh() {
    showTicket(await fetchSnapshot());
}

tickSla(() => refresh().catch(() => {}));

connectLive({
    topics: 'tickets',
    snapshot: refresh,
    // The event has the ticket but not its new history lines (their authors and ids): the snapshot has both.
    onEvent: ({ type, data }) => {
        if (type.startsWith('ticket:') && data.ticket_id === ticketId) {
            refresh();
        }
    },
});
