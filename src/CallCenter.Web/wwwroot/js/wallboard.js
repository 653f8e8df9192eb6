// The wallboard: the floor's numbers are derived from the agents and active calls it holds, which events keep
// current; each agent shows their activity and how long they have been in it. The KPI tiles and chart are the
// server's, fetched again on each stats:updated (kpis.js).
import { connectLive, fetchSnapshot } from './live.js';
import { LiveList, tick } from './render.js';
import { isCallEvent, queueOrder } from './calls.js';
import { refreshFigures } from './kpis.js';

const statuses = ['available', 'busy', 'on_break', 'offline'];
const text = (id, value) => { document.getElementById(id).textContent = String(value); };
const agentTemplate = document.getElementById('agent-template');
const callTemplate = document.getElementById('board-call-template');

const agentLists = Object.fromEntries(statuses.map(status => [status, new LiveList(
    document.getElementById(`agents-list-${status}`), agentTemplate, {
        key: agent => agent.agent_id,
        include: agent => agent.status === status,
        order: (a, b) => a.agent_id.localeCompare(b.agent_id),
        onChange: list => text(`agents-${status}`, list.size),
    })]));

const longestWait = document.getElementById('longest-wait');
const queue = new LiveList(document.getElementById('board-queue'), callTemplate, {
    key: call => call.call_id,
    include: call => call.status === 'queued',
    order: queueOrder,
    onChange: list => {
        text('queue-length', list.size);
        const oldest = list.values().map(call => call.queued_at).sort()[0];
        if (oldest) {
            longestWait.dataset.sinceValue = oldest;
        } else if (list.values().length === list.size) {
            delete longestWait.dataset.sinceValue;
            longestWait.textContent = '–';
        }
        tick(longestWait.parentElement);
    },
});
const talking = new LiveList(document.getElementById('board-talking'), callTemplate, {
    key: call => call.call_id,
    include: call => call.status === 'in_progress' || call.status === 'on_hold',
    order: (a, b) => String(a.answered_at).localeCompare(String(b.answered_at)),
    onChange: list => text('calls-in-progress', list.size),
});

/** An agent event may carry only what changed (the seed's status event), so it is laid over what the board has. */
function upsertAgent(agent) {
    const known = Object.values(agentLists).map(list => list.get(agent.agent_id)).find(Boolean) ?? {};
    const merged = { ...known, ...agent };
    Object.values(agentLists).forEach(list => list.upsert(merged));
}

connectLive({
    topics: 'calls,agents,stats',
    snapshot: async () => {
        const [snapshot] = await Promise.all([fetchSnapshot(), refreshFigures()]);
        Object.values(agentLists).forEach(list => list.replaceAll(snapshot.agents));
        queue.replaceAll(snapshot.calls);
        talking.replaceAll(snapshot.calls);
    },
    onEvent: ({ type, data }) => {
        if (isCallEvent(type)) {
            queue.upsert(data);
            talking.upsert(data);
        } else if (type === 'agent:status_changed' || type === 'agent:activity_changed') {
            upsertAgent(data);
        } else if (type === 'stats:updated') {
            // A failed fetch leaves the figures as they were; the socket's own reconnect resyncs everything.
            refreshFigures().catch(() => {});
        }
    },
});
