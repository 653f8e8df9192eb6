// A customer's page: their calls and tickets follow events; their latest transcripts grow as people speak.
import { connectLive, fetchSnapshot } from './live.js';
import { LiveList } from './render.js';

const page = document.getElementById('customer-page');
const customerId = page.dataset.customerId;
const mine = item => item.customer_id === customerId;
const newestFirst = field => (a, b) => String(b[field]).localeCompare(String(a[field]));

const calls = new LiveList(document.getElementById('customer-calls'), document.getElementById('customer-call-template'), {
    key: call => call.call_id, include: mine, order: newestFirst('started_at'),
});
const tickets = new LiveList(document.getElementById('customer-tickets'), document.getElementById('customer-ticket-template'), {
    key: ticket => ticket.ticket_id, include: mine, order: newestFirst('created_at'),
});
const template = document.getElementById('transcript-template');
const transcripts = new Map([...page.querySelectorAll('[data-transcript-for]')].map(list => [
    list.dataset.transcriptFor,
    new LiveList(list, template, { key: message => String(message.message_id), order: (a, b) => a.message_id - b.message_id }),
]));

connectLive({
    topics: 'calls,tickets,messages',
    snapshot: async () => {
        const snapshot = await fetchSnapshot();
        calls.replaceAll(snapshot.customer.calls);
        tickets.replaceAll(snapshot.customer.tickets);
        snapshot.transcripts.forEach(transcript => transcripts.get(transcript.call_id)?.replaceAll(transcript.messages));
    },
    onEvent: ({ type, data }) => {
        if (type.startsWith('call:')) {
            calls.upsert(data);
        } else if (type.startsWith('ticket:')) {
            tickets.upsert(data);
        } else if (type === 'message:new') {
            transcripts.get(data.call_id)?.upsert(data);
        }
    },
});
