export function renderServices(list, services) {
  list.innerHTML = services
    .map((s) => `<li class="${s.up ? 'up' : 'down'}">${s.name}: ${s.up ? 'up' : 'down'}</li>`)
    .join('');
}
