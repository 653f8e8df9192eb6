// The CRM list: tickets that match the filters, kept current; new ones join the first page at the top.
import { connectLive, fetchSnapshot } from './live.js';
import { LiveList } from './render.js';
import { setSla, tickSla } from './sla.js';

const crm = document.getElementById('crm');
const filters = crm.dataset;
const firstPage = filters.page === '1';
const total = document.getElementById('ticket-total');

const matches = ticket =>
    (!filters.status || ticket.status === filters.status)
    && (!filters.priority || ticket.priority === filters.priority)
    && (!filters.department || ticket.department === filters.department)
    && (!filters.assignedTo || ticket.assigned_to === filters.assignedTo)
    && (!filters.slaStatus || ticket.sla?.status === filters.slaStatus);

const newestFirst = (a, b) => String(b.created_at).localeCompare(String(a.created_at)) || b.ticket_id.localeCompare(a.ticket_id);

// Tickets without a deadline go last, as the API sorts them.
const deadlineFirst = (a, b) =>
    String(a.sla?.next_due_at ?? '\uffff').localeCompare(String(b.sla?.next_due_at ?? '\uffff')) || newestFirst(a, b);

const tickets = new LiveList(document.getElementById('tickets'), document.getElementById('ticket-template'), {
    key: ticket => ticket.ticket_id,
    include: matches,
    order: filters.sort === 'sla_due' ? deadlineFirst : newestFirst,
    limit: Number(filters.pageSize) || Infinity,
    onChange: list => list.container.querySelectorAll(':scope > [data-key]').forEach(row => {
        const ticket = list.get(row.dataset.key);
        if (ticket) {
            setSla(row.querySelector('.sla'), ticket.sla);
        }
    }),
});

function count(delta) {
    // "10000+" (past the API's count limit) stays as it is: a lower bound has nothing exact to add to.
    if (!total.textContent.endsWith('+')) {
        total.textContent = String(Math.max(0, Number(total.textContent) + delta));
    }
}

async function refresh() {
    const snapshot = await fetchSnapshot();
    tickets.replaceAll(snapshot.tickets);
    total.textContent = snapshot.shown;
}

tickSla(() => refresh().catch(() => {}));

connectLive({
    topics: 'tickets',
    snapshot: refresh,
    onEvent: ({ type, data }) => {
        if (type === 'ticket:created' && matches(data)) {
            count(1);
            if (firstPage) {
                tickets.upsert(data);
            }
        } else if (type === 'ticket:updated') {
            // The event lists what changed, so the ticket as it was tells whether it was counted before.
            const before = { ...data };
            (data.changes ?? []).forEach(change => { before[change.field] = change.from; });
            count(Number(matches(data)) - Number(matches(before)));
            if (tickets.has(data.ticket_id) || (firstPage && matches(data))) {
                tickets.upsert(data);
            }
        } else if (type === 'ticket:sla_warning' || type === 'ticket:sla_breached') {
            // The ticket moves into or between the SLA filters; the API counts them again.
            refresh().catch(() => {});
        }
    },
});
