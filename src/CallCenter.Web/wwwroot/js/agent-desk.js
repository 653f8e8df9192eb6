// The agent desk: my status, the queue (waits tick), my calls; all from live events.
import { connectLive, fetchSnapshot } from './live.js';
import { LiveList, label } from './render.js';
import { isCallEvent, isOver, queueOrder } from './calls.js';

const desk = document.getElementById('agent-desk');
const me = desk.dataset.agentId;
const status = document.getElementById('my-status');
const count = (id) => list => { document.getElementById(id).textContent = String(list.size); };

const queue = new LiveList(document.getElementById('queue'), document.getElementById('queue-template'), {
    key: call => call.call_id,
    include: call => call.status === 'queued',
    order: queueOrder,
    onChange: count('queue-count'),
});
const myCalls = new LiveList(document.getElementById('my-calls'), document.getElementById('my-call-template'), {
    key: call => call.call_id,
    include: call => call.agent_id === me && !isOver(call) && call.status !== 'queued',
    order: (a, b) => String(a.started_at).localeCompare(String(b.started_at)),
    onChange: count('my-calls-count'),
});

function showMyStatus(agent) {
    status.dataset.status = agent.status;
    status.textContent = label(agent.status);
    desk.querySelectorAll('.status-switch button').forEach(button => {
        button.setAttribute('aria-pressed', String(button.value === agent.status));
    });
}

connectLive({
    topics: 'calls,agents',
    snapshot: async () => {
        const snapshot = await fetchSnapshot();
        showMyStatus(snapshot.me);
        queue.replaceAll(snapshot.queue);
        myCalls.replaceAll(snapshot.my_calls);
    },
    onEvent: ({ type, data }) => {
        if (isCallEvent(type)) {
            queue.upsert(data);
            myCalls.upsert(data);
        } else if (type === 'agent:status_changed' && data.agent_id === me) {
            showMyStatus(data);
        }
    },
});
