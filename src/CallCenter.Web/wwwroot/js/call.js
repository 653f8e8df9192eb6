// The call page: the call's facts, transcript and timeline, all live for this one call.
import { connectLive, fetchSnapshot } from './live.js';
import { fill, format, label } from './render.js';
import { liveTranscript } from './transcript.js';

const page = document.getElementById('call-page');
const callId = page.dataset.callId;
const facts = document.getElementById('call-facts');
const timeline = document.getElementById('timeline');
const entryTemplate = document.getElementById('timeline-template');
const sayForm = document.getElementById('say-form');
const messages = liveTranscript();

function showCall(call) {
    fill(facts, call);
    fill(page.querySelector('h1'), call);
    if (sayForm) {
        sayForm.hidden = call.status === 'ended' || call.status === 'abandoned';
    }
}

function addEntry(at, text) {
    const entry = entryTemplate.content.firstElementChild.cloneNode(true);
    fill(entry, { at, text });
    timeline.append(entry);
}

const texts = timeline.dataset;
function tell(type, call) {
    switch (type) {
        case 'call:routed':
            return format(texts.textQueued, label(call.department));
        case 'call:transferred':
            return call.to_agent
                ? format(texts.textTransferredAgent, call.to_agent, label(call.to_department))
                : format(texts.textTransferred, label(call.to_department));
        case 'call:ended':
            return format(texts.textEnded, label(call.status), call.duration ?? 0);
        case 'call:updated':
            return call.status === 'in_progress' && call.previous_status !== 'on_hold'
                ? format(texts.textAnswered, call.agent_id ?? '—')
                : format(texts.textStatus, label(call.status));
        default:
            return null;
    }
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
            const text = tell(type, data);
            if (text) {
                addEntry(data.updated_at, text);
            }
        }
    },
});
