// The CRM list: tickets that match the filters, kept current; new ones join the first page at the top.
import { connectLive, fetchSnapshot } from './live.js';
import { LiveList } from './render.js';

const crm = document.getElementById('crm');
const filters = crm.dataset;
const firstPage = filters.page === '1';
const total = document.getElementById('ticket-total');

const matches = ticket =>
    (!filters.status || ticket.status === filters.status)
    && (!filters.priority || ticket.priority === filters.priority)
    && (!filters.department || ticket.department === filters.department)
    && (!filters.assignedTo || ticket.assigned_to === filters.assignedTo);

const tickets = new LiveList(document.getElementById('tickets'), document.getElementById('ticket-template'), {
    key: ticket => ticket.ticket_id,
    include: matches,
    order: (a, b) => String(b.created_at).localeCompare(String(a.created_at)) || b.ticket_id.localeCompare(a.ticket_id),
    limit: Number(filters.pageSize) || Infinity,
});

function count(delta) {
    total.textContent = String(Math.max(0, Number(total.textContent) + delta));
}

connectLive({
    topics: 'tickets',
    snapshot: async () => {
        const snapshot = await fetchSnapshot();
        tickets.replaceAll(snapshot.tickets);
        total.textContent = String(snapshot.total);
    },
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
        }
    },
});
