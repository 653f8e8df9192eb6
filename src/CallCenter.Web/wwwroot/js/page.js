// Every page: times in the reader's language and zone, ticking durations.
import { setTime, tick } from './render.js';

document.querySelectorAll('time[datetime]').forEach(el => setTime(el, el.getAttribute('datetime')));
tick();
setInterval(tick, 1000);
