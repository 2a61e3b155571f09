// The console: a hash router over three views, and the API-key dialog.
import { apiKey, setApiKey, onUnauthorized, getJson, ApiError } from './api.js';
import { overview } from './overview.js';
import { streamPage } from './stream.js';
import { deadLetters } from './deadletters.js';

const view = document.getElementById('view');
const dialog = document.getElementById('key-dialog');
const keyForm = document.getElementById('key-form');
const keyInput = document.getElementById('key-input');
const keyError = document.getElementById('key-error');
const keyWhy = document.getElementById('key-why');
const keyButton = document.getElementById('key-button');

let current = null; // the shown view's stop()

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts, params: new URLSearchParams(query) };
}

function route() {
  const { parts, params } = parseHash();
  if (current) current();
  current = null;
  view.replaceChildren();
  document.querySelectorAll('[data-nav]').forEach((a) => {
    const active =
      (a.dataset.nav === 'streams' && (parts.length === 0 || parts[0] === 'streams')) ||
      a.dataset.nav === parts[0];
    if (active) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  if (parts[0] === 'streams' && parts[1]) {
    current = streamPage(view, parts[1], params);
  } else if (parts[0] === 'dead-letters') {
    current = deadLetters(view);
  } else {
    current = overview(view);
  }
}

function showKeyDialog(why, error) {
  keyWhy.textContent = why;
  keyError.hidden = !error;
  keyError.textContent = error || '';
  dialog.hidden = false;
  keyInput.value = '';
  keyInput.focus();
}

function hideKeyDialog() {
  dialog.hidden = true;
}

function updateKeyButton(authOn) {
  keyButton.hidden = !authOn && !apiKey();
  keyButton.textContent = apiKey() ? 'API key: set' : 'API key';
}

let authOn = false;

onUnauthorized((err) => {
  authOn = true;
  if (apiKey()) {
    setApiKey(null);
    showKeyDialog('This bridge needs an API key.', `The key was refused: ${err.detail || err.message}`);
  } else if (dialog.hidden) {
    showKeyDialog('This bridge needs an API key to show its streams.', null);
  }
  updateKeyButton(authOn);
});

keyForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const key = keyInput.value.trim();
  if (!key) return;
  setApiKey(key);
  keyError.hidden = true;
  try {
    await getJson('/v1/streams?scope=local');
    hideKeyDialog();
    updateKeyButton(authOn);
    route();
  } catch (e) {
    // a 401 reopens the dialog with the reason (onUnauthorized); anything else is shown here
    if (!(e instanceof ApiError) || e.status !== 401) {
      keyError.hidden = false;
      keyError.textContent = `The key could not be checked: ${e.message}`;
    }
  }
});

document.getElementById('key-forget').addEventListener('click', () => {
  setApiKey(null);
  updateKeyButton(authOn);
  showKeyDialog('Enter an API key.', null);
});

keyButton.addEventListener('click', () => showKeyDialog('Enter an API key.', null));

window.addEventListener('hashchange', route);
updateKeyButton(false);
route();
