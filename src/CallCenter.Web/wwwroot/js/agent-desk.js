// The agent desk: my activity, the call offered to me (with its countdown), the wrap-up after a call, the queue
// (waits tick) and my calls; all from live events.
import { connectLive, fetchSnapshot } from './live.js';
import { LiveList, fill } from './render.js';
import { isCallEvent, isOver, queueOrder } from './calls.js';

const desk = document.getElementById('agent-desk');
const me = desk.dataset.agentId;
const statusCard = document.getElementById('my-status-card');
const offerCard = document.getElementById('offer');
const missed = document.getElementById('missed');
const wrapUp = document.getElementById('wrap-up');
const dispositionCode = document.getElementById('disposition-code');
const count = (id) => list => { document.getElementById(id).textContent = String(list.size); };

/** An offer rings with an expiry; a call transferred to me rings without one and is answered from My calls. */
const isOffer = call => call.status === 'ringing' && Boolean(call.offer_expires_at);

const queue = new LiveList(document.getElementById('queue'), document.getElementById('queue-template'), {
    key: call => call.call_id,
    include: call => call.status === 'queued',
    order: queueOrder,
    onChange: count('queue-count'),
});
const myCalls = new LiveList(document.getElementById('my-calls'), document.getElementById('my-call-template'), {
    key: call => call.call_id,
    include: call => call.agent_id === me && !isOver(call) && call.status !== 'queued' && !isOffer(call),
    order: (a, b) => String(a.started_at).localeCompare(String(b.started_at)),
    onChange: count('my-calls-count'),
});

// My calls as last seen, so the wrap-up of one that just ended can name its caller.
const seenCalls = new Map();
let myself = {};

function showOffer(offer) {
    offerCard.dataset.key = offer.call_id;
    fill(offerCard, offer);
    offerCard.hidden = false;
}

/** Hides the offer (only that call's, when one is named): it was accepted, declined, rang out or went elsewhere. */
function clearOffer(callId) {
    if (callId === undefined || callId === offerCard.dataset.key) {
        delete offerCard.dataset.key;
        offerCard.hidden = true;
    }
}

const offerOf = call => ({ ...call, expires_at: call.offer_expires_at });

function showWrapUp(agent) {
    if (wrapUp.dataset.key === agent.call_id) {
        document.getElementById('wrap-up-countdown').dataset.untilValue = agent.wrap_up_ends_at ?? '';
        return;
    }
    // A new wrap-up starts with no disposition chosen, unless the call already has one.
    const call = seenCalls.get(agent.call_id) ?? {};
    wrapUp.dataset.key = agent.call_id ?? '';
    fill(wrapUp, { call_id: agent.call_id, customer_name: call.customer_name, disposition: call.disposition, wrap_up_ends_at: agent.wrap_up_ends_at });
    dispositionCode.value = call.disposition ?? '';
}

/**
 * The wrap-up call's caller and recorded disposition, as its events bring them. The agent's choice in the picker is
 * left alone unless a different disposition has been recorded meanwhile.
 */
function showWrapUpCall(call) {
    if (call.call_id !== wrapUp.dataset.key) {
        return;
    }
    const recorded = wrapUp.dataset.disposition ?? '';
    fill(wrapUp, { call_id: call.call_id, customer_name: call.customer_name, disposition: call.disposition, wrap_up_ends_at: myself.wrap_up_ends_at });
    if (call.disposition && call.disposition !== recorded) {
        dispositionCode.value = call.disposition;
    }
}

/** Agent events may carry only what changed (the seed's status event), so they are laid over what is known. */
function showMe(agent) {
    myself = { ...myself, ...agent };
    const doing = myself.activity ?? myself.status;
    desk.dataset.activity = doing;
    fill(statusCard, { ...myself, doing, break_reason: doing === 'on_break' ? myself.break_reason : null });
    statusCard.querySelectorAll('.status-switch button').forEach(button => {
        button.setAttribute('aria-pressed', String(button.value === doing));
    });
    missed.hidden = doing !== 'missed';
    wrapUp.hidden = doing !== 'wrap_up';
    if (doing === 'wrap_up') {
        showWrapUp(myself);
    }
    if (doing !== 'ringing') {
        clearOffer();
    }
}

function seeCall(call) {
    if (call.agent_id === me) {
        seenCalls.set(call.call_id, call);
    }
}

connectLive({
    topics: 'calls,agents',
    snapshot: async () => {
        const snapshot = await fetchSnapshot();
        [...snapshot.my_calls, snapshot.offer, snapshot.wrap_up_call].filter(Boolean).forEach(seeCall);
        showMe(snapshot.me);
        queue.replaceAll(snapshot.queue);
        myCalls.replaceAll(snapshot.my_calls);
        if (snapshot.offer) {
            showOffer(offerOf(snapshot.offer));
        } else {
            clearOffer();
        }
        if (snapshot.wrap_up_call) {
            showWrapUpCall(snapshot.wrap_up_call);
        }
    },
    onEvent: ({ type, data }) => {
        if (type === 'call:offered') {
            // The call's own call:updated follows; this one carries the offer's words for the card.
            if (data.agent_id === me) {
                showOffer(data);
            } else {
                clearOffer(data.call_id);
            }
        } else if (isCallEvent(type)) {
            seeCall(data);
            queue.upsert(data);
            myCalls.upsert(data);
            if (data.agent_id === me && isOffer(data)) {
                showOffer(offerOf(data));
            } else {
                clearOffer(data.call_id);
            }
            showWrapUpCall(data);
        } else if ((type === 'agent:activity_changed' || type === 'agent:status_changed') && data.agent_id === me) {
            showMe(data);
        }
    },
});
