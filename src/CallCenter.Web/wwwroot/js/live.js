// The page's link to the floor's live updates, through this app's own origin (/ws/updates).
// First connection and sync:reset: events are held while the page fetches a fresh snapshot, then applied in order,
// so nothing that happened between rendering and connecting is lost. A dropped connection resumes with
// last_event_id, and the status line says "Reconnecting…" meanwhile.

const statusLine = document.getElementById('live-status');

function showState(state) {
    if (!statusLine) {
        return;
    }
    statusLine.hidden = false;
    statusLine.dataset.state = state;
    statusLine.textContent = statusLine.dataset[`text${state[0].toUpperCase()}${state.slice(1)}`] ?? state;
}

/**
 * @param {{ topics: string, callId?: string, snapshot: () => Promise<void>, onEvent: (event: {id: number, type: string, data: any}) => void }} options
 */
export function connectLive({ topics, callId, snapshot, onEvent }) {
    let lastEventId = null;
    let held = null;
    let retries = 0;
    // Until a snapshot has been applied, every (re)connection fetches one: a replay alone would not cover
    // what happened before the first socket opened.
    let needsSnapshot = true;

    async function resync() {
        held ??= [];
        try {
            await snapshot();
            needsSnapshot = false;
        } finally {
            const waiting = held;
            held = null;
            waiting.forEach(onEvent);
        }
    }

    function deliver(event) {
        if (held) {
            held.push(event);
        } else {
            onEvent(event);
        }
    }

    function open() {
        const query = new URLSearchParams({ topics });
        if (callId) {
            query.set('call_id', callId);
        }
        const resuming = lastEventId !== null;
        if (resuming) {
            query.set('last_event_id', String(lastEventId));
        }
        const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
        const socket = new WebSocket(`${scheme}//${location.host}/ws/updates?${query}`);
        showState(retries === 0 && !resuming ? 'connecting' : 'reconnecting');

        socket.addEventListener('open', () => {
            retries = 0;
            showState('live');
            if (needsSnapshot) {
                resync().catch(() => socket.close());
            }
        });
        socket.addEventListener('message', message => {
            let event;
            try {
                event = JSON.parse(message.data);
            } catch {
                return;
            }
            if (event.type === 'sync:reset') {
                // Its id is where the live stream goes on from, even when that is behind what we had seen.
                lastEventId = typeof event.id === 'number' ? event.id : null;
                needsSnapshot = true;
                resync().catch(() => socket.close());
                return;
            }
            if (typeof event.id === 'number') {
                if (lastEventId !== null && event.id <= lastEventId) {
                    return;
                }
                lastEventId = event.id;
            }
            deliver(event);
        });
        socket.addEventListener('close', () => {
            showState('reconnecting');
            // Backoff with jitter, so a restarted API is not met by every page at once.
            const delay = Math.min(10000, 500 * 2 ** retries) * (0.75 + Math.random() / 2);
            retries++;
            setTimeout(open, delay);
        });
    }

    open();
}

/** Fetches this page's own snapshot handler (same query, so a filtered list stays filtered). */
export async function fetchSnapshot() {
    const url = new URL(location.href);
    url.searchParams.set('handler', 'Snapshot');
    const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
    if (new URL(response.url).pathname === '/Account/SignIn') {
        // The sign-in ran out: reloading shows the sign-in page, which brings the person back here.
        location.reload();
    }
    if (!response.ok) {
        throw new Error(`snapshot ${response.status}`);
    }
    return response.json();
}
