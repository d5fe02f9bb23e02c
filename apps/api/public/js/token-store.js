// The API token is kept for this tab (sessionStorage) unless the person asks to be remembered on this device.
const KEY = 'kontakt.api-token';

export function storedToken() {
  return sessionStorage.getItem(KEY) ?? localStorage.getItem(KEY);
}

export function storeToken(token, remember) {
  forgetToken();
  (remember ? localStorage : sessionStorage).setItem(KEY, token);
}

export function forgetToken() {
  sessionStorage.removeItem(KEY);
  localStorage.removeItem(KEY);
}
