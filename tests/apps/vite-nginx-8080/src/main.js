import './style.css';
import { renderServices } from './services.js';

document.querySelector('#app').innerHTML = `
  <h1>Status dashboard</h1>
  <ul id="services"></ul>
`;
renderServices(document.querySelector('#services'), [
  { name: 'api', up: true },
  { name: 'worker', up: true },
  { name: 'mailer', up: false },
]);
