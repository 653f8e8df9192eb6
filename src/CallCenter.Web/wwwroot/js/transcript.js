// A call's transcript, live, and the box to speak into it (posted with fetch, so the page stays put).
import { LiveList } from './render.js';

export function liveTranscript() {
    const messages = new LiveList(document.getElementById('transcript'), document.getElementById('transcript-template'), {
        key: message => String(message.message_id),
        order: (a, b) => a.message_id - b.message_id,
    });
    const form = document.getElementById('say-form');
    form?.addEventListener('submit', event => {
        event.preventDefault();
        say(form, messages);
    });
    form?.querySelector('textarea')?.addEventListener('keydown', event => {
        // Enter sends, Shift+Enter breaks the line, as in any chat.
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            form.requestSubmit();
        }
    });
    return messages;
}

async function say(form, messages) {
    const box = form.querySelector('textarea');
    const error = form.querySelector('[data-error-for="content"]');
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
        const response = await fetch(form.action, {
            method: 'POST',
            body: new FormData(form),
            headers: { 'X-Requested-With': 'fetch', Accept: 'application/json' },
            credentials: 'same-origin',
        });
        const body = await response.json().catch(() => ({}));
        if (response.ok) {
            messages.upsert(body);
            box.value = '';
            error.textContent = '';
            box.removeAttribute('aria-invalid');
        } else {
            error.textContent = body.error ?? response.statusText;
            box.setAttribute('aria-invalid', 'true');
        }
    } catch {
        error.textContent = form.dataset.offline ?? 'Not sent: the connection dropped. Try again.';
    } finally {
        button.disabled = false;
        box.focus();
    }
}
