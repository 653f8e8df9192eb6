// The customer list: a new caller or a ticket for a new number makes a new customer, so those events refresh it.
import { connectLive, fetchSnapshot } from './live.js';
import { LiveList } from './render.js';

const customers = new LiveList(document.getElementById('customers'), document.getElementById('customer-template'), {
    key: customer => customer.customer_id,
});
const total = document.getElementById('customer-total');
let pending = null;

async function refresh() {
    const snapshot = await fetchSnapshot();
    customers.replaceAll(snapshot.customers);
    total.textContent = snapshot.shown;
}

connectLive({
    topics: 'calls,tickets',
    snapshot: refresh,
    onEvent: ({ type }) => {
        if (type === 'call:new' || type === 'ticket:created') {
            // A burst of calls costs one refresh.
            clearTimeout(pending);
            pending = setTimeout(() => refresh().catch(() => {}), 300);
        }
    },
});
