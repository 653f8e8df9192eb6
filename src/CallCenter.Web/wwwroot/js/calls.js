// What the floor's pages share about calls.
const priorityRank = { urgent: 4, high: 3, medium: 2, low: 1 };

export const isOver = call => call.status === 'ended' || call.status === 'abandoned';

/** The order calls are served in: higher priority first, then the longest wait. */
export function queueOrder(a, b) {
    return (priorityRank[b.priority] ?? 0) - (priorityRank[a.priority] ?? 0)
        || String(a.queued_at).localeCompare(String(b.queued_at))
        || a.call_id.localeCompare(b.call_id);
}

export const isCallEvent = type => type.startsWith('call:');
