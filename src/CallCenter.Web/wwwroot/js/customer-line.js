// The caller's side: the call's state and the conversation, live.
import { connectLive, fetchSnapshot } from './live.js';
import { fill } from './render.js';
import { liveTranscript } from './transcript.js';

const page = document.getElementById('customer-call');
const callId = page.dataset.callId;
const state = document.getElementById('caller-state');
const sayForm = document.getElementById('say-form');
const messages = liveTranscript();

function showCall(call) {
    fill(state, call);
    sayForm.hidden = call.status === 'ended' || call.status === 'abandoned';
}

connectLive({
    topics: 'calls,messages',
    callId,
    snapshot: async () => {
        const snapshot = await fetchSnapshot();
        showCall(snapshot.call);
        messages.replaceAll(snapshot.messages);
    },
    onEvent: ({ type, data }) => {
        if (type === 'message:new' && data.call_id === callId) {
            messages.upsert(data);
        } else if (type.startsWith('call:') && data.call_id === callId) {
            showCall(data);
        }
    },
});
