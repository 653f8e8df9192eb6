// The "temporarily unavailable" page, shown in place of a page read while the API was away: it waits out
// Retry-After, counting down, asks for the same address again and shows the real page once it answers.
const line = document.getElementById('unavailable-retry');
const fallbackSeconds = 2;
const stillAway = [502, 503, 504];

function secondsOf(retryAfter) {
    const seconds = Number.parseInt(retryAfter ?? '', 10);
    return Number.isFinite(seconds) && seconds > 0 ? seconds : fallbackSeconds;
}

function countDown(seconds) {
    let left = seconds;
    const show = () => {
        line.textContent = line.dataset.textWaiting.replace('{0}', left.toLocaleString(document.documentElement.lang));
    };
    show();
    const timer = setInterval(() => {
        left -= 1;
        if (left > 0) {
            show();
            return;
        }
        clearInterval(timer);
        askAgain();
    }, 1000);
}

async function askAgain() {
    line.textContent = line.dataset.textRetrying;
    try {
        const response = await fetch(location.href, { cache: 'no-store', credentials: 'same-origin', headers: { Accept: 'text/html' } });
        if (!stillAway.includes(response.status)) {
            location.reload();
            return;
        }
        countDown(secondsOf(response.headers.get('Retry-After')));
    } catch {
        // The Web app itself did not answer (restarting, say): keep asking.
        countDown(fallbackSeconds);
    }
}

countDown(secondsOf(line.dataset.retryAfter));
